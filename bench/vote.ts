import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ObjectId } from 'mongodb';
import { openDatabase, syncIndexes, type Database } from '../server/db/connection';
import { mongoPollStore } from '../server/db/poll-store';
import { countWaitingBallots } from '../server/commands/polls/count';
import { ReferenceData } from '../server/reference/reference-data';
import { seedDemoDistrict } from '../server/seed/seed';
import { startServerProcess } from '../server/testing/server-process';
import { shedPollDraft, verifiedResidents, type TestResident } from '../server/testing/polls';

/** The server process's signing key (server/testing/server-process.ts) and the default issuer. */
const jwt = { secret: 'server-process-test-secret-0123456789abcdef', issuer: 'gongzhi-baohe', ttlSeconds: 3600 };

interface Burst {
  seconds: number;
  latenciesMs: number[];
}

/**
 * `vote`: `voters` distinct verified residents vote at once (one concurrent `POST
 * /api/v1/polls/:id/votes` each) on a freshly opened poll of the real server, a child process
 * with its runner off so no count competes with the votes. Baseline: the raw driver inserting the
 * same participation documents (shape, collection, concurrency, pool size) on the same engine.
 * Each round opens a new poll; each side's median round is kept. A round that stores or counts
 * anything but exactly `voters` ballots throws.
 */
export async function measureVote(engineUri: string, workDir: string, options: { voters: number; rounds: number }) {
  const databaseUri = `${engineUri}/bench_vote`;
  const database = await openDatabase(databaseUri);
  await syncIndexes(database);
  await seedDemoDistrict(database, { hashPasswords: false });
  const reference = await ReferenceData.load(database);
  const clock = { now: () => new Date() };
  const setupStarted = performance.now();
  const residents = await verifiedResidents({ database, reference, clock, deps: { config: { jwt } } }, options.voters, { prefix: 'bench-vote' });
  console.log(`vote: ${options.voters} residents made in ${Math.round(performance.now() - setupStarted)} ms`);
  writeFileSync(path.join(workDir, 'index.html'), '<!doctype html><title>bench</title>');
  const server = await startServerProcess({
    databaseUri,
    workDir,
    env: { RUN_JOBS: 'false', HTTP_MAX_CONCURRENT_PER_CLIENT: String(options.voters * 2), JWT_SECRET: jwt.secret },
  });
  const participations = database.connection.db!.collection(database.models.PollParticipation.collection.collectionName);
  try {
    const committee = await devToken(server.base, 'community01');
    const openPoll = async () => {
      const draft = shedPollDraft({ clock }, {});
      const created = await post(server.base, '/api/v1/polls', committee, draft, 201);
      return post<OpenedPoll>(server.base, `/api/v1/polls/${created.id}/open`, committee, { version: created.version }, 200);
    };

    // Warm-up: a poll that 50 residents vote on, whose documents are then the baseline's template.
    const warm = await openPoll();
    await voteAll(server.base, warm, residents.slice(0, 50));
    const template = await participations.findOne({ pollId: warm.id });
    if (!template) throw new Error('the warm-up stored no participation');
    await insertAll(database, copiesOf(template, residents.slice(0, 50)));

    const ours: Burst[] = [];
    const baseline: Burst[] = [];
    for (let round = 0; round < options.rounds; round += 1) {
      const copies = copiesOf(template, residents);
      baseline.push(await insertAll(database, copies));
      const stored = await participations.countDocuments({ pollId: copies[0]!.pollId });
      if (stored !== options.voters) throw new Error(`baseline stored ${stored} participations, not ${options.voters}`);
      await participations.deleteMany({ pollId: copies[0]!.pollId });

      const poll = await openPoll();
      ours.push(await voteAll(server.base, poll, residents));
      await checkCounted(database, poll.id, options.voters);
    }

    const profile = await profileVoteReads(database, residents, ours.length ? (await participations.findOne({ pollId: { $ne: warm.id } }))!.pollId as string : warm.id);
    const oursBurst = medianBurst(ours);
    const baselineBurst = medianBurst(baseline);
    const votesPerSecond = options.voters / oursBurst.seconds;
    const baselineVotesPerSecond = options.voters / baselineBurst.seconds;
    const ratio = Math.round((votesPerSecond / baselineVotesPerSecond) * 1000) / 1000;
    return {
      votes: options.voters,
      seconds: round3(oursBurst.seconds),
      votesPerSecond: round1(votesPerSecond),
      baselineVotesPerSecond: round1(baselineVotesPerSecond),
      ratio,
      p50Ms: round1(percentile(oursBurst.latenciesMs, 0.5)),
      p95Ms: round1(percentile(oursBurst.latenciesMs, 0.95)),
      baselineP50Ms: round1(percentile(baselineBurst.latenciesMs, 0.5)),
      baselineP95Ms: round1(percentile(baselineBurst.latenciesMs, 0.95)),
      rounds: { oursSeconds: ours.map((burst) => round3(burst.seconds)), baselineSeconds: baseline.map((burst) => round3(burst.seconds)) },
      profileMs: profile,
      target: 'ratio >= 0.8',
      met: ratio >= 0.8,
    };
  } finally {
    await server.stop();
    await database.connection.dropDatabase();
    await database.close();
  }
}

/**
 * Where a vote's time goes: each of its database round trips alone, one after another on the
 * server's pool size (one connection on FerretDB), averaged over 20: what 500 concurrent votes queue for.
 */
