import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../commands/ports';
import { mongoJobStore } from '../../db/job-store';
import { startTestApp, type TestApp } from '../../testing/app';
import { testRunner } from '../../testing/jobs';

/**
 * The dead letters through the API: a system administrator lists failed jobs (paged) and puts one
 * back in the queue; nobody else may, and a job that has not failed cannot be "retried".
 */

let app: TestApp;
/** Two jobs parked as failed (a merge into a case that does not exist), oldest first. */
const failed: string[] = [];
let done: string;

function mergeInto(target: string, n: number): OutboxEntry {
  const caseId = `deadletter${n}`;
  return {
    key: `${caseId}:2:0`,
    caseId,
    version: 2,
    effect: { type: 'case.merged', caseId, intoCaseId: target },
    context: { number: `BH20260309-00010${n}`, title: '测试', reporterId: 'r', streetCode: 'ST01', tier: 'street', cohandlerUnitCodes: [] },
    at: app.clock.now(),
  };
}

beforeAll(async () => {
  app = await startTestApp({ label: 'admin_jobs' });
  const jobs = mongoJobStore(app.database);
  const runner = testRunner(app, { retry: { maxAttempts: 1, baseDelayMs: 1_000, maxDelayMs: 1_000 } });
  for (const n of [1, 2]) {
    const queued = mergeInto('nowhere', n);
    await jobs.enqueue([queued], app.clock.now());
    await runner.drain();
    failed.push(queued.key);
    app.clock.advance(1_000);
  }
  const fine = { ...mergeInto('nowhere', 3), effect: { type: 'publish' as const, caseId: 'deadletter3', seq: 1 } };
  await jobs.enqueue([fine], app.clock.now());
  await runner.drain();
  done = fine.key;
});
afterAll(async () => app?.close());

const request = async (username: string | undefined, method: string, path: string) =>
  app.server.request(method, path, username ? { token: await app.token(username) } : {});

describe('GET /api/v1/admin/jobs', () => {
  it('lists the failed jobs for the admin, latest first, one page at a time', async () => {
    const first = await request('admin', 'GET', '/api/v1/admin/jobs?status=failed&limit=1');
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.items[0]).toMatchObject({ id: failed[1], kind: 'case.merged', status: 'failed', statusLabel: '已失败（待人工重试）', attempts: 1, caseNumber: 'BH20260309-000102' });
    expect(first.body.items[0].lastError).toContain('合并来源案件');
    const second = await request('admin', 'GET', `/api/v1/admin/jobs?status=failed&limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((job: { id: string }) => job.id)).toEqual([failed[0]]);
    expect(second.body.nextCursor).toBeNull();
  });

  it('lists failed jobs by default and done ones when asked', async () => {
    const byDefault = await request('admin', 'GET', '/api/v1/admin/jobs');
    expect(byDefault.body.items.map((job: { id: string }) => job.id).sort()).toEqual([...failed].sort());
    const finished = await request('admin', 'GET', '/api/v1/admin/jobs?status=done');
    expect(finished.body.items.map((job: { id: string }) => job.id)).toContain(done);
  });

  it.each([
    { who: 'resident01', status: 403, code: 'job.forbidden' },
    { who: 'street01', status: 403, code: 'job.forbidden' },
    { who: 'district', status: 403, code: 'job.forbidden' },
    { who: undefined, status: 401, code: 'auth.required' },
  ])('refuses $who with $status', async ({ who, status, code }) => {
    const response = await request(who, 'GET', '/api/v1/admin/jobs?status=failed');
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
  });

  it('answers 400 for an unknown status, 422 for a cursor it never issued', async () => {
    expect((await request('admin', 'GET', '/api/v1/admin/jobs?status=lost')).status).toBe(400);
    const forged = await request('admin', 'GET', '/api/v1/admin/jobs?cursor=bm90LWEtY3Vyc29y');
    expect(forged.status).toBe(422);
    expect(forged.body.error.code).toBe('list.invalid_cursor');
  });
});

describe('POST /api/v1/admin/jobs/:id/retry', () => {
  it.each([
    { who: 'resident01', status: 403 },
    { who: 'street01', status: 403 },
    { who: undefined, status: 401 },
  ])('refuses $who with $status and leaves the job failed', async ({ who, status }) => {
    expect((await request(who, 'POST', `/api/v1/admin/jobs/${failed[0]}/retry`)).status).toBe(status);
    expect((await mongoJobStore(app.database).findById(failed[0]!))!.status).toBe('failed');
  });

  it('puts a failed job back in the queue for the admin, due now, attempts from 0', async () => {
    const response = await request('admin', 'POST', `/api/v1/admin/jobs/${failed[0]}/retry`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toMatchObject({ id: failed[0], status: 'pending', attempts: 0, retriedBy: (await app.actor('admin')).id, dueAt: app.clock.now().toISOString() });
    const again = await request('admin', 'POST', `/api/v1/admin/jobs/${failed[0]}/retry`);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'job.not_failed', details: { status: 'pending' } });
  });

  it('answers 409 for a done job, 404 for an unknown one, 400 for a malformed id', async () => {
    expect((await request('admin', 'POST', `/api/v1/admin/jobs/${done}/retry`)).body.error.code).toBe('job.not_failed');
    expect((await request('admin', 'POST', '/api/v1/admin/jobs/nosuchcase:1:0/retry')).status).toBe(404);
    expect((await request('admin', 'POST', '/api/v1/admin/jobs/not-a-key/retry')).status).toBe(400);
  });
});
