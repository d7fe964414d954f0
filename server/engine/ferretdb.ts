import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { MongoClient } from 'mongodb';

const execFileAsync = promisify(execFile);

const repoRoot = path.resolve(__dirname, '../..');
const goModuleDir = path.join(__dirname, 'ferretdb');
const binaryDir = path.join(repoRoot, '.engine');

/** The pinned FerretDB version, read from our Go module so the two can never disagree. */
export function pinnedFerretdbVersion(): string {
  const goMod = readFileSync(path.join(goModuleDir, 'go.mod'), 'utf8');
  const match = /github\.com\/FerretDB\/FerretDB (v[\d.]+)/.exec(goMod);
  if (!match?.[1]) throw new Error('server/engine/ferretdb/go.mod does not pin github.com/FerretDB/FerretDB');
  return match[1];
}

/**
 * The binary's name carries a hash of the Go sources and pins, so changing the pin (or our main.go)
 * yields a new name and a rebuild, while an unchanged tree reuses the binary already built.
 */
export function engineBinaryPath(): string {
  const hash = createHash('sha256');
  for (const file of ['go.mod', 'go.sum', 'main.go']) hash.update(readFileSync(path.join(goModuleDir, file)));
  return path.join(binaryDir, `ferretdb-${pinnedFerretdbVersion()}-${hash.digest('hex').slice(0, 12)}`);
}

/** Builds the embedded FerretDB with the Go toolchain when the binary for the current pin is missing. */
export async function ensureEngineBinary(log: (line: string) => void = () => {}): Promise<string> {
  const binary = engineBinaryPath();
  if (existsSync(binary)) return binary;
  mkdirSync(binaryDir, { recursive: true });
  log(`正在构建内置数据库引擎 FerretDB ${pinnedFerretdbVersion()}（首次约需 1–2 分钟）…`);
  // Build to a private name, then rename: two processes building at once both end with a whole file.
  const partial = `${binary}.${process.pid}.partial`;
  try {
    await execFileAsync('go', ['build', '-trimpath', '-o', partial, '.'], {
      cwd: goModuleDir,
      env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-buildvcs=false -mod=readonly' },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`Building FerretDB failed (is Go ≥ 1.24 installed?):\n${stderr.trim()}`, { cause: error });
  }
  renameSync(partial, binary);
  return binary;
}

export interface EngineHandle {
  /** `mongodb://127.0.0.1:PORT` without a database: callers append one per purpose. */
  baseUri: string;
  port: number;
  dataDir: string;
  /** The engine's recent output, for error messages. */
  logTail(): string;
  stop(): Promise<void>;
}

export interface StartEngineOptions {
  dataDir: string;
  /** Fixed port; by default a free loopback port is picked. */
  port?: number;
  readyTimeoutMs?: number;
  log?: (line: string) => void;
}

/** Starts FerretDB (SQLite backend) on loopback and resolves once it answers `ping`. */
export async function startEmbeddedEngine(options: StartEngineOptions): Promise<EngineHandle> {
  const binary = await ensureEngineBinary(options.log);
  mkdirSync(options.dataDir, { recursive: true });
  const port = options.port ?? (await freeLoopbackPort());
  const output: string[] = [];
  const child = spawn(binary, ['-listen', `127.0.0.1:${port}`, '-data-dir', path.resolve(options.dataDir), '-log-level', 'warn'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const remember = (chunk: Buffer) => {
    output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (output.length > 200) output.splice(0, output.length - 200);
  };
  child.stdout?.on('data', remember);
  child.stderr?.on('data', remember);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const handle: EngineHandle = {
    baseUri: `mongodb://127.0.0.1:${port}`,
    port,
    dataDir: options.dataDir,
    logTail: () => output.slice(-20).join('\n'),
    stop: async () => {
      process.removeListener('exit', killOnExit);
      await stopChild(child, exited);
    },
  };

  try {
    await waitForPing(handle.baseUri, options.readyTimeoutMs ?? 20_000, exited);
  } catch (error) {
    await handle.stop();
    throw new Error(`${(error as Error).message}\n--- FerretDB log (last lines) ---\n${handle.logTail() || '(empty)'}`, { cause: error });
  }
  return handle;
}

async function waitForPing(uri: string, timeoutMs: number, exited: Promise<number | null>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let processGone = false;
  void exited.then(() => (processGone = true));
  let lastError: unknown;
  while (Date.now() < deadline && !processGone) {
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 500, connectTimeoutMS: 500, directConnection: true });
    try {
      await client.connect();
      await client.db('admin').command({ ping: 1 });
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 150));
    } finally {
      await client.close().catch(() => {});
    }
  }
  if (processGone) throw new Error('FerretDB exited before it became ready');
  throw new Error(`FerretDB did not answer ping within ${timeoutMs} ms: ${(lastError as Error | undefined)?.message ?? ''}`);
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
