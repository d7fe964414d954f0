import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findSubcategory } from '../../../shared/catalog/catalog';
import type { TimeLimit } from '../../../shared/catalog/types';
import { addMs, isWorkingDay, limitToMs, localDate, workingMsBetween, type WorkingCalendar } from '../../../shared/time/calendar';
import { ESCALATE_RATIO, OVERDUE_RATIO, WARN_RATIO } from '../../../shared/time/sla';
import { runDueSystemEvents, type CaseCommandDeps } from '../../commands/cases';
import { mongoCaseStore } from '../../db/case-store';
import { openDatabase, type Database } from '../../db/connection';
import { mongoPhotoPort } from '../../db/photo-port';
import { ReferenceData } from '../../reference/reference-data';
import { startTestApp, testClock, type TestApp, type TestClock } from '../../testing/app';
import { act, file, pointInGrid0101, uploadPhoto } from '../../testing/cases';

/**
 * The stage clocks, driven by a hand-moved clock through the API and the scheduler pass
 * (`runDueSystemEvents`), as the server's interval timer would call it.
 */

/** The subcategory the clocks run on: 暴露垃圾, handled by sanitation within 8 working hours. */
const SUBCATEGORY = '01.01';
const MS = 1;

/** The use cases as a server process wires them (see caseRoutes): adapters over one connection. */
function commandsOf(database: Database, reference: ReferenceData, clock: TestClock): CaseCommandDeps {
  return { store: mongoCaseStore(database), reference, photos: mongoPhotoPort(database), now: clock.now };
}

/** One scheduler pass at `instant`. */
async function schedulerAt(commands: CaseCommandDeps, clock: TestClock, instant: Date | string) {
  clock.set(instant);
  return runDueSystemEvents(commands);
}

async function handleLimit(app: TestApp): Promise<TimeLimit> {
  const catalog = await app.reference.latestCatalog(app.clock.now().getTime());
  return findSubcategory(catalog, SUBCATEGORY)!.subcategory.stages.handle.limit;
}

/** When a share of the limit has been used, counting from `start` with `consumedMs` already used. */
function thresholdAt(start: Date, limit: TimeLimit, ratio: number, calendar: WorkingCalendar, consumedMs = 0): Date {
  return addMs(start, Math.round(limitToMs(limit) * ratio) - consumedMs, limit.basis, calendar);
}

/** A case filed, accepted and dispatched to sanitation at `at`: its handle clock starts then. */
async function dispatchedCase(app: TestApp, at: string): Promise<{ id: string; dispatchedAt: Date }> {
  app.clock.set(at);
  const photo = await uploadPhoto(app, 'member0101');
  const filed = await file(app, 'member0101', { subcategoryCode: SUBCATEGORY, description: '路边空地裸露堆放生活垃圾约半方', location: pointInGrid0101, photos: [photo] });
  await act(app, 'street01', filed.id, 'accept');
  await act(app, 'street01', filed.id, 'dispatch', { leadUnitCode: 'U-ST01-SANITATION', leadUnitType: 'sanitation' });
  return { id: filed.id, dispatchedAt: new Date(at) };
}

async function detail(app: TestApp, id: string) {
  const response = await app.server.request('GET', `/api/v1/cases/${id}`, { token: await app.token('street01') });
  expect(response.status).toBe(200);
  return response.body;
}

/** The timeline as `type by role`, the way the story of a case reads. */
async function timelineOf(app: TestApp, id: string): Promise<string[]> {
  return (await detail(app, id)).timeline.map((entry: { type: string; actor: { role: string } }) => `${entry.type} by ${entry.actor.role}`);
}

const filedAndDispatched = ['file by grid_member', 'accept by street_dispatcher', 'dispatch by street_dispatcher'];
const nothing = { applied: 0, skipped: 0, failed: 0 };

