import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baoheVisitCategories } from '../../shared/visits/baohe-categories';
import { mongoInboxStore } from '../db/inbox-store';
import { mongoVisitStore } from '../db/visit-store';
import { startTestApp, testClock, type TestApp } from '../testing/app';
import { visitReminderStep } from './visit-reminder-step';

// Two red (weekly) people in grid ST01's first grid, registered on Monday 28 September: due at the
// end of Monday 5 October (a National Day holiday: high risk keeps its date), escalated to the grid
// leader 24 hours later and to the community 48 hours later.
let app: TestApp;
const silent = { info: () => undefined, error: () => undefined };
let step: ReturnType<typeof visitReminderStep>;
const sentBy = async () => {
  const before = await app.database.models.InboxMessage.countDocuments({});
  await step.run();
  return (await app.database.models.InboxMessage.countDocuments({})) - before;
};
const visitTemplates = async (username: string) => {
  const response = await app.server.request('GET', '/api/v1/messages?limit=50', { token: await app.token(username) });
  expect(response.status).toBe(200);
  return (response.body.items as { template: string; subject: { kind: string }; text: string }[]).filter((m) => m.subject.kind === 'visits').map((m) => m.template).sort();
};

beforeAll(async () => {
  app = await startTestApp({ label: 'visit-reminders', district: 'fixture', clock: testClock('2026-09-28T09:00:00+08:00') });
  const grid = (await app.actor('member0101')) as { scope: { gridCode: string } };
  const compound = [...app.reference.compounds.values()].find((c) => c.gridCode === grid.scope.gridCode && app.reference.communityOf(c.code))!;
  await app.database.models.Account.create({ loginKey: 'pw:cm-a', username: 'cm-a', displayName: 'cm-a', role: 'community', scope: { streetCode: 'ST01', unitCode: app.reference.communityOf(compound.code), compoundCodes: [compound.code] }, demo: true });
  for (const [categoryCode, name] of [['elderly_alone', '钱七'], ['severe_mental_disorder', '孙八']]) {
    const response = await app.server.request('POST', '/api/v1/visits/people', {
      token: await app.token('grid0101'),
      body: { categoryCode, risk: 'red', compoundCode: compound.code, name, idNumber: '340111195001011234', address: '某小区1栋101' },
    });
    expect(response.status).toBe(201);
  }
  step = visitReminderStep({ visits: mongoVisitStore(app.database), inbox: mongoInboxStore(app.database), categories: () => baoheVisitCategories, reference: app.reference, now: app.clock.now }, silent);
}, 60_000);
afterAll(async () => app?.close());

describe('visit reminders through the job runner step', () => {
  it('sends nothing before the reminder time', async () => {
    app.clock.set('2026-10-04T23:00:00+08:00');
    expect(await sentBy()).toBe(0);
  });

  it('warns the grid on the holiday the visit is due, members only of the categories they handle', async () => {
    app.clock.set('2026-10-05T10:00:00+08:00');
    expect(await sentBy()).toBe(2);
    expect(await visitTemplates('member0101')).toEqual(['visit.warning']);
    expect(await visitTemplates('grid0101')).toEqual(['visit.warning', 'visit.warning']);
  });

  it('tells of overdue visits and escalates to the grid leader and the community, once each', async () => {
    app.clock.set('2026-10-08T10:00:00+08:00');
    expect(await sentBy()).toBe(6);
    expect(await sentBy()).toBe(0);
    expect(await visitTemplates('member0101')).toEqual(['visit.overdue', 'visit.warning']);
    expect(await visitTemplates('grid0101')).toEqual(['visit.escalated.grid_leader', 'visit.escalated.grid_leader', 'visit.overdue', 'visit.overdue', 'visit.warning', 'visit.warning']);
    expect(await visitTemplates('cm-a')).toEqual(['visit.escalated.community', 'visit.escalated.community']);
    expect(await visitTemplates('street01')).toEqual([]);
  });

  it('names no person in any message', async () => {
    const texts = JSON.stringify(await app.database.models.InboxMessage.find({ visitWorklist: true }).lean());
    expect(texts).toContain('走访');
    for (const secret of ['钱七', '孙八', '340111195001011234', '某小区1栋101', '严重精神障碍']) expect(texts).not.toContain(secret);
  });
});
