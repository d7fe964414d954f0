import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { livePath } from '../shared/api/live';
import { openDatabase, syncIndexes } from '../server/db/connection';
import { seedDemoDistrict } from '../server/seed/seed';
import { startServerProcess } from '../server/testing/server-process';

/**
 * The live channel's figures, with the real server as a child process (its memory is its own):
 * - `ws_fanout_p50_ms` / `ws_fanout_p99_ms`: 1,000 subscribers on one case (half the filer, half
 *   the public); from the API call that adds a step to its arrival at every subscriber, over
 *   `changes` steps. Baseline: a bare server that writes one document and broadcasts one message
 *   of the same size to 1,000 sockets (bench/bare-live-server.ts).
 * - `ws_idle_rss_mb`: the server's resident memory with 10,000 idle signed-in connections.
 *   Baseline: the bare server's with 10,000 idle sockets.
 */
export async function measureLive(engineUri: string, workDir: string, options: { subscribers: number; idle: number; changes: number }) {
  const databaseUri = `${engineUri}/bench_live`;
  const database = await openDatabase(databaseUri);
  await syncIndexes(database);
  await seedDemoDistrict(database, { hashPasswords: false });
  await database.close();
  writeFileSync(path.join(workDir, 'index.html'), '<!doctype html><title>bench</title>');
  const server = await startServerProcess({
    databaseUri,
    workDir,
    env: {
      LIVE_MAX_CONNECTIONS_PER_ACCOUNT: '20000',
      LIVE_MAX_ANONYMOUS_PER_ADDRESS: '20000',
      LIVE_IDLE_TIMEOUT_MS: '3600000',
      HTTP_MAX_CONCURRENT_PER_CLIENT: '1000',
    },
  });
  const results: Record<string, unknown> = {};
  try {
    const resident = await devToken(server.base, 'resident01');
    const member = await devToken(server.base, 'member0101');
    const filed = await post(server.base, '/api/v1/cases', resident, { subcategoryCode: '05.01', description: '3栋电梯异响，夜间尤其明显', compoundCode: 'C001' });
    const caseId = filed.id as string;
    const wsUrl = server.base.replace(/^http/, 'ws') + livePath;

    // ---- fan-out: ours
    const subscribers = await connectMany(wsUrl, options.subscribers, (index) => (index % 2 === 0 ? resident : undefined));
    await Promise.all(subscribers.map((socket) => subscribeAndWait(socket, caseId)));
    let sample = '';
    const ours = await fanOut(subscribers, options.changes, async (round) => {
      await post(server.base, `/api/v1/cases/${caseId}/events/progress`, member, { note: `第${round + 1}次进展：已联系维保单位，明日上午到场检修` });
    }, (text) => (sample ||= text));
    await closeAll(subscribers);

    // ---- fan-out: the bare baseline
    const bare = await startBare(`${engineUri}/bench_live_bare`, sample);
    try {
      const bareUrl = `ws://127.0.0.1:${bare.port}/`;
      const bareSockets = await connectMany(bareUrl, options.subscribers, () => undefined);
      const baseline = await fanOut(bareSockets, options.changes, async () => {
        const response = await fetch(`http://127.0.0.1:${bare.port}/touch`, { method: 'POST' });
        await response.text();
      });
      await closeAll(bareSockets);
      results.ws_fanout_p50_ms = latencyFigure(percentile(ours, 0.5), percentile(baseline, 0.5));
      results.ws_fanout_p99_ms = { ...latencyFigure(percentile(ours, 0.99), percentile(baseline, 0.99)), target: 100 };
      console.log('ws_fanout_p50_ms', results.ws_fanout_p50_ms);
      console.log('ws_fanout_p99_ms', results.ws_fanout_p99_ms);

      // ---- idle memory
      const oursBefore = rssMb(server.child);
      const idle = await connectMany(wsUrl, options.idle, () => resident);
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const oursIdle = rssMb(server.child);
      await closeAll(idle);
      const bareIdle = await connectMany(bareUrl, options.idle, () => undefined);
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const bareRss = rssMb(bare.child);
      await closeAll(bareIdle);
      results.ws_idle_rss_mb = {
        value: round1(oursIdle),
        unit: 'MB',
        baseline: round1(bareRss),
        ratio: Math.round((oursIdle / bareRss) * 1000) / 1000,
        target: 250,
        before_connections_mb: round1(oursBefore),
        per_connection_kb: round1(((oursIdle - oursBefore) * 1024) / options.idle),
        connections: options.idle,
      };
      console.log('ws_idle_rss_mb', results.ws_idle_rss_mb);
    } finally {
      bare.child.kill('SIGKILL');
    }
  } finally {
    await server.stop();
  }
  return results;
}