describe('a working-hours clock set on a Friday afternoon', () => {
  let app: TestApp;
  let commands: CaseCommandDeps;
  let limit: TimeLimit;
  let theCase: { id: string; dispatchedAt: Date };
  let warnAt: Date;
  let deadline: Date;
  let escalateAt: Date;

  beforeAll(async () => {
    app = await startTestApp({ label: 'clocks_friday' });
    commands = commandsOf(app.database, app.reference, app.clock);
    limit = await handleLimit(app);
    theCase = await dispatchedCase(app, '2026-03-13T15:00:00+08:00');
    warnAt = thresholdAt(theCase.dispatchedAt, limit, WARN_RATIO, app.reference.calendar);
    deadline = thresholdAt(theCase.dispatchedAt, limit, OVERDUE_RATIO, app.reference.calendar);
    escalateAt = thresholdAt(theCase.dispatchedAt, limit, ESCALATE_RATIO, app.reference.calendar);
  });
  afterAll(async () => app.close());

  it('falls due on the next Monday, the office hours of the weekend not counted', async () => {
    expect(limit).toEqual({ hours: 8, basis: 'working' });
    // 2.5 h left on Friday (15:00–17:30), then 3.5 h Monday morning and 2 h from 13:30.
    expect(deadline).toEqual(new Date('2026-03-16T15:30:00+08:00'));
    expect(localDate(deadline, app.reference.calendar)).toBe('2026-03-16');
    expect(isWorkingDay(localDate(deadline, app.reference.calendar), app.reference.calendar)).toBe(true);
    expect(warnAt).toEqual(new Date('2026-03-16T13:54:00+08:00'));
    expect(escalateAt).toEqual(new Date('2026-03-17T10:30:00+08:00'));

    const shown = await detail(app, theCase.id);
    expect(shown.clock).toMatchObject({ stage: 'handle', basis: 'working', paused: false, deadline: deadline.toISOString(), warnAt: warnAt.toISOString() });
    expect(shown.deadline).toBe(deadline.toISOString());
  });

  it('announces nothing over the weekend', async () => {
    for (const instant of ['2026-03-13T17:30:00+08:00', '2026-03-14T00:00:00+08:00', '2026-03-14T12:00:00+08:00', '2026-03-15T23:59:59+08:00', '2026-03-16T08:30:00+08:00']) {
      expect(await schedulerAt(commands, app.clock, instant), instant).toMatchObject(nothing);
    }
    expect(await timelineOf(app, theCase.id)).toEqual(filedAndDispatched);
  });

  it('warns once at 80 % of the limit', async () => {
    expect(await schedulerAt(commands, app.clock, new Date(warnAt.getTime() - MS))).toMatchObject(nothing);
    expect(await schedulerAt(commands, app.clock, warnAt)).toMatchObject({ applied: 1, skipped: 0, failed: 0 });
    expect(await schedulerAt(commands, app.clock, warnAt)).toMatchObject(nothing);
    expect(await schedulerAt(commands, app.clock, new Date(deadline.getTime() - MS))).toMatchObject(nothing);

    const shown = await detail(app, theCase.id);
    expect(shown.timeline.map((entry: { type: string }) => entry.type)).toEqual(['file', 'accept', 'dispatch', 'warn']);
    expect(shown.timeline.at(-1)).toMatchObject({ type: 'warn', actor: { role: 'system' }, at: warnAt.toISOString() });
    expect(shown.clock).toMatchObject({ warned: true, overdue: false });
  });

  it("turns overdue at 100 %: a system 催办 on the timeline and a place in the street's overdue inbox", async () => {
    const overdueInbox = async () =>
      (await app.server.request('GET', '/api/v1/cases?view=inbox&overdue=true', { token: await app.token('street01') })).body.items as { id: string; overdue: boolean }[];
    expect((await overdueInbox()).map((item) => item.id)).not.toContain(theCase.id);

    expect(await schedulerAt(commands, app.clock, deadline)).toMatchObject({ applied: 1, skipped: 0, failed: 0 });

    const shown = await detail(app, theCase.id);
    expect(shown.timeline.at(-1)).toMatchObject({ type: 'overdue', actor: { role: 'system' }, at: deadline.toISOString() });
    expect(shown).toMatchObject({ overdue: true, urgeCount: 1, tier: 'street', supervised: false });
    expect(await overdueInbox()).toContainEqual(expect.objectContaining({ id: theCase.id, overdue: true }));
  });

  it('escalates at 150 % to the district tier under supervision', async () => {
    expect(await schedulerAt(commands, app.clock, new Date(escalateAt.getTime() - MS))).toMatchObject(nothing);
    expect(await schedulerAt(commands, app.clock, escalateAt)).toMatchObject({ applied: 1, skipped: 0, failed: 0 });

    const shown = await detail(app, theCase.id);
    expect(shown.timeline.at(-1)).toMatchObject({ type: 'auto_escalate', actor: { role: 'system' }, at: escalateAt.toISOString() });
    expect(shown).toMatchObject({ tier: 'district', supervised: true, status: 'dispatched' });
  });

  it('announces each threshold exactly once, however often the scheduler runs afterwards', async () => {
    expect(await schedulerAt(commands, app.clock, escalateAt)).toMatchObject(nothing);
    // Later, only the case clock (办结时限, 17 working hours from acceptance) has anything left to say, once each.
    for (const instant of ['2026-03-18T09:00:00+08:00', '2026-04-30T09:00:00+08:00']) {
      await schedulerAt(commands, app.clock, instant);
      const before = await detail(app, theCase.id);
      expect(await schedulerAt(commands, app.clock, instant)).toMatchObject(nothing);
      expect((await detail(app, theCase.id)).version).toBe(before.version);
    }
    expect(await timelineOf(app, theCase.id)).toEqual([
      ...filedAndDispatched,
      'warn by system',
      'overdue by system',
      'auto_escalate by system',
      'case_warn by system',
      'case_overdue by system',
      'case_escalate by system',
    ]);
  });
});

