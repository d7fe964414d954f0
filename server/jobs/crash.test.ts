import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Document } from 'mongodb';
import { openDatabase, syncIndexes, type Database } from '../db/connection';
import { seedDemoDistrict } from '../seed/seed';
import { mongoCaseStore } from '../db/case-store';
import { mongoStatsStore } from '../db/stats-store';
import { districtDayOf } from '../../shared/stats/derive';
import { countPlainly } from '../../shared/stats/testing';
import { startServerProcess } from '../testing/server-process';
import { startFakeWeChat, type FakeWeChat } from '../wechat/fake-server';
import { defaultWeChatMessagesConfig } from '../../shared/wechat-messages/messages-config';

/**
 * THE effect test, with real processes: the real server (`tsx server/main.ts`) on this run's
 * engine, a stream of filings, accepts, merges and follows over HTTP, and `kill -9` at seeded
 * random moments, a few times over; then one last start lets it drain. Afterwards every write's
 * effects exist and ran exactly once: each case's every timeline step has its publish job, every
 * job is done, each notification is in each recipient's inbox once, and each merge target counts
 * each follower once. WeChat is a fake in this process, so it outlives every kill: each resident's
 * "accepted" subscribe message arrives at most once, and is either recorded sent (then it arrived
 * once) or recorded uncertain (killed inside the call). Only one server process writes to the engine at a time (FerretDB's rule);
 * this test only reads while one runs.
 */

const kills = 5;
/** Seeded, so a failure can be replayed: the kill moments and the request stream repeat. */
const seed = Number(process.env.CRASH_TEST_SEED ?? 20260309);

function mulberry32(state: number) {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(seed);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

let database: Database;
let databaseUri: string;
const workDir = mkdtempSync(path.join(tmpdir(), 'gzbh-crash-'));
let child: ChildProcess | undefined;
let fake: FakeWeChat;
const wechatApp = { appId: 'wx-crash', appSecret: 'crash-secret' };
/** One-time consents each resident starts with: more than the stream can spend. */
const consentsAtStart = 1000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  databaseUri = `${inject('engineUri')}/crash_${randomBytes(4).toString('hex')}`;
  database = await openDatabase(databaseUri);
  await syncIndexes(database);
  // Seeded here without password hashing: the server then finds the district and skips its seed.
  await seedDemoDistrict(database, { hashPasswords: false, demoWeChat: false });
  fake = await startFakeWeChat(wechatApp);
  for (const username of ['resident01', 'resident02', 'resident03']) {
    await database.models.Account.updateOne({ username }, { $set: { openid: `o-${username}` } });
    const account = await database.models.Account.findOne({ username }).lean();
    await database.models.WeChatConsent.create({ accountId: String(account!._id), templateId: 'tmpl-case-progress', kind: 'one_time', remaining: consentsAtStart, active: false, spentKeys: [], updatedAt: new Date() });
  }
  // A stand-in portal build, so the server does not start Taro.
  writeFileSync(path.join(workDir, 'index.html'), '<!doctype html><title>test</title>');
});

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await database?.connection.dropDatabase();
  await database?.close();
  await fake?.close();
  rmSync(workDir, { recursive: true, force: true });
});

interface Running {
  base: string;
  exited: Promise<void>;
}

async function startServer(): Promise<Running> {
  const started = await startServerProcess({
    databaseUri,
    workDir,
    // WeChat in this process: what it received survives the server's kills.
    env: { WECHAT_API_BASE: fake.url, WECHAT_APP_ID: wechatApp.appId, WECHAT_APP_SECRET: wechatApp.appSecret },
  });
  child = started.child;
  return { base: started.base, exited: started.exited };
}

/** One HTTP call; a refusal or a dead server is part of the game, so it answers undefined then. */
async function call(base: string, method: string, route: string, token?: string, body?: unknown): Promise<{ status: number; body: Document } | undefined> {
  try {
    const response = await fetch(base + route, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json().catch(() => ({}))) as Document };
  } catch {
    return undefined;
  }
}

const filers = ['resident01', 'resident02', 'resident03', 'member0101'];
const residents = ['resident01', 'resident02', 'resident03'];
const tokens = new Map<string, string>();
/** Cases known to the driver (answered 201), by what it last saw of them. */
const submittedIds: string[] = [];
const acceptedIds: string[] = [];
const reporterOf = new Map<string, string>();

/**
 * One round against a running server: (first round only) a scripted merge, then requests from
 * three concurrent clients until the server is killed, which happens a seeded number of answered
 * requests in, plus a seeded delay so the kill lands while requests and jobs are in flight.
 * Counting answers rather than time keeps the rounds alike on a loaded machine.
 */
