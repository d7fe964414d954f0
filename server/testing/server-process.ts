import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../..');

/** A port free on loopback now (the system picks it), for a child process to listen on. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  /** `http://127.0.0.1:PORT` */
  base: string;
  child: ChildProcess;
  exited: Promise<void>;
  /** SIGTERM, and SIGKILL if it has not ended within 10 s. */
  stop(): Promise<void>;
}

/**
 * The real server (`server/main.ts`) as a child process, ready when `/api/health` answers.
 * `env` adds to (and overrides) a development environment on `databaseUri`, with `workDir` as its
 * data dir and a stand-in portal (`workDir/index.html` must exist, so Taro is not started).
 */
export async function startServerProcess(options: { databaseUri: string; workDir: string; env?: Record<string, string> }): Promise<ServerProcess> {
  const port = await freePort();
  // Node itself with tsx as a loader: the `tsx` command would run the server in a child process
  // of its own, and a kill would end only the wrapper, leaving the server running.
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      MONGODB_URI: options.databaseUri,
      PORT: String(port),
      HOST: '127.0.0.1',
      H5_DIR: options.workDir,
      DATA_DIR: path.join(options.workDir, 'data'),
      JWT_SECRET: 'server-process-test-secret-0123456789abcdef',
      LOG_LEVEL: 'error',
      ...options.env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited at start (${child.exitCode}):\n${stderr}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready in 30 s:\n${stderr}`);
    }
    if (await fetch(`${base}/api/health`).then((response) => response.ok, () => false)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    base,
    child,
    exited,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
