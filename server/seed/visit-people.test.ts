import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, testClock, type TestApp } from '../testing/app';
import { seedDemoVisitPeople } from './visit-people';

// `npm start`'s demo register, written through the use cases on the real engine.
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ label: 'visit-demo-seed', district: 'fixture', clock: testClock('2026-11-27T10:00:00+08:00') });
}, 60_000);
afterAll(async () => app?.close());

it('registers the demo people once, sealed, with a worklist that has late, due and planned visits', async () => {
  const useCases = app.deps.useCases;
  expect(await seedDemoVisitPeople(app.database, useCases, app.reference, app.clock.now())).toBe(6);
  expect(await seedDemoVisitPeople(app.database, useCases, app.reference, app.clock.now())).toBe(0);

  const member = await app.actor('member0101');
  const worklist = await useCases.visits.worklist(member, { limit: 20 });
  const register = await useCases.visits.list(member, { limit: 20 });
  expect(register.items.length).toBeGreaterThan(worklist.items.length);
  expect(worklist.items[0]).toMatchObject({ risk: 'red' });
  expect(worklist.items.some((p) => p.schedule.state === 'overdue')).toBe(true);
  expect(worklist.items.every((p) => p.masked.name.includes('*'))).toBe(true);

  const raw = JSON.stringify(await app.database.connection.db!.collection('visit_people').find().toArray());
  expect(raw).not.toContain('王桂英');
  expect(raw).not.toContain('13905510101');
});