async function drive(base: string, round: number): Promise<{ sent: number; killedAfter: number }> {
  for (const name of [...filers, 'street01']) {
    if (tokens.has(name)) continue;
    const login = await call(base, 'POST', '/api/v1/auth/dev-login', undefined, { username: name });
    if (login?.status !== 200) throw new Error(`dev-login ${name}: ${login?.status}`);
    tokens.set(name, login.body.token as string);
  }
  if (round === 0) {
    // At least one merge for certain, whatever the stream below happens to do.
    const filing = { subcategoryCode: '05.10', description: '楼道杂物堆放，影响通行', compoundCode: 'C001' };
    const target = await call(base, 'POST', '/api/v1/cases', tokens.get('resident01'), filing);
    const duplicate = await call(base, 'POST', '/api/v1/cases', tokens.get('resident02'), filing);
    const accepted = await call(base, 'POST', `/api/v1/cases/${target?.body.id}/events/accept`, tokens.get('street01'), {});
    const merged = await call(base, 'POST', `/api/v1/cases/${duplicate?.body.id}/events/merge`, tokens.get('street01'), { intoCaseId: target?.body.id });
    if ([target, duplicate, accepted, merged].some((answer) => !answer || answer.status >= 300)) throw new Error('the scripted merge failed');
    acceptedIds.push(target!.body.id as string);
    reporterOf.set(target!.body.id as string, 'resident01');
  }
  const killAt = 3 + Math.floor(random() * 10);
  const extraMs = Math.floor(random() * 400);
  let answered = 0;
  let sent = 0;
  let stopped = false;
  let armed = false;
  const kill = () => {
    if (stopped) return;
    stopped = true;
    child!.kill('SIGKILL');
  };
  // Whatever happens, a round ends.
  const backstop = setTimeout(kill, 30_000);
  const client = async () => {
    while (!stopped) {
      sent += 1;
      const roll = random();
      if (roll < 0.35 || submittedIds.length < 2) {
        const who = pick(filers);
        const filed = await call(base, 'POST', '/api/v1/cases', tokens.get(who), { subcategoryCode: '05.10', description: `楼道杂物堆放，影响通行（${sent}）`, compoundCode: 'C001' });
        if (filed?.status === 201) {
          submittedIds.push(filed.body.id as string);
          reporterOf.set(filed.body.id as string, who);
        }
      } else if (roll < 0.6) {
        const id = pick(submittedIds);
        const done = await call(base, 'POST', `/api/v1/cases/${id}/events/accept`, tokens.get('street01'), {});
        if (done?.status === 200 && submittedIds.includes(id)) {
          submittedIds.splice(submittedIds.indexOf(id), 1);
          acceptedIds.push(id);
        }
      } else if (roll < 0.85 && acceptedIds.length > 0) {
        const id = pick(submittedIds);
        const done = await call(base, 'POST', `/api/v1/cases/${id}/events/merge`, tokens.get('street01'), { intoCaseId: pick(acceptedIds) });
        if (done?.status === 200 && submittedIds.includes(id)) submittedIds.splice(submittedIds.indexOf(id), 1);
      } else if (acceptedIds.length > 0) {
        const id = pick(acceptedIds);
        const who = pick(residents.filter((name) => name !== reporterOf.get(id)));
        await call(base, 'POST', `/api/v1/cases/${id}/follow`, tokens.get(who));
      }
      answered += 1;
      if (answered >= killAt && !armed) {
        armed = true;
        setTimeout(kill, extraMs);
      }
    }
  };
  await Promise.all(Array.from({ length: 3 }, client));
  clearTimeout(backstop);
  return { sent, killedAfter: answered };
}

const collection = (name: string) => database.connection.db!.collection(name);

async function drained(): Promise<boolean> {
  const pendingOutbox = await collection('cases').countDocuments({ outboxSince: { $ne: null } } as never);
  const pendingJobs = await collection('jobs').countDocuments({ status: 'pending' } as never);
  // The statistics fold every 10 s: drained once every recorded event is folded and no batch is in hand.
  const unfolded = (await collection('stats_events').countDocuments({})) + (await collection('stats_fold').countDocuments({ _id: 'journal' } as never));
  return pendingOutbox === 0 && pendingJobs === 0 && unfolded === 0;
}