async function devToken(base: string, username: string): Promise<string> {
  const body = await post(base, '/api/v1/auth/dev-login', undefined, { username });
  return body.token as string;
}

async function post(base: string, route: string, token: string | undefined, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(base + route, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`POST ${route}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** Opens `count` sockets, 200 at a time; those given a token sign in and are ready when the server says so. */
async function connectMany(url: string, count: number, tokenFor: (index: number) => string | undefined): Promise<WebSocket[]> {
  const sockets: WebSocket[] = [];
  for (let start = 0; start < count; start += 200) {
    const batch = Array.from({ length: Math.min(200, count - start) }, (_, offset) => openOne(url, tokenFor(start + offset)));
    sockets.push(...(await Promise.all(batch)));
  }
  return sockets;
}

function openOne(url: string, token: string | undefined): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    socket.once('error', reject);
    socket.once('open', () => {
      if (!token) return resolve(socket);
      socket.send(JSON.stringify({ type: 'auth', token }));
      socket.once('message', (data) => {
        const message = JSON.parse(data.toString()) as { type: string };
        if (message.type === 'ready') resolve(socket);
        else reject(new Error(`auth refused: ${data.toString()}`));
      });
    });
  });
}

function subscribeAndWait(socket: WebSocket, caseId: string): Promise<void> {
  return new Promise((resolve) => {
    const listen = (data: WebSocket.RawData) => {
      if ((JSON.parse(data.toString()) as { type: string }).type === 'case.entries') {
        socket.off('message', listen);
        resolve();
      }
    };
    socket.on('message', listen);
    socket.send(JSON.stringify({ type: 'subscribe', id: 'bench', topic: 'case', caseId }));
  });
}

/** Per round: the change, then the time until each socket's next message; all rounds' samples. */
async function fanOut(sockets: WebSocket[], rounds: number, change: (round: number) => Promise<void>, keep?: (text: string) => void): Promise<number[]> {
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    const arrivals = sockets.map(
      (socket) =>
        new Promise<number>((resolve) =>
          socket.once('message', (data) => {
            keep?.(data.toString());
            resolve(performance.now() - started);
          }),
        ),
    );
    await change(round);
    samples.push(...(await Promise.all(arrivals)));
  }
  return samples;
}

async function closeAll(sockets: WebSocket[]): Promise<void> {
  await Promise.all(
    sockets.map(
      (socket) =>
        new Promise<void>((resolve) => {
          if (socket.readyState === WebSocket.CLOSED) return resolve();
          socket.once('close', () => resolve());
          socket.terminate();
        }),
    ),
  );
}

async function startBare(databaseUri: string, payload: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'bare-live-server.ts')], {
    env: { ...process.env, MONGODB_URI: databaseUri, BARE_PAYLOAD: payload },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    child.once('exit', (code) => reject(new Error(`bare live server exited (${code})`)));
  });
  return { child, port };
}

/** Resident memory of a child process, from /proc (Linux). */
function rssMb(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
  return kb / 1024;
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Lower is better here: the ratio is ours over the baseline's. */
function latencyFigure(value: number, baseline: number) {
  return { value: round1(value), unit: 'ms', baseline: round1(baseline), ratio: Math.round((value / baseline) * 1000) / 1000 };
}
