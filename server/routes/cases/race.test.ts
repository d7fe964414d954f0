import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseEventType } from '../../../shared/cases/events';
import { dueSystemEvents } from '../../../shared/cases/machine';
import type { CaseRecord } from '../../../shared/cases/types';
import { runDueSystemEvents, type CaseCommandDeps } from '../../commands/cases';
import { mongoCaseStore } from '../../db/case-store';
import { mongoPhotoPort } from '../../db/photo-port';
import { startTestApp, type TestApp } from '../../testing/app';
import { raceGate } from '../../testing/barrier';
import { act, file } from '../../testing/cases';

/**
 * Several people (or server processes) acting on one case at the same instant: every step is a
 * write conditional on the version read, so exactly one of them wins and the others are told so
 * (409), and nothing is ever applied twice. The races are forced, not hoped for: a barrier holds
 * every racer right before its conditional write until all of them have read the case.
 */

const gate = raceGate();
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ label: 'race', district: 'fixture', wrapCaseStore: gate.wrap });
});
afterAll(async () => app?.close());

/** resident01's complaint about C001's property service: no photos needed, two working hours to accept. */
async function submittedCase(): Promise<string> {
  const filed = await file(app, 'resident01', { subcategoryCode: '05.10', description: '物业长期不清理楼道，多次反映无人处理', compoundCode: 'C001' });
  return filed.id as string;
}

async function storedCase(id: string): Promise<CaseRecord> {
  const record = await mongoCaseStore(app.database).findById(id);
  if (!record) throw new Error(`case ${id} is not stored`);
  return record;
}

const entriesOf = (record: CaseRecord, type: CaseEventType) => record.timeline.filter((entry) => entry.type === type).length;

describe('twenty accepts of one submitted case at once', () => {
  const alternating = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 'street01' : 'district'));
  it.each([
    { name: 'street01 twenty times', senders: Array.from({ length: 20 }, () => 'street01') },
    { name: 'street01 and district, ten each', senders: alternating },
  ])('$name: one 200, nineteen 409 version conflicts, one accept on the timeline, version 2', async ({ senders }) => {
    const id = await submittedCase();
    const tokens = new Map(await Promise.all([...new Set(senders)].map(async (name) => [name, await app.token(name)] as const)));
    // All twenty read version 1 and pass every check before any of them writes.
    gate.holdWrites(senders.length);

    const responses = await Promise.all(
      senders.map((name) => app.server.request('POST', `/api/v1/cases/${id}/events/accept`, { token: tokens.get(name), body: { note: '受理' } })),
    );

    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    // Every loser had read the case before the winner wrote: only the version guard stopped them.
    expect(responses.filter((response) => response.status === 409 && response.body.error.code === 'case.version_conflict')).toHaveLength(19);
    const winner = responses.find((response) => response.status === 200)!;
    expect(winner.body).toMatchObject({ status: 'accepted', version: 2 });

    const stored = await storedCase(id);
    expect(stored.status).toBe('accepted');
    expect(stored.version).toBe(2);
    expect(stored.timeline.map((entry) => entry.type)).toEqual(['file', 'accept']);
    expect(entriesOf(stored, 'accept')).toBe(1);
  });
});

describe('If-Match: a step is applied only to the version the sender saw', () => {
  it('refuses a stale version with 409 case.version_conflict and the current version, writing nothing', async () => {
    const id = await submittedCase();
    await act(app, 'street01', id, 'accept');

    const response = await app.server.request('POST', `/api/v1/cases/${id}/events/urge`, {
      token: await app.token('street01'),
      headers: { 'if-match': '"1"' },
      body: {},
    });

    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({ code: 'case.version_conflict', details: { currentVersion: 2 } });
    const stored = await storedCase(id);
    expect(stored.version).toBe(2);
    expect(entriesOf(stored, 'urge')).toBe(0);
  });

  it.each([
    { name: 'the ETag of the detail, quoted', header: (etag: string) => etag },
    { name: 'the bare version number', header: (etag: string) => etag.replaceAll('"', '') },
  ])('applies the step when If-Match is the current version ($name)', async ({ header }) => {
    const id = await submittedCase();
    await act(app, 'street01', id, 'accept');
    const token = await app.token('street01');
    const detail = await app.server.request('GET', `/api/v1/cases/${id}`, { token });
    expect(detail.headers.get('etag')).toBe('"2"');

    const response = await app.server.request('POST', `/api/v1/cases/${id}/events/urge`, {
      token,
      headers: { 'if-match': header(detail.headers.get('etag')!) },
      body: {},
    });

    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.headers.get('etag')).toBe('"3"');
    expect(entriesOf(await storedCase(id), 'urge')).toBe(1);
  });
});