it(`runs every effect exactly once across ${kills} kill -9 of the server during a stream of requests (seed ${seed})`, { timeout: 240_000 }, async () => {
  let requests = 0;
  const interrupted: { unrelayed: number; unfinished: number; leased: number }[] = [];
  for (let round = 0; round < kills; round += 1) {
    const server = await startServer();
    const { sent, killedAfter } = await drive(server.base, round);
    requests += sent;
    await server.exited;
    expect(isAlive(child!.pid!), 'the killed server is gone').toBe(false);
    // What the kill interrupted: effects not yet relayed, jobs not yet done (some under a lease).
    const unrelayed = await collection('cases').countDocuments({ outboxSince: { $ne: null } } as never);
    const unfinished = await collection('jobs').countDocuments({ status: 'pending' } as never);
    const leased = await collection('jobs').countDocuments({ status: 'pending', leaseOwner: { $exists: true } } as never);
    interrupted.push({ unrelayed, unfinished, leased });
    if (process.env.CRASH_TEST_VERBOSE) console.log(`round ${round}: killed after ${killedAfter} answers, ${requests} requests so far; left ${unrelayed} cases unrelayed, ${unfinished} jobs pending (${leased} leased)`);
  }

  // The last start: no more requests, and the runner finishes what the killed ones left.
  const server = await startServer();
  // Generous: on a loaded 2-core machine the runner handles about 10 jobs a second on FerretDB.
  const drainStart = Date.now();
  const deadline = drainStart + 90_000;
  let lastReport = Date.now();
  while (!(await drained())) {
    if (Date.now() > deadline) throw new Error('the runner did not drain in 90 s');
    if (process.env.CRASH_TEST_VERBOSE && Date.now() - lastReport > 3000) {
      lastReport = Date.now();
      const jobs = await collection('jobs').find({ status: { $ne: 'done' } } as never).toArray();
      console.log(`draining: ${await collection('cases').countDocuments({ outboxSince: { $ne: null } } as never)} cases unrelayed, ${jobs.length} jobs not done`, jobs.slice(0, 3).map((job) => [job._id, job.kind, job.attempts, job.dueAt, job.lastError]));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (process.env.CRASH_TEST_VERBOSE) console.log(`drained in ${Date.now() - drainStart} ms after the last start`);
  // A clean stop this time: the runner's loop ends and the process exits by itself.
  const last = child!;
  last.kill('SIGTERM');
  const stoppedInTime = await Promise.race([server.exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 15_000))]);
  if (!stoppedInTime) last.kill('SIGKILL');
  expect(stoppedInTime, 'SIGTERM stops the server and its runner within 15 s').toBe(true);
  expect(last.exitCode).toBe(0);

  const cases = await collection('cases').find({}).toArray();
  const jobs = await collection('jobs').find({}).toArray();
  const messages = await collection('inbox_messages').find({}).toArray();
  expect(cases.length, `cases filed in ${requests} requests`).toBeGreaterThan(5);
  expect(cases.some((doc) => doc.status === 'merged')).toBe(true);
  if (process.env.CRASH_TEST_VERBOSE) {
    const rerun = jobs.filter((job) => job.attempts > 1).length;
    console.log(`${requests} requests, ${cases.length} cases, ${jobs.length} jobs (${rerun} run more than once), ${messages.length} inbox messages`);
  }

  // Not zero: each stored step (timeline entry) has its publish job, and each job has a stored step.
  const steps = new Set(cases.flatMap((doc) => (doc.timeline as { seq: number }[]).map((entry) => `${doc._id}#${entry.seq}`)));
  const published = jobs.filter((job) => job.kind === 'publish').map((job) => `${job.caseId}#${job.effect.seq}`);
  expect(new Set(published)).toEqual(steps);
  expect(published).toHaveLength(steps.size);
  for (const job of jobs) {
    // A WeChat job's key is its notify job's, prefixed: it belongs to the same stored version.
    const [caseId, version] = String(job._id).replace(/^wechat:/, '').split(':');
    const doc = cases.find((one) => String(one._id) === caseId);
    expect(doc && Number(version) <= doc.version, `job ${job._id} belongs to a stored version`).toBe(true);
  }

  // Done, once: no entry left on a case, every job done.
  expect(cases.filter((doc) => (doc.outbox as unknown[]).length > 0).map((doc) => doc._id)).toEqual([]);
  expect(jobs.filter((job) => job.status !== 'done').map((job) => `${job._id} ${job.status} ${job.lastError ?? ''}`)).toEqual([]);

  // Statistics: each counted event folded once, none lost: the district's figures are a plain count of the stored cases.
  const caseStore = mongoCaseStore(database);
  const records = await Promise.all(cases.map(async (doc) => (await caseStore.findById(String(doc._id)))!));
  const counted = await mongoStatsStore(database).tally({ kind: 'district' }, { from: records.map((record) => districtDayOf(record.filedAt)).sort()[0]!, to: districtDayOf(new Date()) });
  expect(counted.total).toEqual(countPlainly(records).total);
  expect(counted.total.filed).toBe(cases.length);

  // Not twice: each notification in each recipient's inbox exactly once.
  const perRecipient = new Map<string, number>();
  for (const message of messages) perRecipient.set(`${message.effectKey}|${message.recipient}`, (perRecipient.get(`${message.effectKey}|${message.recipient}`) ?? 0) + 1);
  expect([...perRecipient.values()].filter((count) => count !== 1)).toEqual([]);
  const notifyJobs = jobs.filter((job) => job.kind === 'notify');
  for (const job of notifyJobs) {
    const expected =
      job.effect.audience === 'reporter' ? `account:${job.context.reporterId}` : job.effect.audience === 'street' ? `street:${job.context.streetCode}` : undefined;
    if (expected) expect(perRecipient.get(`${job._id}|${expected}`), `${job._id} → ${expected}`).toBe(1);
  }
  expect(messages.every((message) => notifyJobs.some((job) => job._id === message.effectKey))).toBe(true);

  // Merge targets: each merge applied once, each follower counted once.
  const byId = new Map(cases.map((doc) => [String(doc._id), doc]));
  for (const target of cases) {
    const mergedIn = cases.filter((doc) => doc.mergedInto === String(target._id));
    const followerIds = target.followerIds as string[];
    expect(new Set(followerIds).size, `followers of ${target._id} are unique`).toBe(followerIds.length);
    expect(target.followers, `follower count of ${target._id}`).toBe(followerIds.length);
    const mergeKeys = jobs.filter((job) => job.kind === 'case.merged' && job.effect.intoCaseId === String(target._id)).map((job) => String(job._id));
    expect([...((target.appliedEffectKeys as string[]) ?? [])].sort()).toEqual(mergeKeys.sort());
    expect(mergeKeys).toHaveLength(mergedIn.length);
    for (const duplicate of mergedIn) {
      if (duplicate.reporterId !== target.reporterId) expect(followerIds).toContain(byId.get(String(duplicate._id))!.reporterId);
    }
  }

  // WeChat: every resident's "accepted" message queued, each settled; none arrived twice; each one
  // recorded sent arrived exactly once; each spent consent belongs to a message sent or uncertain.
  const deliveries = await collection('wechat_deliveries').find({}).toArray();
  const wechatJobs = jobs.filter((job) => job.kind === 'wechat.message');
  for (const job of notifyJobs.filter((one) => one.effect.template === 'case.accept' && one.effect.audience === 'reporter')) {
    expect(wechatJobs.some((one) => String(one._id) === `wechat:${job._id}:${job.context.reporterId}`), `WeChat job of ${job._id}`).toBe(true);
  }
  expect(deliveries.map((delivery) => String(delivery._id)).sort()).toEqual(wechatJobs.map((job) => String(job._id)).sort());
  expect(deliveries.filter((delivery) => !['sent', 'uncertain', 'inbox_only'].includes(delivery.status)).map((delivery) => `${delivery._id} ${delivery.status}`)).toEqual([]);
  const status = (template: string) => defaultWeChatMessagesConfig.events[template]?.resident?.status;
  const arrived = new Map<string, number>();
  for (const { body } of fake.messages) {
    const line = `${body.touser}|${body.page}|${(body.data as Record<string, { value: string }>).phrase3?.value}`;
    arrived.set(line, (arrived.get(line) ?? 0) + 1);
  }
  expect([...arrived.entries()].filter(([, count]) => count > 1)).toEqual([]);
  const lineOf = (delivery: Document) => `${delivery.openid}|pages/case/index?id=${delivery.caseId}|${status(delivery.template)}`;
  for (const delivery of deliveries.filter((one) => one.status === 'sent')) expect(arrived.get(lineOf(delivery)), `${delivery._id} arrived once`).toBe(1);
  const recorded = new Set(deliveries.filter((one) => one.status === 'sent' || one.status === 'uncertain').map(lineOf));
  expect([...arrived.keys()].filter((line) => !recorded.has(line))).toEqual([]);
  for (const consent of await collection('wechat_consents').find({}).toArray()) {
    const spent = deliveries.filter((one) => one.accountId === consent.accountId && one.oneTime && (one.status === 'sent' || one.status === 'uncertain')).length;
    expect(consentsAtStart - consent.remaining, `consents spent by ${consent.accountId}`).toBe(spent);
    expect(consent.spentKeys).toEqual([]);
  }
  expect(deliveries.filter((one) => one.status === 'sent').length, 'some WeChat messages were sent').toBeGreaterThan(0);
  if (process.env.CRASH_TEST_VERBOSE) console.log(`${fake.messages.length} WeChat messages, ${deliveries.filter((one) => one.status === 'uncertain').length} uncertain`);
});
