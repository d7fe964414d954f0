import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Koa from 'koa';
import Router from '@koa/router';
import pino from 'pino';
import { openDatabase, syncIndexes, type Database } from '../server/db/connection';
import { startEmbeddedEngine } from '../server/engine/ferretdb';
import { createApp } from '../server/http/app';
import { buildUseCases } from '../server/wiring';
import { loadConfig } from '../server/config';
import { ReferenceData } from '../server/reference/reference-data';
import { seedDemoDistrict } from '../server/seed/seed';
import { compare, type LoadOptions } from './load';
import { measureLive } from './live';
import { measureVote } from './vote';
import { measureDashboard } from './dashboard';
import { measureVisitWorklist } from './visits';
import { bareCaseApp, benchPoint, benchSubcategoryCode, storeCopies } from './cases';
import { findAccountByLoginKey, tokenIdentityOf } from '../server/auth/accounts';
import { signAccessToken } from '../server/auth/tokens';

/**
 * `npm run bench`: our endpoints against baselines doing the same work with less machinery,
 * measured in the same run on the same engine; writes bench/results.json.
 */
async function run(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gzbh-bench-'));
  const engine = await startEmbeddedEngine({ dataDir });
  const database = await openDatabase(`${engine.baseUri}/bench`);
  await syncIndexes(database);
  const options: LoadOptions & { rounds: number } = {
    connections: Number(process.env.BENCH_CONNECTIONS ?? 10),
    seconds: Number(process.env.BENCH_SECONDS ?? 5),
    rounds: Number(process.env.BENCH_ROUNDS ?? 3),
  };

  await seedDemoDistrict(database, { hashPasswords: false });
  const reference = await ReferenceData.load(database);
  // All load comes from one address: the per-client limit stays in the measured path but must not refuse it.
  const config = loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir, HTTP_MAX_CONCURRENT_PER_CLIENT: String(Math.max(32, options.connections * 2)) });
  const now = () => new Date();
  const useCases = buildUseCases({ database, reference, now, uploadsDir: config.uploads.dir });
  const ours = await listen(createApp({ useCases, logger: pino({ level: 'silent' }), config, now }));
  const bare = await listen(bareHealthApp(database));
  const results: Record<string, unknown> = {};
  try {
    if (wanted('health')) results.health = await compare({ url: `${ours.url}/api/health` }, { url: `${bare.url}/api/health` }, options);
    console.log('health', results.health);

    // Cases: one filed through the API is the template of 2,000 already stored.
    const token = signAccessToken(await identityFor(database, 'member0101'), config.jwt);
    const dispatcherToken = signAccessToken(await identityFor(database, 'street01'), config.jwt);
    const body = JSON.stringify({ subcategoryCode: await benchSubcategoryCode(reference), description: '路口井盖松动，车辆经过时有响声', location: benchPoint });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const first = await fetch(`${ours.url}/api/v1/cases`, { method: 'POST', headers, body });
    if (first.status !== 201) throw new Error(`filing for the template failed: ${first.status} ${await first.text()}`);
    const template = await database.models.Case.collection.findOne({ _id: ((await first.json()) as { id: string }).id } as never);
    // The inbox is measured on 200 stored cases: FerretDB scans and sorts the whole collection for
    // it (MongoDB walks the index), so a bigger one would only measure the engine's scan and make
    // our own overhead vanish from the ratio. 200 fill the first page ten times over.
    await storeCopies(database, template!, 199);
    const bareCases = await listen(bareCaseApp(database, template!));
    try {
      if (wanted('inbox_list')) results.inbox_list = await compare(
        { url: `${ours.url}/api/v1/cases?view=inbox`, headers: { authorization: `Bearer ${dispatcherToken}` } },
        { url: `${bareCases.url}/bare/inbox` },
        options,
      );
      console.log('inbox_list', results.inbox_list);
      await storeCopies(database, template!, 1_801, 199);
      // Filing is measured with 2,000 cases already stored.
      if (wanted('case_create')) results.case_create = await compare(
        { url: `${ours.url}/api/v1/cases`, method: 'POST', headers, body },
        { url: `${bareCases.url}/bare/cases`, method: 'POST', headers: { 'content-type': 'application/json' }, body },
        options,
      );
      console.log('case_create', results.case_create);
    } finally {
      await bareCases.close();
    }
    if (wanted('visit_worklist')) {
      results.visit_worklist = await measureVisitWorklist(database, reference, config, listen, options, Number(process.env.BENCH_VISIT_PEOPLE ?? 200));
      console.log('visit_worklist', results.visit_worklist);
    }
    if (wanted('vote')) {
      results.vote = await measureVote(engine.baseUri, dataDir, { voters: Number(process.env.BENCH_VOTERS ?? 500), rounds: options.rounds });
      console.log('vote', results.vote);
    }
    if (wanted('dashboard') || wanted('dashboard_year_ms') || wanted('dashboard_growth')) {
      Object.assign(
        results,
        await measureDashboard(engine.baseUri, dataDir, {
          cases: Number(process.env.BENCH_DASHBOARD_CASES ?? 85_000),
          smallCases: Number(process.env.BENCH_DASHBOARD_SMALL_CASES ?? 2_000),
          samples: Number(process.env.BENCH_DASHBOARD_SAMPLES ?? 40),
        }),
      );
    }
    if (wanted('ws_fanout') || wanted('ws_idle_rss_mb')) {
      const live = await measureLive(engine.baseUri, dataDir, {
        subscribers: Number(process.env.BENCH_WS_SUBSCRIBERS ?? 1_000),
        idle: Number(process.env.BENCH_WS_IDLE ?? 10_000),
        changes: Number(process.env.BENCH_WS_CHANGES ?? 20),
      });
      Object.assign(results, live);
    }
  } finally {
    await ours.close();
    await bare.close();
    await database.close();
    await engine.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const file = path.join(__dirname, 'results.json');
  // A partial run (BENCH_ONLY) updates its figures and keeps the others from the last full run.
  const previous = onlyFigures() && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(file, `${JSON.stringify({ ...previous, ...results, _meta: { engine: 'ferretdb', ...options, at: new Date().toISOString() } }, null, 2)}\n`);
  console.log(`written ${file}`);
}

/** The same answer as our health route, from a bare Koa route: what a health check costs at least. */
function bareHealthApp(database: Database): Koa {
  const app = new Koa();
  const router = new Router();
  router.get('/api/health', async (ctx) => {
    await database.connection.db!.command({ ping: 1 });
    ctx.body = { status: 'ok', db: 'ok', engine: database.engine };
  });
  app.use(router.routes());
  return app;
}

/** `BENCH_ONLY=case_create,inbox_list` or `npm run bench -- vote health` measures a subset. */
function onlyFigures(): string[] | undefined {
  const named = [...(process.env.BENCH_ONLY?.split(',') ?? []), ...process.argv.slice(2)].map((name) => name.trim()).filter(Boolean);
  return named.length ? named : undefined;
}

function wanted(figure: string): boolean {
  const only = onlyFigures();
  return !only || only.includes(figure);
}

async function identityFor(database: Database, username: string) {
  const account = await findAccountByLoginKey(database, `pw:${username}`);
  if (!account) throw new Error(`no demo account ${username}`);
  return tokenIdentityOf(account);
}

async function listen(app: Koa) {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

run().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