describe('two scheduler passes at once on the same due cases', () => {
  it('applies the warning, the overdue 催办 and the escalation exactly once each', async () => {
    const ids = [await submittedCase(), await submittedCase(), await submittedCase()];
    // A month on, every threshold of the two-hour accept stage (warn 80 %, overdue 100 %,
    // escalate 150 %) has passed, so each pass wants to apply all three to every case.
    const monthLater = new Date(app.clock.now().getTime() + 30 * 86_400_000);
    const deps: CaseCommandDeps = { store: gate.wrap(mongoCaseStore(app.database)), reference: app.reference, photos: mongoPhotoPort(app.database), now: () => monthLater };

    // The other tests' cases fall due too; each due case must end with each due event once.
    const due = await deps.store.findDue(monthLater, 1000);
    expect(due.map((record) => record.id)).toEqual(expect.arrayContaining(ids));
    const dueEvents = new Map(due.map((record) => [record.id, dueSystemEvents(record, monthLater).map((event) => event.type)]));
    expect(dueEvents.get(ids[0]!)).toEqual(['warn', 'overdue', 'auto_escalate']);

    // Both passes read the due cases before either writes anything.
    gate.holdAfterFindDue(2);
    const passes = await Promise.all([runDueSystemEvents(deps), runDueSystemEvents(deps)]);

    for (const record of due) {
      const stored = await storedCase(record.id);
      const applied = stored.timeline.slice(record.timeline.length).map((entry) => entry.type);
      expect(applied, `case ${record.id}`).toEqual(dueEvents.get(record.id));
      expect(stored.version).toBe(record.version + applied.length);
    }
    for (const id of ids) {
      const stored = await storedCase(id);
      expect({ warn: entriesOf(stored, 'warn'), overdue: entriesOf(stored, 'overdue'), auto_escalate: entriesOf(stored, 'auto_escalate') }).toEqual({
        warn: 1,
        overdue: 1,
        auto_escalate: 1,
      });
      expect(stored).toMatchObject({ version: 4, tier: 'district', supervised: true, urgeCount: 1 });
    }
    const expectedSteps = [...dueEvents.values()].reduce((sum, events) => sum + events.length, 0);
    expect(passes.reduce((sum, pass) => sum + pass.applied, 0)).toBe(expectedSteps);
    // Both passes tried each case's first step from the same version: for every case one of them
    // lost that write and stood back rather than applying it again.
    expect(passes.reduce((sum, pass) => sum + pass.skipped, 0)).toBe(due.length);
    expect(await runDueSystemEvents(deps)).toMatchObject({ applied: 0, skipped: 0, failed: 0 });
  });
});

describe('a case the scheduler cannot handle', () => {
  it('is reported and skipped while the cases due after it are still handled', async () => {
    const broken = await submittedCase();
    const healthy = await submittedCase();
    // A catalog version that was never published: its stage rules cannot be found.
    await app.database.connection.db!.collection('cases').updateOne({ _id: broken } as never, { $set: { catalogVersion: 999 } });
    const later = new Date(app.clock.now().getTime() + 60 * 86_400_000);
    const failures: string[] = [];
    const deps: CaseCommandDeps = { store: mongoCaseStore(app.database), reference: app.reference, photos: mongoPhotoPort(app.database), now: () => later };

    const pass = await runDueSystemEvents(deps, 1000, (caseId) => failures.push(caseId));

    expect(failures).toEqual([broken]);
    expect(pass.failed).toBe(1);
    expect(entriesOf(await storedCase(healthy), 'overdue')).toBe(1);
    expect(entriesOf(await storedCase(broken), 'overdue')).toBe(0);
  });
});
