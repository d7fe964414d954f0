import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import path from 'node:path';
import { MongoClient } from 'mongodb';

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

/**
 * Builds the embedded FerretDB with the Go toolchain when the binary for the current pin is missing.
 * On a fresh machine that means downloading the Go modules (about 125 MB, 630 MB unpacked) and compiling about 540
 * packages: both steps report progress every few seconds, so a first start is not silent.
 */
export async function ensureEngineBinary(log: (line: string) => void = () => {}): Promise<string> {
  const binary = engineBinaryPath();
  if (existsSync(binary)) return binary;
  mkdirSync(binaryDir, { recursive: true });
  log(`正在构建内置数据库引擎 FerretDB ${pinnedFerretdbVersion()}（首次需下载约 125 MB 的 Go 模块并编译约 2 分钟，占用磁盘约 1.3 GB；之后启动直接复用）…`);
  // Build to a private name, then rename: two processes building at once both end with a whole file.
  const partial = `${binary}.${process.pid}.partial`;
  const started = Date.now();
  try {
    const modules = requiredModuleCount();
    let fetched = 0;
    const downloads = throttled(log, progressIntervalMs);
    await runGo(['mod', 'download', '-x'], (line) => {
      // With -x every finished archive is one "# get …/@v/VERSION.zip: 200 OK" line; cached modules print nothing.
      if (/\.zip: 200 OK/.test(line)) downloads(`  下载 Go 模块：${++fetched}/${modules}（已用 ${seconds(started)} 秒）`);
    });
    if (fetched > 0) log(`  已下载 ${fetched} 个 Go 模块（${seconds(started)} 秒）`);

    const packages = (await runGo(['list', '-deps', '.'])).filter(Boolean).length;
    let compiled = 0;
    const compiling = throttled(log, progressIntervalMs);
    // -v names each package as it is compiled (packages in the build cache are skipped silently).
    await runGo(['build', '-v', '-trimpath', '-o', partial, '.'], () => compiling(`  编译：${++compiled}/${packages} 个包（已用 ${seconds(started)} 秒）`));
  } catch (error) {
    throw new Error(`Building FerretDB failed (is Go ≥ 1.24 installed?):\n${(error as Error).message}`, { cause: error });
  }
  renameSync(partial, binary);
  log(`内置数据库引擎构建完成（${seconds(started)} 秒）：${binary}`);
  return binary;
}

const progressIntervalMs = 3_000;

function seconds(since: number): number {
  return Math.round((Date.now() - since) / 1000);
}

/** A reporter that passes a line on at most once per interval, so progress reads as a pulse, not a flood. */
function throttled(log: (line: string) => void, intervalMs: number): (line: string) => void {
  let last = 0;
  return (line) => {
    if (Date.now() - last < intervalMs) return;
    last = Date.now();
    log(line);
  };
}

/** Modules whose archives the build needs: the `h1:` sums of whole modules (not of their go.mod) in go.sum. */
function requiredModuleCount(): number {
  return readFileSync(path.join(goModuleDir, 'go.sum'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.includes('/go.mod ')).length;
}

/** Runs `go ARGS` in our module, calling `onStderrLine` per line of its stderr; resolves with stdout's lines. */
function runGo(args: string[], onStderrLine: (line: string) => void = () => {}): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn('go', args, {
      cwd: goModuleDir,
      env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-buildvcs=false -mod=readonly' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let pending = '';
    const tail: string[] = [];
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString('utf8')).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        tail.push(line);
        if (tail.length > 40) tail.shift();
        onStderrLine(line);
      }
    });
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) resolve(stdout.split('\n'));
      else reject(new Error(`go ${args.join(' ')} exited with ${code}:\n${[...tail, pending].join('\n').trim()}`));
    });
  });
}

export interface EngineHandle {
  /** `mongodb://127.0.0.1:PORT` without a database: callers append one per purpose. */
  baseUri: string;
  port: number;
  /** The engine's process id. */
  pid: number;
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
  // stdin is a pipe we never write to: the engine stops when it reads EOF, which the kernel
  // delivers however this process ends (kill -9 included), so the engine never outlives us.
  const child = spawn(binary, ['-listen', `127.0.0.1:${port}`, '-data-dir', path.resolve(options.dataDir), '-log-level', 'warn', '-exit-on-stdin-eof'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  // The engine's stdin must neither keep our event loop alive nor crash us if it closes first.
  child.stdin?.on('error', () => {});
  (child.stdin as Socket | null)?.unref();
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
    pid: child.pid ?? -1,
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
