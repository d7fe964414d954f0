import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { shippedHotlineMapping } from '../../shared/hotline/mapping-data';
import type { WorkOrderInput } from '../../shared/hotline/work-order';
import { openDatabase, syncIndexes, type Database } from '../db/connection';
import { seedDemoDistrict } from '../seed/seed';
import { startServerProcess } from '../testing/server-process';
import { buildOrder } from '../testing/hotline';
import { startFakeHotlineCentre, type FakeCentre } from './fake-centre';

/**
 * kill -9 mid-exchange, with real processes: the real server (`server/main.ts`) connected to a fake
 * centre in this process (which outlives every kill), orders pushed and queued for pulling while
 * the server is killed at seeded moments; the centre pushes again whatever was not answered 200,
 * as a centre does. At the end every order is one case, one order record, signed exactly once.
 */

const kills = 3;
const seed = Number(process.env.HOTLINE_CRASH_SEED ?? 20261130);
let state = seed;
const random = () => {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const secrets = { '12345': 'crash-secret-12345-abcdef', '12319': 'crash-secret-12319-abcdef' };
let database: Database;
let databaseUri: string;
let fake: FakeCentre;
let child: ChildProcess | undefined;
const workDir = mkdtempSync(path.join(tmpdir(), 'gzbh-hotline-crash-'));

beforeAll(async () => {
  databaseUri = `${inject('engineUri')}/hotline_crash_${randomBytes(4).toString('hex')}`;
  database = await openDatabase(databaseUri);
  await syncIndexes(database);
  await seedDemoDistrict(database, { hashPasswords: false, demoWeChat: false });
  // The server's clock is the real one: so is the centre's, or signatures fall outside the window.
  fake = await startFakeHotlineCentre({ secrets, mapping: shippedHotlineMapping, now: () => new Date() });
  writeFileSync(path.join(workDir, 'index.html'), '<!doctype html><title>test</title>');
});

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await database?.connection.dropDatabase();
  await database?.close();
  await fake?.close();
  rmSync(workDir, { recursive: true, force: true });
});

async function startServer() {
  const started = await startServerProcess({
    databaseUri,
    workDir,
    env: {
      HOTLINE_12345_BASE_URL: fake.url,
      HOTLINE_12345_APP_KEY: 'baohe',
      HOTLINE_12345_SECRET: secrets['12345'],
      HOTLINE_12319_BASE_URL: fake.url,
      HOTLINE_12319_APP_KEY: 'baohe',
      HOTLINE_12319_SECRET: secrets['12319'],
      HOTLINE_POLL_MS: '1000',
    },
  });
  child = started.child;
  fake.connect(started.base);
  return started;
}

const orders: WorkOrderInput[] = [];
/** Orders whose push was answered 200: the centre considers them delivered. */
const delivered = new Set<string>();

const newOrder = () => {
  const order = buildOrder(random() < 0.5 ? '12345' : '12319', {}, new Date());
  orders.push(order);
  return order;
};

/** Pushes (and queues for pulling) until the server is killed a seeded number of answers in. */
async function drive(): Promise<void> {
  const killAt = 2 + Math.floor(random() * 6);
  const extraMs = Math.floor(random() * 300);
  let answered = 0;
  let stopped = false;
  const kill = () => {
    if (stopped) return;
    stopped = true;
    child!.kill('SIGKILL');
  };
  const backstop = setTimeout(kill, 20_000);
  const client = async () => {
    while (!stopped) {
      const order = random() < 0.3 ? (orders[Math.floor(random() * orders.length)] ?? newOrder()) : newOrder();
      if (random() < 0.3) {
        if (!fake.stateOf(order.channel, order.number)) fake.add(order);
      } else {
        const hook = await fake.push(order).then(([one]) => one, () => undefined);
        if (hook?.status === 200) delivered.add(`${order.channel}:${order.number}`);
      }
      answered += 1;
      if (answered === killAt) setTimeout(kill, extraMs);
    }
  };
  await Promise.all([client(), client()]);
  clearTimeout(backstop);
}

it(`takes in every order once and signs it once across ${kills} kill -9 of the server (seed ${seed})`, { timeout: 120_000 }, async () => {
  for (let round = 0; round < kills; round += 1) {
    const server = await startServer();
    await drive();
    await server.exited;
  }
  const server = await startServer();
  // The centre delivers again what it has no 200 for; queued orders come by pull.
  for (const order of orders) {
    if (delivered.has(`${order.channel}:${order.number}`) || fake.stateOf(order.channel, order.number) === undefined) continue;
    const [hook] = await fake.push(order);
    expect(hook!.status, JSON.stringify(hook!.answer)).toBe(200);
  }
  const queued = orders.filter((order) => !delivered.has(`${order.channel}:${order.number}`));
  const deadline = Date.now() + 45_000;
  const unsigned = () => orders.filter((order) => !fake.accepted.some((call) => call.channel === order.channel && call.number === order.number && call.action.kind === 'sign'));
  while (unsigned().length) {
    if (Date.now() > deadline) throw new Error(`not signed in 45 s: ${unsigned().map((o) => o.number).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await server.stop();
  if (process.env.HOTLINE_CRASH_VERBOSE) console.log(`${orders.length} orders, ${delivered.size} answered 200 before the end, ${fake.calls.length} calls to the centre, ${fake.webhooks.length} webhooks`);

  const db = database.connection.db!;
  const numbers = [...new Set(orders.map((order) => `${order.channel}:${order.number}`))];
  expect(numbers.length).toBeGreaterThan(kills);
  expect(queued.length + delivered.size).toBeGreaterThanOrEqual(numbers.length);
  const stored = await db.collection('hotline_orders').find({}).toArray();
  expect(stored.map((doc) => String(doc._id)).sort()).toEqual([...numbers].sort());
  for (const doc of stored) expect(await db.collection('cases').countDocuments({ _id: doc.caseId } as never)).toBe(1);
  expect(await db.collection('cases').countDocuments({ source: 'hotline' })).toBe(numbers.length);
  for (const number of numbers) {
    const [channel, n] = number.split(':');
    expect(fake.accepted.filter((call) => call.channel === channel && call.number === n && call.action.kind === 'sign')).toHaveLength(1);
  }
});
