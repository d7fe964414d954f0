import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * The mini-program's package sizes as WeChat counts them: every file under the build, the main
 * package being all that is not in a subpackage's root. WeChat refuses a main package over 2 MB;
 * ours must stay within 1.5 MB so a release never meets that wall by surprise.
 */
export const MAIN_PACKAGE_BUDGET_BYTES = 1.5 * 1024 * 1024;
export const SUBPACKAGE_LIMIT_BYTES = 2 * 1024 * 1024;

export interface PackageSizes {
  main: number;
  subpackages: Record<string, number>;
  total: number;
}

/** Every file under `dir`, at any depth. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

export function measurePackages(buildDir: string): PackageSizes {
  const app = JSON.parse(readFileSync(join(buildDir, 'app.json'), 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] };
  const roots = (app.subPackages ?? app.subpackages ?? []).map((subpackage) => subpackage.root.replace(/\/$/, ''));
  const sizes: PackageSizes = { main: 0, subpackages: Object.fromEntries(roots.map((root) => [root, 0])), total: 0 };
  for (const file of filesUnder(buildDir)) {
    const bytes = statSync(file).size;
    const path = relative(buildDir, file).split(sep).join('/');
    const root = roots.find((candidate) => path.startsWith(`${candidate}/`));
    if (root === undefined) sizes.main += bytes;
    else sizes.subpackages[root] += bytes;
    sizes.total += bytes;
  }
  return sizes;
}

/** What is over its limit, in words; empty when the build may be uploaded. */
export function overBudget(sizes: PackageSizes): string[] {
  const problems: string[] = [];
  if (sizes.main > MAIN_PACKAGE_BUDGET_BYTES) problems.push(`主包 ${kib(sizes.main)} 超过预算 ${kib(MAIN_PACKAGE_BUDGET_BYTES)}`);
  for (const [root, bytes] of Object.entries(sizes.subpackages)) {
    if (bytes > SUBPACKAGE_LIMIT_BYTES) problems.push(`分包 ${root} ${kib(bytes)} 超过 ${kib(SUBPACKAGE_LIMIT_BYTES)}`);
  }
  return problems;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

function main(): void {
  const buildDir = process.argv[2] ?? 'dist/weapp';
  const sizes = measurePackages(buildDir);
  console.log(`main package   ${kib(sizes.main).padStart(12)}   (budget ${kib(MAIN_PACKAGE_BUDGET_BYTES)}, WeChat's limit 2048.0 KiB)`);
  for (const [root, bytes] of Object.entries(sizes.subpackages)) console.log(`${`subpackage ${root}`.padEnd(15)}${kib(bytes).padStart(12)}`);
  console.log(`total          ${kib(sizes.total).padStart(12)}`);
  const problems = overBudget(sizes);
  for (const problem of problems) console.error(problem);
  process.exitCode = problems.length === 0 ? 0 : 1;
}

if (process.argv[1]?.endsWith('package-sizes.ts')) main();