describe('a suspended clock', () => {
  let app: TestApp;
  let commands: CaseCommandDeps;
  let limit: TimeLimit;
  let theCase: { id: string; dispatchedAt: Date };
  const suspendedAt = new Date('2026-03-16T11:00:00+08:00');
  // Three natural days: a suspension ends on the date promised to the reporter, office hours or not.
  const until = new Date('2026-03-19T11:00:00+08:00');

  beforeAll(async () => {
    app = await startTestApp({ label: 'clocks_suspended' });
    commands = commandsOf(app.database, app.reference, app.clock);
    limit = await handleLimit(app);
    theCase = await dispatchedCase(app, '2026-03-16T09:00:00+08:00');
  });
  afterAll(async () => app.close());

  it('stops while the case is suspended: no deadline shown, the clock marked paused', async () => {
    app.clock.set(suspendedAt);
    const suspended = await act(app, 'street01', theCase.id, 'suspend', { reason: '需待雨停后清运', until: until.toISOString() });
    expect(suspended.status).toBe('suspended');
    expect(suspended.clock).toMatchObject({ paused: true, deadline: null, warnAt: null });
    expect(suspended.deadline).toBeNull();
    expect(suspended.suspension).toMatchObject({ until: until.toISOString(), previousStatus: 'dispatched' });
  });

  it('announces nothing past the original deadline and escalation while suspended', async () => {
    const originalDeadline = thresholdAt(theCase.dispatchedAt, limit, OVERDUE_RATIO, app.reference.calendar);
    const originalEscalation = thresholdAt(theCase.dispatchedAt, limit, ESCALATE_RATIO, app.reference.calendar);
    expect(originalDeadline).toEqual(new Date('2026-03-17T09:30:00+08:00'));
    for (const instant of [originalDeadline, originalEscalation, new Date('2026-03-18T17:00:00+08:00'), new Date(until.getTime() - MS)]) {
      expect(await schedulerAt(commands, app.clock, instant)).toMatchObject(nothing);
    }
    expect((await detail(app, theCase.id)).status).toBe('suspended');
    expect(await timelineOf(app, theCase.id)).toEqual([...filedAndDispatched, 'suspend by street_dispatcher']);
  });

  it('resumes by itself at `until`, the new deadline being the budget left counted from the resumption', async () => {
    expect(await schedulerAt(commands, app.clock, until)).toMatchObject({ applied: 1, skipped: 0, failed: 0 });

    const consumed = workingMsBetween(theCase.dispatchedAt, suspendedAt, app.reference.calendar);
    expect(consumed).toBe(2 * 3_600_000);
    const newDeadline = thresholdAt(until, limit, OVERDUE_RATIO, app.reference.calendar, consumed);
    const newWarnAt = thresholdAt(until, limit, WARN_RATIO, app.reference.calendar, consumed);
    // 6 h left: 1 h before lunch and 4 h after on Thursday, 1 h on Friday morning.
    expect(newDeadline).toEqual(new Date('2026-03-20T09:30:00+08:00'));

    const shown = await detail(app, theCase.id);
    expect(shown.timeline.at(-1)).toMatchObject({ type: 'resume', actor: { role: 'system' }, at: until.toISOString() });
    expect(shown).toMatchObject({ status: 'dispatched', suspension: null, deadline: newDeadline.toISOString() });
    expect(shown.clock).toMatchObject({ paused: false, deadline: newDeadline.toISOString(), warnAt: newWarnAt.toISOString(), warned: false });

    expect(await schedulerAt(commands, app.clock, until)).toMatchObject(nothing);
  });

  it('then runs on from where it stopped: the warning falls at 80 % of the whole limit, suspension excluded', async () => {
    const consumed = workingMsBetween(theCase.dispatchedAt, suspendedAt, app.reference.calendar);
    const newWarnAt = thresholdAt(until, limit, WARN_RATIO, app.reference.calendar, consumed);
    expect(await schedulerAt(commands, app.clock, new Date(newWarnAt.getTime() - MS))).toMatchObject(nothing);
    expect(await schedulerAt(commands, app.clock, newWarnAt)).toMatchObject({ applied: 1, skipped: 0, failed: 0 });
    expect(await timelineOf(app, theCase.id)).toEqual([...filedAndDispatched, 'suspend by street_dispatcher', 'resume by system', 'warn by system']);
  });
});

