import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openDatabase, syncIndexes, type Database } from '../../db/connection';
import { mongoPollStore } from '../../db/poll-store';
import { countWaitingBallots } from '../../commands/polls/count';
import { ReferenceData } from '../../reference/reference-data';
import { seedDemoDistrict } from '../../seed/seed';
import { startServerProcess, type ServerProcess } from '../../testing/server-process';
import { shedPollDraft, verifiedResidents, type TestResident } from '../../testing/polls';

/**
 * kill -9 of the real server while residents vote, then a restart on the same database and every
 * client retrying what it did not see answered: nobody's vote is lost or doubled, and a count that
 * dies halfway and runs again moves each ballot exactly once.
 */

const voters = 200;
const jwt = { secret: 'server-process-test-secret-0123456789abcdef', issuer: 'gongzhi-baohe', ttlSeconds: 3600 };
let database: Database;
let databaseUri: string;
let residents: TestResident[];
let server: ServerProcess | undefined;
const workDir = mkdtempSync(path.join(tmpdir(), 'gzbh-poll-crash-'));

beforeAll(async () => {
  databaseUri = `${inject('engineUri')}/poll_crash_${randomBytes(4).toString('hex')}`;
  database = await openDatabase(databaseUri);
  await syncIndexes(database);
  await seedDemoDistrict(database, { hashPasswords: false, demoWeChat: false });
  const reference = await ReferenceData.load(database);
  residents = await verifiedResidents({ database, reference, clock: { now: () => new Date() }, deps: { config: { jwt } } }, voters, { prefix: 'crash' });
  writeFileSync(path.join(workDir, 'index.html'), '<!doctype html><title>test</title>');
}, 60_000);

afterAll(async () => {
  if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
  await database?.connection.dropDatabase();
  await database?.close();
  rmSync(workDir, { recursive: true, force: true });
});

// The runner stays off: the test runs the count itself, once crashing, once to the end.
const start = () => startServerProcess({ databaseUri, workDir, env: { RUN_JOBS: 'false', HTTP_MAX_CONCURRENT_PER_CLIENT: String(voters * 2), JWT_SECRET: jwt.secret } });

async function call(base: string, route: string, token: string | undefined, body: unknown): Promise<{ status: number; body: { error?: { code: string } } & Record<string, unknown> } | undefined> {
  try {
    const response = await fetch(base + route, {
      method: 'POST',
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json().catch(() => ({}))) as never };
  } catch {
    return undefined;
  }
}

const participations = () => database.connection.db!.collection(database.models.PollParticipation.collection.collectionName);
const ballots = () => database.connection.db!.collection(database.models.PollBallot.collection.collectionName);

it(`loses and doubles no vote of ${voters} residents across a kill -9 of the server and of a count`, { timeout: 90_000 }, async () => {
  server = await start();
  const committee = (await call(server.base, '/api/v1/auth/dev-login', undefined, { username: 'community01' }))!.body.token as string;
  const created = (await call(server.base, '/api/v1/polls', committee, shedPollDraft({ clock: { now: () => new Date() } })))!.body;
  const poll = (await call(server.base, `/api/v1/polls/${created.id}/open`, committee, { version: created.version }))!.body as unknown as {
    id: string;
    questions: { id: string; options: { id: string }[] }[];
  };
  const [single, multiple] = poll.questions;
  const ballotOf = (index: number) => ({ choices: { [single!.id]: [single!.options[index % 3]!.id], [multiple!.id]: [multiple!.options[index % 2]!.id] } });

  // Nearly at once (a few ms apart, so that votes grouped into one write cannot all be answered
  // before the kill); the kill lands a third of the way into the answers.
  const answers = new Map<number, number | undefined>();
  const killed = server;
  const first = residents.map(async (resident, index) => {
    await new Promise((resolve) => setTimeout(resolve, index * 3));
    const answer = await call(killed.base, `/api/v1/polls/${poll.id}/votes`, resident.token, ballotOf(index));
    answers.set(index, answer?.status);
    if ([...answers.values()].filter((status) => status === 201).length === Math.floor(voters / 3)) killed.child.kill('SIGKILL');
  });
  await Promise.all(first);
  await killed.exited;
  const answered = [...answers].filter(([, status]) => status === 201).map(([index]) => index);
  const unanswered = [...answers].filter(([, status]) => status !== 201).map(([index]) => index);
  expect(answered.length, 'some votes were answered before the kill').toBeGreaterThanOrEqual(Math.floor(voters / 3));
  expect(unanswered.length, 'the kill cut some votes off').toBeGreaterThan(0);
  const landed = new Set((await participations().find({ pollId: poll.id }).toArray()).map((doc) => doc.accountId as string));
  for (const index of answered) expect(landed.has(residents[index]!.id), `vote ${index} answered 201 is stored`).toBe(true);

  // Restart on the same database; each client retries, and a retry of a vote that landed is refused.
  server = await start();
  const restarted = server;
  const retried = await Promise.all(residents.map(async (resident, index) => ({ index, answer: await call(restarted.base, `/api/v1/polls/${poll.id}/votes`, resident.token, ballotOf(index)) })));
  for (const { index, answer } of retried) {
    if (landed.has(residents[index]!.id)) {
      expect(answer?.status, `retry of landed vote ${index}`).toBe(409);
      expect(answer?.body.error?.code).toBe('poll.already_voted');
    } else {
      expect(answer?.status, `retry of lost vote ${index}`).toBe(201);
    }
  }
  await restarted.stop();

  // Exactly one participation per resident.
  const stored = await participations().find({ pollId: poll.id }).toArray();
  expect(stored).toHaveLength(voters);
  expect(new Set(stored.map((doc) => doc.accountId)).size).toBe(voters);

  // A count that dies halfway through moving the ballots...
  const store = mongoPollStore(database);
  const dyingShuffle = <T>(items: T[]): T[] => {
    const copy = [...items];
    Object.defineProperty(copy, String(Math.floor(copy.length / 2)), {
      get() {
        throw new Error('killed mid-count');
      },
    });
    return copy;
  };
  await expect(store.countPending(poll.id, dyingShuffle)).rejects.toThrow('killed mid-count');
  expect(await ballots().countDocuments({ pollId: poll.id })).toBe(voters / 2);
  expect(await participations().countDocuments({ pollId: poll.id, pending: { $exists: true } })).toBe(voters);

  // ...and the next one: each ballot moved once, none left beside its voter, the tally exact.
  await countWaitingBallots({ polls: store, now: () => new Date() });
  const counted = await ballots().find({ pollId: poll.id }).toArray();
  expect(counted).toHaveLength(voters);
  expect(new Set(counted.map((doc) => doc.receiptHash)).size).toBe(voters);
  expect(await participations().countDocuments({ pollId: poll.id, pending: { $exists: true } })).toBe(0);
  const tallied = await store.findById(poll.id);
  expect(tallied?.counted).toBe(voters);
  const sum = (counts: Record<string, number>) => Object.values(counts).reduce((total, n) => total + n, 0);
  expect(sum(tallied!.tally[single!.id]!)).toBe(voters);
  expect(sum(tallied!.tally[multiple!.id]!)).toBe(voters);
  expect(tallied!.tally[single!.id]).toEqual({ [single!.options[0]!.id]: 67, [single!.options[1]!.id]: 67, [single!.options[2]!.id]: 66 });
});