async function profileVoteReads(database: Database, residents: readonly TestResident[], pollId: string) {
  const db = database.connection.db!;
  const time = async (step: (index: number) => Promise<unknown>) => {
    const started = performance.now();
    for (let index = 0; index < 20; index += 1) await step(index);
    return round1((performance.now() - started) / 20);
  };
  const scratch = `profile${randomBytes(6).toString('hex')}`;
  const template = await db.collection(database.models.PollParticipation.collection.collectionName).findOne({ pollId });
  const figures = {
    accountRead: await time((index) => db.collection(database.models.Account.collection.collectionName).findOne({ _id: /^[0-9a-f]{24}$/.test(residents[index]!.id) ? new ObjectId(residents[index]!.id) : residents[index]!.id } as never)),
    pollRead: await time(() => db.collection(database.models.Poll.collection.collectionName).findOne({ _id: pollId } as never)),
    membershipRead: await time((index) => db.collection(database.models.AccountMemberships.collection.collectionName).findOne({ _id: residents[index]!.id } as never)),
    participationInsert: await time((index) => db.collection(database.models.PollParticipation.collection.collectionName).insertOne({ ...template, _id: `${scratch}:${index}`, pollId: scratch } as never)),
  };
  await db.collection(database.models.PollParticipation.collection.collectionName).deleteMany({ pollId: scratch });
  return figures;
}

interface OpenedPoll {
  id: string;
  questions: { id: string; options: { id: string }[] }[];
}

/** Every resident votes at once, each with a valid ballot; anything but 201 fails the bench. */
async function voteAll(base: string, poll: OpenedPoll, residents: readonly TestResident[]): Promise<Burst> {
  const [single, multiple] = poll.questions;
  const latenciesMs: number[] = [];
  const failures: string[] = [];
  const started = performance.now();
  await Promise.all(
    residents.map(async (resident, index) => {
      const choices = { [single!.id]: [single!.options[index % 3]!.id], [multiple!.id]: [multiple!.options[index % 2]!.id] };
      const sent = performance.now();
      const response = await fetch(`${base}/api/v1/polls/${poll.id}/votes`, {
        method: 'POST',
        headers: { authorization: `Bearer ${resident.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ choices }),
      }).catch((error: Error & { cause?: unknown }) => {
        throw new Error(`vote ${index} after ${Math.round(performance.now() - sent)} ms: ${error.message} (${String(error.cause)})`);
      });
      const text = await response.text();
      latenciesMs.push(performance.now() - sent);
      if (response.status !== 201) failures.push(`${response.status} ${text}`);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  if (failures.length) throw new Error(`${failures.length} of ${residents.length} votes failed, e.g. ${failures[0]}`);
  return { seconds, latenciesMs };
}

type ParticipationDoc = Record<string, unknown> & { _id: string; pollId: string; pending: { choices: unknown } };

/** The template's document, once per resident, under a poll id of its own: what a vote stores, field for field. */
function copiesOf(template: Record<string, unknown>, residents: readonly TestResident[]): ParticipationDoc[] {
  const pollId = `bare${randomBytes(8).toString('hex')}`;
  const pending = template.pending as { choices: unknown };
  return residents.map((resident) => ({
    ...template,
    _id: `${pollId}:resident:${resident.id}`,
    pollId,
    accountId: resident.id,
    householdId: resident.householdId,
    name: resident.name,
    pending: { ballotId: randomBytes(16).toString('hex'), receiptHash: randomBytes(32).toString('hex'), choices: pending.choices },
  }));
}

/** The baseline: one `insertOne` per document, all at once, on a connection configured as the server's. */
async function insertAll(database: Database, docs: ParticipationDoc[]): Promise<Burst> {
  const participations = database.connection.db!.collection<ParticipationDoc>(database.models.PollParticipation.collection.collectionName);
  const latenciesMs: number[] = [];
  const started = performance.now();
  await Promise.all(
    docs.map(async (doc) => {
      const sent = performance.now();
      await participations.insertOne(doc);
      latenciesMs.push(performance.now() - sent);
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latenciesMs };
}

/** Exactly `voters` participations, and after the count exactly `voters` ballots in the tally, none left pending. */
async function checkCounted(database: Database, pollId: string, voters: number): Promise<void> {
  const participations = database.connection.db!.collection(database.models.PollParticipation.collection.collectionName);
  const stored = await participations.countDocuments({ pollId });
  if (stored !== voters) throw new Error(`poll ${pollId}: ${stored} participations after ${voters} votes`);
  const store = mongoPollStore(database);
  await countWaitingBallots({ polls: store, now: () => new Date() });
  const poll = await store.findById(pollId);
  const tally = poll?.tally ?? {};
  const sums = Object.values(tally).map((counts) => Object.values(counts).reduce((sum, n) => sum + n, 0));
  const pending = await participations.countDocuments({ pollId, pending: { $exists: true } });
  if (poll?.counted !== voters || sums[0] !== voters || sums[1] !== voters || pending !== 0) {
    throw new Error(`poll ${pollId}: counted ${poll?.counted}, tally sums ${sums.join('/')}, ${pending} still pending, after ${voters} votes`);
  }
}

async function devToken(base: string, username: string): Promise<string> {
  return (await post<{ token: string }>(base, '/api/v1/auth/dev-login', undefined, { username }, 200)).token;
}

async function post<T = { id: string; version: number }>(base: string, route: string, token: string | undefined, body: unknown, expected: number): Promise<T> {
  const response = await fetch(base + route, {
    method: 'POST',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as T;
  if (response.status !== expected) throw new Error(`POST ${route}: ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

function medianBurst(bursts: Burst[]): Burst {
  return [...bursts].sort((a, b) => a.seconds - b.seconds)[Math.floor(bursts.length / 2)]!;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const round3 = (n: number) => Math.round(n * 1000) / 1000;
