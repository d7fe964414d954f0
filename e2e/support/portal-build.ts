import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
/** Where `npm run build:h5` writes the portal (Taro's `outputRoot`), and what the server serves at `/`. */
export const h5Dir = path.join(repoRoot, 'dist', 'h5');

/** What goes into the H5 build: the app, the shared code it imports, the build config and the dependencies. */
const sourceRoots = ['miniprogram', 'shared', 'config'];
const sourceFiles = ['package.json', 'package-lock.json', 'babel.config.js', 'project.config.json', '.env', '.env.production'];

/** The newest modification time (ms) among the portal's sources; tests of shared/ do not count. */
export function newestSourceTime(root = repoRoot): number {
  let newest = 0;
  const visit = (file: string) => {
    const stat = statSync(file, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const entry of readdirSync(file)) if (entry !== 'node_modules') visit(path.join(file, entry));
    } else if (!/\.test\.tsx?$/.test(file)) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const item of [...sourceRoots, ...sourceFiles]) visit(path.join(root, item));
  return newest;
}

/**
 * Why the portal in `dir` must be built again, or undefined when it is up to date: its index.html
 * is there, no newer than nothing among the sources, and every script and style it names exists
 * (a build stopped half-way leaves an index.html without them).
 */
export function portalStaleReason(dir = h5Dir, root = repoRoot): string | undefined {
  const index = path.join(dir, 'index.html');
  const stat = statSync(index, { throwIfNoEntry: false });
  if (!stat) return `${path.relative(root, index)} is missing`;
  if (stat.mtimeMs < newestSourceTime(root)) return 'sources changed since the last build';
  const html = readFileSync(index, 'utf8');
  for (const match of html.matchAll(/(?:src|href)="\/?([^"?#:]+\.(?:js|css))"/g)) {
    if (!existsSync(path.join(dir, match[1]!))) return `${match[1]} named by index.html is missing`;
  }
  return undefined;
}

export interface PortalBuild {
  /** Resolves when the build succeeded; rejects with the tail of its output. */
  done: Promise<void>;
  /** Ends the build and whatever it started (it runs in a process group of its own). */
  cancel(): void;
}

/**
 * `taro build --type h5` into dist/h5, as `npm run build:h5` does, with the API on the page's own
 * origin whatever `TARO_APP_API_BASE` says in this shell (the portal under test is served by the
 * server under test).
 */
export function startPortalBuild(): PortalBuild {
  const child = spawn(path.join(repoRoot, 'node_modules', '.bin', 'taro'), ['build', '--type', 'h5'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production', TARO_APP_API_BASE: '' },
    detached: true,
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-6000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const done = new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`H5 portal build failed (${signal ?? `exit ${code}`}):\n${output}`))));
  });
  return {
    done,
    cancel: () => {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    },
  };
}
