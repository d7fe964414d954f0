import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../../testing/app';
import { raceGate } from '../../testing/barrier';
import { uploadPhoto } from '../../testing/cases';
import { testRunner } from '../../testing/jobs';

/**
 * POST /api/v1/cases with an Idempotency-Key, on the real engine: the app retries a filing whose
 * answer was lost, and however the retries overlap, one case is filed per account and key, its
 * effects run once, and every attempt is answered with that case.
 */

const gate = raceGate();
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ label: 'idempotency', district: 'fixture', wrapCaseStore: gate.wrap });
});
afterAll(async () => app?.close());

const complaint = { subcategoryCode: '05.10', description: '物业长期不清理楼道，多次反映无人处理', compoundCode: 'C001' };

async function fileWithKey(username: string, key: string, body: Record<string, unknown> = complaint) {
  return app.server.request('POST', '/api/v1/cases', { token: await app.token(username), headers: { 'idempotency-key': key }, body });
}

const casesOf = async (reporterId: string) => app.database.models.Case.countDocuments({ reporterId });
const accountIdOf = async (username: string) => (await app.actor(username)).id;

describe('a retry with the same key', () => {
  it('is answered 200 with the case filed first and Idempotent-Replayed: true; the first answer was 201 without it', async () => {
    const key = randomUUID();
    const first = await fileWithKey('resident01', key);
    const retry = await fileWithKey('resident01', key);

    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.headers.get('location')).toBe(`/api/v1/cases/${first.body.id}`);
    expect(retry.body).toEqual(first.body);
    expect(await app.database.models.Case.countDocuments({ _id: first.body.id })).toBe(1);
  });

  it('answers the case as it stands now when it has moved on since', async () => {
    const key = randomUUID();
    const first = await fileWithKey('resident01', key);
    const accepted = await app.server.request('POST', `/api/v1/cases/${first.body.id}/events/accept`, { token: await app.token('street01'), body: {} });
    expect(accepted.status).toBe(200);
    const retry = await fileWithKey('resident01', key);
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ id: first.body.id, status: 'accepted', version: 2 });
  });
});

describe('five requests with one key at once', () => {
  it('file exactly one case, run its effects once, and answer all five with its id', async () => {
    const key = randomUUID();
    const photo = await uploadPhoto(app, 'resident02');
    const reporterId = await accountIdOf('resident02');
    const before = await casesOf(reporterId);
    // Every request has looked for an earlier filing, found none and drawn a number before any stores.
    gate.holdInserts(5);
    const answers = await Promise.all(Array.from({ length: 5 }, () => fileWithKey('resident02', key, { ...complaint, photos: [photo] })));

    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 200, 201]);
    const ids = new Set(answers.map((answer) => answer.body.id));
    expect(ids.size).toBe(1);
    const [id] = ids;
    expect(answers.filter((answer) => answer.headers.get('idempotent-replayed') === 'true')).toHaveLength(4);
    expect(await casesOf(reporterId)).toBe(before + 1);
    // The losers claimed the photo for the same id; none of them gave it back.
    expect((await app.database.models.Photo.findById(photo).lean())?.caseId).toBe(id);

    await testRunner(app).drain();
    const jobs = await app.database.models.Job.find({ caseId: id }).lean();
    expect(jobs.length).toBeGreaterThan(0);
    expect(new Set(jobs.map((job) => String(job._id))).size).toBe(jobs.length);
    expect(jobs.every((job) => String(job._id).startsWith(`${id}:1:`))).toBe(true);
    const messages = await app.database.models.InboxMessage.find({ caseId: id }).lean();
    expect(messages.map((message) => `${message.template} → ${message.recipient}`)).toEqual(['case.file → street:ST01']);
  });
});

describe('what the key does not cover', () => {
  it('refuses the same key with a different request: 422 case.idempotency_key_reused, nothing filed', async () => {
    const key = randomUUID();
    const reporterId = await accountIdOf('resident01');
    await fileWithKey('resident01', key);
    const before = await casesOf(reporterId);
    const other = await fileWithKey('resident01', key, { ...complaint, description: '楼道堆放杂物，存在消防隐患' });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('case.idempotency_key_reused');
    expect(other.body.error.details.fields['Idempotency-Key']).toHaveLength(1);
    expect(await casesOf(reporterId)).toBe(before);
  });

  it("files a separate case for another account's request with the same key", async () => {
    const key = randomUUID();
    const mine = await fileWithKey('resident01', key);
    const theirs = await fileWithKey('resident02', key);
    expect(mine.status).toBe(201);
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it('files a case each time without a key', async () => {
    const token = await app.token('resident01');
    const answers = await Promise.all([0, 1].map(() => app.server.request('POST', '/api/v1/cases', { token, body: complaint })));
    expect(answers.map((answer) => answer.status)).toEqual([201, 201]);
    expect(answers[0]!.body.id).not.toBe(answers[1]!.body.id);
  });

  it.each(['short', 'x'.repeat(65), 'has space inside', 'semi;colon-key', ''])('refuses the malformed key %j with 422 and a field error, filing nothing', async (key) => {
    const reporterId = await accountIdOf('resident01');
    const before = await casesOf(reporterId);
    const answer = await fileWithKey('resident01', key);
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe('request.invalid_idempotency_key');
    expect(Object.keys(answer.body.error.details.fields)).toEqual(['Idempotency-Key']);
    expect(await casesOf(reporterId)).toBe(before);
  });
});
