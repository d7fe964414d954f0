import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

// `npm start` as real processes: the server, the engine it spawns, and how both end. One data
// dir for the whole file, so only the first start seeds the demo district.
const repoRoot = path.resolve(__dirname, '..');
const workDir = mkdtempSync(path.join(tmpdir(), 'gzbh-main-'));
const h5Dir = path.join(workDir, 'h5');
mkdirSync(h5Dir);
// An existing index.html makes ensurePortalBuilt skip the Taro build.
writeFileSync(path.join(h5Dir, 'index.html'), '<!doctype html><title>test</title>');

interface Started {
  launcher: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  url: string;
  serverPid: number;
  enginePid: number;
  logLines(): Record<string, unknown>[];
}

const started: Started[] = [];

async function start(command: string, args: string[]): Promise<Started> {
  const launcher = spawn(command, args, {
    cwd: repoRoot,
    // Its own process group, so a failed test can clean up everything it started.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'development',
      MONGODB_URI: '',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: path.join(workDir, 'data'),
      H5_DIR: h5Dir,
      LOG_LEVEL: 'info',
    },
  });
  let stdout = '';
  let stderr = '';
  launcher.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  launcher.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => launcher.once('exit', (code, signal) => resolve({ code, signal })));
  const logLines = () =>
    stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  const deadline = Date.now() + 60_000;
  let url: string | undefined;
  while (!url) {
    url = /接口: (http:\/\/127\.0\.0\.1:\d+\/)api\/health/.exec(stdout)?.[1];
    if (launcher.exitCode !== null || Date.now() > deadline) throw new Error(`main did not start:\n${stdout}\n${stderr}`);
    await sleep(100);
  }
  const engineLine = logLines().find((line) => typeof line.enginePid === 'number');
  if (!engineLine) throw new Error(`no engine pid logged:\n${stdout}`);
  const handle = { launcher, exited, url, serverPid: engineLine.pid as number, enginePid: engineLine.enginePid as number, logLines };
  started.push(handle);
  return handle;
}

const startMain = () => start(process.execPath, ['--import', 'tsx', 'server/main.ts']);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function goneWithin(pid: number, ms: number): Promise<number> {
  const since = Date.now();
  while (alive(pid)) {
    if (Date.now() - since > ms) throw new Error(`process ${pid} still running after ${ms} ms`);
    await sleep(50);
  }
  return Date.now() - since;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(() => {
  for (const { launcher, serverPid, enginePid } of started.splice(0)) {
    for (const pid of [enginePid, serverPid]) if (alive(pid)) process.kill(pid, 'SIGKILL');
    try {
      process.kill(-launcher.pid!, 'SIGKILL');
    } catch {
      // The group is already gone: the normal case.
    }
  }
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe.runIf(!process.env.TEST_MONGODB_URI)('npm start as processes', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('%s stops the server and the engine cleanly with exit code 0', async (signal) => {
    const main = await startMain();
    expect((await fetch(`${main.url}api/health`)).status).toBe(200);
    expect(alive(main.enginePid)).toBe(true);

    main.launcher.kill(signal);
    expect(await main.exited).toEqual({ code: 0, signal: null });
    await goneWithin(main.enginePid, 2_000);
    expect(main.logLines().map((line) => line.msg)).toEqual(expect.arrayContaining(['正在停止', '已停止']));
  });

  it('takes the engine down with it when the server is killed with SIGKILL', async () => {
    const main = await startMain();
    expect(alive(main.enginePid)).toBe(true);

    main.launcher.kill('SIGKILL');
    await main.exited;
    // No handler of ours runs on SIGKILL: the engine notices its stdin closing and stops itself.
    const took = await goneWithin(main.enginePid, 8_000);
    expect(took).toBeLessThan(8_000);
  });

  it('SIGTERM to `npm start` leaves no server and no engine behind', async () => {
    const npm = await start('npm', ['start', '--silent']);
    expect(npm.serverPid).not.toBe(npm.launcher.pid);

    npm.launcher.kill('SIGTERM');
    await npm.exited;
    await goneWithin(npm.serverPid, 8_000);
    await goneWithin(npm.enginePid, 8_000);
    expect(npm.logLines().map((line) => line.msg)).toContain('已停止');
  });
});
