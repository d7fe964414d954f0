import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles, type Role } from '../../shared/domain/roles';
import { generateDistrict } from '../seed/district';
import { startTestApp, type TestApp } from '../testing/app';
import { ensureSchemathesis } from '../testing/schemathesis';

/**
 * The API against its own document, driven by an outside schema-driven fuzzer (schemathesis):
 * every operation, as every role and as nobody, with the document's schemas deciding what is
 * sent and what may come back. Bounded (examples per operation, one worker, a fixed seed) so the
 * whole file stays within a few minutes on a busy machine.
 */

const SEED = 20260309;
const checks = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_schema_conformance',
  'positive_data_acceptance',
  'unsupported_method',
  'allow_header_conformance',
];

let app: TestApp;
let schemathesis: string;
let reports: string;
let configFile: string;
const caseIds: string[] = [];

beforeAll(async () => {
  schemathesis = await ensureSchemathesis((line) => console.log(line));
  // The fake WeChat server answers the mini-program sign-in: without it that route is a 503.
  app = await startTestApp({ label: 'fuzz', wechat: true });
  reports = mkdtempSync(path.join(tmpdir(), 'gzbh-fuzz-'));
  configFile = path.join(reports, 'schemathesis.toml');
  writeFileSync(configFile, `${readFileSync(path.join(import.meta.dirname, 'schemathesis.toml'), 'utf8')}\n${await caseDictionary()}`);
}, 600_000);

/**
 * Real cases for the fuzzer to act on: random ids only ever find nothing (404), so most case
 * operations would never reach their rules. Filed by a resident in grid 0101 (in reach of its
 * grid, community, street and the district), and offered for `{id}` and merge targets.
 */
async function caseDictionary(): Promise<string> {
  const token = await app.token('resident01');
  const catalog = await app.reference.latestCatalog(app.clock.now().getTime());
  const noPhoto = catalog.categories.flatMap((category) => category.subcategories).filter((subcategory) => !subcategory.photoRequiredToFile);
  const compound = [...app.reference.compounds.values()].find((candidate) => candidate.gridCode === app.reference.grids.values().next().value!.code)!;
  const ids = caseIds;
  for (const subcategory of noPhoto.slice(0, 4)) {
    const filed = await app.server.request('POST', '/api/v1/cases', { token, body: { subcategoryCode: subcategory.code, description: '楼道里堆放杂物，影响通行', compoundCode: compound.code } });
    if (filed.status !== 201) throw new Error(`filing a case for the fuzzer: ${filed.status} ${JSON.stringify(filed.body)}`);
    ids.push(filed.body.id as string);
  }
  const values = JSON.stringify(ids);
  return [
    `[dictionaries.cases]`,
    `values = ${values}`,
    ``,
    `[[operations]]`,
    `include-operation-id-regex = '^(actOnCase_.*|getCase|followCase)$'`,
    `parameters = { "path.id" = { dictionary = "cases", probability = 0.8 }, "body.intoCaseId" = { dictionary = "cases", probability = 0.8 } }`,
    ``,
  ].join('\n');
}
afterAll(async () => {
  await app?.close();
  if (reports) rmSync(reports, { recursive: true, force: true });
});

const demoAccounts = generateDistrict().accounts;
/** The first demo account the seed makes for a role. */
const accountOf = (role: Role) => demoAccounts.find((account) => account.role === role)!.username;

interface RunResult {
  code: number | null;
  output: string;
}

interface RunOptions {
  label: string;
  token?: string;
  phases: string;
  maxExamples: number;
}

function runSchemathesis({ label, token, phases, maxExamples }: RunOptions): Promise<RunResult> {
  const args = [
    '--config-file',
    configFile,
    '--no-color',
    'run',
    `${app.server.url}/api/openapi.json`,
    '--checks',
    checks.join(','),
    '--phases',
    phases,
    '--max-examples',
    String(maxExamples),
    '--seed',
    String(SEED),
    '--workers',
    '1',
    '--no-shrink',
    '--generation-database',
    'none',
    '--request-timeout',
    '10',
    '--report',
    'junit',
    '--report-junit-path',
    path.join(reports, `${label}.xml`),
    ...(token ? ['--header', `Authorization: Bearer ${token}`] : []),
  ];
  return new Promise((resolve) => {
    execFile(schemathesis, args, { cwd: reports, maxBuffer: 64 * 1024 * 1024, timeout: 170_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, output: `${stdout}\n${stderr}` });
    });
  });
}

/** Test cases and failures as the JUnit report counts them. */
function counts(label: string, output: string): { tests: number; failures: number; errors: number } {
  let xml: string;
  try {
    xml = readFileSync(path.join(reports, `${label}.xml`), 'utf8');
  } catch {
    throw new Error(`schemathesis wrote no report:\n${output.slice(-20_000)}`);
  }
  const sum = (attribute: string) => [...xml.matchAll(new RegExp(`<testsuite [^>]*\\b${attribute}="(\\d+)"`, 'g'))].reduce((total, match) => total + Number(match[1]), 0);
  return { tests: sum('tests'), failures: sum('failures'), errors: sum('errors') };
}

describe('the API under a schema-driven fuzzer', () => {
  // Every phase (coverage of each parameter's edges, random fuzzing, stateful sequences through the
  // document's links) once, as the district centre, who may reach the most; then random fuzzing
  // of every operation as nobody and as each other role. Both modes: valid data must be taken,
  // invalid data refused with a documented 4xx.
  const identities: (Omit<RunOptions, 'token'> & { username?: string })[] = [
    { label: 'district_dispatcher', username: accountOf('district_dispatcher'), phases: 'coverage,fuzzing,stateful', maxExamples: 5 },
    { label: 'anonymous', phases: 'fuzzing', maxExamples: 5 },
    ...roles.filter((role) => role !== 'district_dispatcher').map((role) => ({ label: role, username: accountOf(role), phases: 'fuzzing', maxExamples: 5 })),
  ];

  it.each(identities)(
    'as $label: no server error, no valid request refused, no response outside its schema',
    async ({ username, ...options }) => {
      const token = username ? await app.token(username) : undefined;
      const started = Date.now();
      const result = await runSchemathesis({ ...options, token });
      const { tests, failures, errors } = counts(options.label, result.output);
      const generated = /(\d+) generated/.exec(result.output)?.[1] ?? '?';
      console.log(`fuzz ${options.label}: ${tests} operations, ${generated} requests, ${failures} failures, ${errors} errors, ${((Date.now() - started) / 1000).toFixed(1)} s`);
      if (process.env.FUZZ_VERBOSE) console.log(result.output);
      expect({ code: result.code, failures, errors }, result.output.slice(-20_000)).toEqual({ code: 0, failures: 0, errors: 0 });
      expect(tests).toBeGreaterThan(30);
    },
    180_000,
  );
});