describe('a restart of the server process', () => {
  let app: TestApp;
  let secondDatabase: Database | undefined;
  let limit: TimeLimit;

  beforeAll(async () => {
    app = await startTestApp({ label: 'clocks_restart' });
    limit = await handleLimit(app);
  });
  afterAll(async () => {
    await secondDatabase?.close();
    await app.close();
  });

  it('loses nothing and repeats nothing: a second process continues from the state in the database', async () => {
    const first = commandsOf(app.database, app.reference, app.clock);
    const theCase = await dispatchedCase(app, '2026-04-01T09:00:00+08:00');
    const calendar = app.reference.calendar;
    const warnAt = thresholdAt(theCase.dispatchedAt, limit, WARN_RATIO, calendar);
    const deadline = thresholdAt(theCase.dispatchedAt, limit, OVERDUE_RATIO, calendar);
    const escalateAt = thresholdAt(theCase.dispatchedAt, limit, ESCALATE_RATIO, calendar);

    expect(await schedulerAt(first, app.clock, warnAt)).toMatchObject({ applied: 1, skipped: 0, failed: 0 });

    // The second process shares nothing in memory with the first: its own connection, reference data and clock.
    secondDatabase = await openDatabase(`${inject('engineUri')}/${app.database.connection.name}`);
    const secondClock = testClock(warnAt);
    const second = commandsOf(secondDatabase, await ReferenceData.load(secondDatabase), secondClock);

    expect(await schedulerAt(second, secondClock, warnAt)).toMatchObject(nothing);
    // Down over the deadline and the escalation: the first pass after the restart catches up, in order.
    expect(deadline.getTime()).toBeLessThan(escalateAt.getTime());
    expect(await schedulerAt(second, secondClock, escalateAt)).toMatchObject({ applied: 2, skipped: 0, failed: 0 });
    expect(await schedulerAt(second, secondClock, escalateAt)).toMatchObject(nothing);
    expect(await schedulerAt(first, app.clock, escalateAt)).toMatchObject(nothing);

    const shown = await detail(app, theCase.id);
    expect(shown).toMatchObject({ tier: 'district', supervised: true, overdue: true, urgeCount: 1 });
    expect(await timelineOf(app, theCase.id)).toEqual([...filedAndDispatched, 'warn by system', 'overdue by system', 'auto_escalate by system']);
    expect(shown.timeline.slice(-3).map((entry: { at: string }) => entry.at)).toEqual([warnAt, escalateAt, escalateAt].map((d) => d.toISOString()));
  });
});
