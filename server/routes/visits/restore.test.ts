import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Role, Scope } from '../../../shared/domain/roles';
import { startTestApp, testClock, type TestApp } from '../../testing/app';
import { gridCompound, registerTestPerson } from '../../testing/visits';

// 恢复 on the real engine: a person archived by mistake comes back, by the committee only, and is due a visit at once.
let app: TestApp;
let personId = '';
let version = 0;

const request = async (username: string, method: string, path: string, body?: unknown) => app.server.request(method, path, { token: await app.token(username), ...(body === undefined ? {} : { body }) });

async function addAccount(username: string, role: Role, scope: Scope) {
  await app.database.models.Account.create({ loginKey: `pw:${username}`, username, displayName: username, role, scope, demo: true });
}

beforeAll(async () => {
  app = await startTestApp({ label: 'visit-restore', district: 'fixture', clock: testClock('2026-09-01T09:00:00+08:00') });
  const compound = await gridCompound(app);
  const community = app.reference.communityOf(compound.code)!;
  await addAccount('cm-a', 'community', { streetCode: 'ST01', unitCode: community, compoundCodes: [compound.code] });
  personId = await registerTestPerson(app);
  app.clock.set('2026-09-05T10:00:00+08:00');
  const archived = await request('grid0101', 'POST', `/api/v1/visits/people/${personId}/archive`, { version: 1, reason: 'moved_away', leftAt: '2026-09-04T00:00:00+08:00' });
  expect(archived.status, JSON.stringify(archived.body)).toBe(200);
  version = archived.body.version;
}, 60_000);
afterAll(async () => app?.close());

it('is for the committee only, with a coded reason and the version read', async () => {
  const path = `/api/v1/visits/people/${personId}/restore`;
  for (const username of ['grid0101', 'member0101', 'street01', 'resident01']) expect((await request(username, 'POST', path, { version, reason: 'archived_by_mistake' })).status, username).toBe(403);
  expect((await request('cm-a', 'POST', path, { version, reason: '搞错了' })).status).toBe(400);
  expect((await request('cm-a', 'POST', path, { version: version - 1, reason: 'archived_by_mistake' })).body.error.code).toBe('visit.stale');
});

it('puts the person back on the register and the worklist, due within the category’s hours, audited with the reason', async () => {
  app.clock.set('2026-09-08T10:00:00+08:00');
  const restored = await request('cm-a', 'POST', `/api/v1/visits/people/${personId}/restore`, { version, reason: 'archived_by_mistake' });
  expect(restored.status, JSON.stringify(restored.body)).toBe(200);
  expect(restored.body).toMatchObject({ status: 'active', archived: null, version: version + 1, schedule: { reason: 'major_change', dueAt: '2026-09-09T02:00:00.000Z' } });
  const worklist = await request('grid0101', 'GET', '/api/v1/visits/worklist');
  expect(worklist.body.items.map((p: { id: string }) => p.id)).toContain(personId);
  const audit = await request('cm-a', 'GET', '/api/v1/visits/audit?limit=50');
  expect(audit.body.items).toContainEqual(expect.objectContaining({ action: 'restore', personId, reason: '误归档' }));
  const again = await request('cm-a', 'POST', `/api/v1/visits/people/${personId}/restore`, { version: version + 1, reason: 'archived_by_mistake' });
  expect(again.body.error.code).toBe('visit.not_archived');
});
