import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, testClock, type TestApp } from '../../testing/app';
import { registerTestPerson } from '../../testing/visits';

// 登记变化 on the real engine: a grid leader raises a person's risk and records a discharge from
// hospital (a major change), which makes a visit due within the category's hours.
let app: TestApp;
let personId = '';

const request = async (username: string, method: string, path: string, body?: unknown) => app.server.request(method, path, { token: await app.token(username), ...(body === undefined ? {} : { body }) });

beforeAll(async () => {
  app = await startTestApp({ label: 'visit-changes', district: 'fixture', clock: testClock('2026-09-01T09:00:00+08:00') });
  personId = await registerTestPerson(app);
}, 60_000);
afterAll(async () => app?.close());

it('is the grid leader’s or the committee’s, under the version read, never dated ahead', async () => {
  const path = `/api/v1/visits/people/${personId}/changes`;
  expect((await request('member0101', 'POST', path, { version: 1, risk: 'red' })).status).toBe(403);
  expect((await request('resident01', 'POST', path, { version: 1, risk: 'red' })).status).toBe(403);
  const stale = await request('grid0101', 'POST', path, { version: 2, risk: 'red' });
  expect(stale.status).toBe(409);
  expect(stale.body.error.code).toBe('visit.stale');
  const ahead = await request('grid0101', 'POST', path, { version: 1, majorChangeAt: '2026-09-01T12:00:00+08:00' });
  expect(ahead.status).toBe(400);
  expect(ahead.body.error.details.fields.majorChangeAt).toEqual(['重大变化时间不能晚于现在']);
});

it('raises the risk and makes a visit due within 24 hours of a discharge, audited', async () => {
  app.clock.set('2026-09-03T15:00:00+08:00');
  const changed = await request('grid0101', 'POST', `/api/v1/visits/people/${personId}/changes`, { version: 1, risk: 'red', majorChangeAt: '2026-09-03T10:00:00+08:00' });
  expect(changed.status, JSON.stringify(changed.body)).toBe(200);
  expect(changed.body).toMatchObject({ version: 2, risk: 'red', schedule: { reason: 'major_change', dueAt: '2026-09-04T02:00:00.000Z' } });
  const worklist = await request('member0101', 'GET', '/api/v1/visits/worklist');
  expect(worklist.body.items.map((p: { id: string }) => p.id)).toContain(personId);
  const audit = await app.database.connection.db!.collection('visit_audit').find({ personId, action: 'update' }).toArray();
  expect(audit).toHaveLength(1);
});

it('has no PATCH: the mini-program cannot send one', async () => {
  const patched = await request('grid0101', 'PATCH', `/api/v1/visits/people/${personId}`, { version: 2, risk: 'blue' });
  expect([404, 405]).toContain(patched.status);
});
