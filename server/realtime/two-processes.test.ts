import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { livePath } from '../../shared/api/live';
import { openDatabase, syncIndexes, type Database } from '../db/connection';
import { seedDemoDistrict } from '../seed/seed';
import { connectLive, type LiveTestClient } from '../testing/live';
import { startRedis, type RedisServer } from '../testing/redis';
import { startServerProcess, type ServerProcess } from '../testing/server-process';

/**
 * Two real server processes behind one Redis: the writer (the API calls and the job runner) and a
 * reader that only serves sockets (`RUN_JOBS=false`; FerretDB takes one writing process). A
 * resident connected to the reader sees every step written through the writer, in order, once.
 */

let database: Database;
let databaseUri: string;
let redis: RedisServer;
let writer: ServerProcess;
let reader: ServerProcess;
const workDir = mkdtempSync(path.join(tmpdir(), 'gzbh-two-'));
const clients: LiveTestClient[] = [];

beforeAll(async () => {
  databaseUri = `${inject('engineUri')}/two_${randomBytes(4).toString('hex')}`;
  database = await openDatabase(databaseUri);
  await syncIndexes(database);
  await seedDemoDistrict(database, { hashPasswords: false });
  writeFileSync(path.join(workDir, 'index.html'), '<!doctype html><title>test</title>');
  redis = await startRedis();
  // The reader first: each process syncs indexes at start, and only one may write at a time.
  reader = await startServerProcess({ databaseUri, workDir, env: { REDIS_URL: redis.url, RUN_JOBS: 'false' } });
  writer = await startServerProcess({ databaseUri, workDir, env: { REDIS_URL: redis.url } });
}, 180_000);

afterAll(async () => {
  for (const client of clients) client.close();
  await Promise.allSettled([writer?.stop(), reader?.stop()]);
  await redis?.stop();
  await database?.connection.dropDatabase();
  await database?.close();
  rmSync(workDir, { recursive: true, force: true });
});

async function call(base: string, method: string, route: string, token: string, body?: unknown) {
  const response = await fetch(base + route, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

async function tokenOf(username: string): Promise<string> {
  const response = await fetch(`${writer.base}/api/v1/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username }) });
  const body = (await response.json()) as { token?: string };
  if (!body.token) throw new Error(`dev-login ${username}: ${response.status} ${JSON.stringify(body)}`);
  return body.token;
}

const wsOf = (process: ServerProcess) => process.base.replace(/^http/, 'ws') + livePath;

it('a client on the reading process receives every step written through the other, in order, once', async () => {
  const resident = await tokenOf('resident01');
  const street = await tokenOf('street01');
  const pm = await tokenOf('pm01');
  const filed = await call(writer.base, 'POST', '/api/v1/cases', resident, { subcategoryCode: '05.01', description: '3栋电梯异响，夜间尤其明显', compoundCode: 'C001' });
  const caseId = filed.id as string;

  const onReader = await connectLive(wsOf(reader), { token: resident });
  const onWriter = await connectLive(wsOf(writer), { token: resident });
  clients.push(onReader, onWriter);
  for (const client of [onReader, onWriter]) client.send({ type: 'subscribe', id: 'case', topic: 'case', caseId });
  const pmInbox = await connectLive(wsOf(reader), { token: pm });
  clients.push(pmInbox);
  pmInbox.send({ type: 'subscribe', id: 'todo', topic: 'inbox' });
  await pmInbox.next('subscribed');

  await call(writer.base, 'POST', `/api/v1/cases/${caseId}/events/accept`, street, {});
  await call(writer.base, 'POST', `/api/v1/cases/${caseId}/events/dispatch`, street, { leadUnitCode: 'U-PM-030', leadUnitType: 'property_company' });
  await call(writer.base, 'POST', `/api/v1/cases/${caseId}/events/claim`, pm, { note: '物业已到场' });

  for (const client of [onReader, onWriter]) {
    const seqs: number[] = [];
    while (seqs.length < 4) seqs.push(...(await client.next('case.entries', undefined, 15_000)).entries.map((entry) => entry.seq));
    expect(seqs).toEqual([1, 2, 3, 4]);
  }
  expect(await pmInbox.next('case.summary', (m) => m.caseId === caseId, 15_000)).toMatchObject({ summary: { leadUnit: { code: 'U-PM-030' } } });

  await onReader.quiet(500);
  const fromReader = onReader.all('case.entries').flatMap((message) => message.entries);
  expect(fromReader.map((entry) => entry.seq)).toEqual([1, 2, 3, 4]);
  const rest = (await call(reader.base, 'GET', `/api/v1/cases/${caseId}`, resident)) as { timeline: unknown[] };
  expect(fromReader).toEqual(rest.timeline);
}, 60_000);
