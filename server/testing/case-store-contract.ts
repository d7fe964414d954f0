import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCase, T0 } from '../../shared/cases/testing';
import type { CaseRecord, TimelineEntry } from '../../shared/cases/types';
import { HOUR_MS } from '../../shared/time/calendar';
import { outboxEntriesOf } from '../commands/outbox';
import type { CaseFollowersPort, CaseListScope, CaseOutbox, CaseStore } from '../commands/ports';

/** A store under test and how to dispose of it (a database per file for the mongo one). */
export interface StoreUnderTest {
  store: CaseStore;
  /** The relay's view of the same cases' pending effects. */
  outbox: CaseOutbox;
  /** Followers as effect handlers change them, on the same cases. */
  followers: CaseFollowersPort;
  close(): Promise<void>;
}

let serial = 0;
/** A case with an id of its own, so that the behaviours below can share one store. */
function aCase(overrides: Partial<CaseRecord> = {}): CaseRecord {
  serial += 1;
  const id = `case${String(serial).padStart(6, '0')}${Math.random().toString(36).slice(2, 8)}`;
  return buildCase({ id, number: `BH20260309-${id}`, ...overrides }, { at: overrides.filedAt });
}

const entry = (record: CaseRecord, type: TimelineEntry['type'], at = T0): TimelineEntry => ({
  seq: record.timeline.length + 1,
  type,
  actor: { id: 'street_dispatcher-1', role: 'street_dispatcher', name: '调度员' },
  at,
});

/** `record` one step on: version + 1, one more timeline entry, the changes given. */
function stepped(record: CaseRecord, type: TimelineEntry['type'], changes: Partial<CaseRecord> = {}): CaseRecord {
  return { ...record, ...changes, version: record.version + 1, timeline: [...record.timeline, entry(record, type)] };
}

/** Every page of a list, following cursors. */
async function allPages(store: CaseStore, scope: CaseListScope, limit: number): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list(scope, { cursor, limit });
    pages.push(page.items.map((record) => record.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor && pages.length < 100);
  return pages;
}

/**
 * The behaviours every CaseStore must have, written once and run against each adapter (the mongo
 * one on the real engine, the in-memory one in plain maps): use-case tests on the in-memory store
 * are worth what this suite holds both to.
 */
export function describeCaseStoreContract(name: string, makeStore: () => Promise<StoreUnderTest>): void {
  describe(`CaseStore contract: ${name}`, () => {
    let subject: StoreUnderTest;
    let store: CaseStore;
    let outbox: CaseOutbox;
    let followers: CaseFollowersPort;
    beforeAll(async () => {
      subject = await makeStore();
      ({ store, outbox, followers } = subject);
    });
    afterAll(async () => subject?.close());

    describe('insert and findById', () => {
      it('gives back the record as inserted', async () => {
        const record = aCase({ status: 'dispatched' });
        await store.insert(record, {}, []);
        expect(await store.findById(record.id)).toEqual(record);
      });

      it('answers undefined for an id never stored', async () => {
        expect(await store.findById('no-such-case-id')).toBeUndefined();
      });

      it('refuses a second record with the same id as a duplicate key (11000), keeping the first', async () => {
        const record = aCase();
        await store.insert(record, {}, []);
        await expect(store.insert({ ...record, number: `${record.number}-2`, title: '另一件' }, {}, [])).rejects.toMatchObject({ code: 11000 });
        expect((await store.findById(record.id))?.title).toBe(record.title);
      });

      it('refuses a second record with the same case number as a duplicate key (11000)', async () => {
        const record = aCase();
        await store.insert(record, {}, []);
        const twin = aCase({ number: record.number });
        await expect(store.insert(twin, {}, [])).rejects.toMatchObject({ code: 11000 });
        expect(await store.findById(twin.id)).toBeUndefined();
      });

      it('hands out copies: changing a record read does not change the stored one', async () => {
        const record = aCase();
        await store.insert(record, {}, []);
        const read = (await store.findById(record.id))!;
        read.title = '被改动';
        read.timeline.push(entry(read, 'accept'));
        expect(await store.findById(record.id)).toEqual(record);
      });
    });

    describe('findFiling', () => {
      it('gives back the case with the idempotency key it was filed under, and without one when none was given', async () => {
        const keyed = aCase();
        const plain = aCase();
        const filingKey = { key: 'retry-key-0001', requestHash: 'hash-of-the-request' };
        await store.insert(keyed, { filingKey }, []);
        await store.insert(plain, {}, []);
        expect(await store.findFiling(keyed.id)).toEqual({ record: keyed, filingKey });
        expect(await store.findFiling(plain.id)).toEqual({ record: plain });
        expect(await store.findFiling('no-such-case-id')).toBeUndefined();
      });

      it('keeps the key of the first insert when a second with the same id is refused', async () => {
        const record = aCase();
        await store.insert(record, { filingKey: { key: 'retry-key-0002', requestHash: 'first' } }, []);
        await expect(store.insert({ ...record, number: `${record.number}-2` }, { filingKey: { key: 'retry-key-0002', requestHash: 'second' } }, [])).rejects.toMatchObject({ code: 11000 });
        expect((await store.findFiling(record.id))?.filingKey).toEqual({ key: 'retry-key-0002', requestHash: 'first' });
      });

      it('keeps the key through later steps of the case', async () => {
        const record = aCase();
        const filingKey = { key: 'retry-key-0003', requestHash: 'h' };
        await store.insert(record, { filingKey }, []);
        const next = stepped(record, 'accept', { status: 'accepted' });
        expect(await store.replaceIfVersion(next, record.version, [])).toBe(true);
        expect(await store.findFiling(record.id)).toEqual({ record: next, filingKey });
      });
    });

    describe('nextCaseNumber', () => {
      it('numbers one Beijing day in sequence and starts again the next day', async () => {
        // A day no other test files in: 2031-05-06 in Beijing, just after midnight there.
        const first = await store.nextCaseNumber(new Date('2031-05-05T16:30:00Z'));
        const second = await store.nextCaseNumber(new Date('2031-05-06T15:59:00Z'));
        const nextDay = await store.nextCaseNumber(new Date('2031-05-06T16:00:00Z'));
        expect([first, second, nextDay]).toEqual(['BH20310506-000001', 'BH20310506-000002', 'BH20310507-000001']);
      });
    });

    describe('replaceIfVersion', () => {
      it('stores the next version when the stored version is the one expected', async () => {
        const record = aCase();
        await store.insert(record, {}, []);
        const next = stepped(record, 'accept', { status: 'accepted', title: '已受理的标题' });
        expect(await store.replaceIfVersion(next, 1, [])).toBe(true);
        expect(await store.findById(record.id)).toEqual(next);
      });

      it('refuses a stale version and changes nothing', async () => {
        const record = aCase();
        await store.insert(record, {}, []);
        const next = stepped(record, 'accept', { status: 'accepted' });
        await store.replaceIfVersion(next, 1, []);
        const late = stepped(record, 'reject', { status: 'rejected' });
        expect(await store.replaceIfVersion(late, 1, [])).toBe(false);
        expect(await store.findById(record.id)).toEqual(next);
      });

      it('answers false for a case never stored', async () => {
        expect(await store.replaceIfVersion(stepped(aCase(), 'accept'), 1, [])).toBe(false);
      });

      it('appends only the entries the new versions added, never rewriting earlier ones', async () => {
        const record = aCase();
        await store.insert(record, {}, []);
        const twoSteps = stepped(stepped(record, 'accept', { status: 'accepted' }), 'urge');
        // An earlier entry changed in the caller's copy must not reach the stored history.
        twoSteps.timeline[0] = { ...twoSteps.timeline[0]!, note: '篡改' };
        expect(await store.replaceIfVersion(twoSteps, 1, [])).toBe(true);
        const stored = (await store.findById(record.id))!;
        expect(stored.version).toBe(3);
        expect(stored.timeline.map((e) => e.type)).toEqual(['file', 'accept', 'urge']);
        expect(stored.timeline[0]).toEqual(record.timeline[0]);
      });

      it('removes optional fields the next version no longer has', async () => {
        const record = aCase({ status: 'suspended' });
        await store.insert(record, {}, []);
        const resumed = stepped(record, 'resume', { status: 'in_progress', suspension: undefined });
        expect(await store.replaceIfVersion(resumed, record.version, [])).toBe(true);
        expect((await store.findById(record.id))?.suspension).toBeUndefined();
      });

      it('keeps a follower counted after the writer read the case', async () => {
        const record = aCase({ status: 'accepted' });
        await store.insert(record, {}, []);
        const read = (await store.findById(record.id))!;
        expect(await store.addFollower(record.id, 'resident-9')).toBe(true);
        expect(await store.replaceIfVersion(stepped(read, 'urge'), read.version, [])).toBe(true);
        expect((await store.findById(record.id))?.followers).toBe(1);
      });

      it('lets exactly one of ten writers of the same version win', async () => {
        const record = aCase();
        await store.insert(record, {}, []);
        const attempts = Array.from({ length: 10 }, (_, i) => stepped(record, 'accept', { status: 'accepted', title: `写者${i}` }));
        const outcomes = await Promise.all(attempts.map((next) => store.replaceIfVersion(next, 1, [])));
        expect(outcomes.filter(Boolean)).toHaveLength(1);
        const stored = (await store.findById(record.id))!;
        expect(stored.timeline).toHaveLength(2);
        expect(stored.title).toBe(attempts[outcomes.indexOf(true)]!.title);
      });
    });

    describe('list', () => {
      // A street of its own, so other behaviours' cases never show up here.
      const streetCode = 'ST-LIST';
      const seeded: CaseRecord[] = [];
      beforeAll(async () => {
        const base = new Date('2026-04-01T09:00:00+08:00').getTime();
        // Three share one filing instant: the id breaks the tie, so pages neither skip nor repeat.
        const instants = [0, 1, 1, 1, 2, 3, 4, 5, 6, 7].map((hours) => new Date(base + hours * HOUR_MS));
        const statuses = ['submitted', 'accepted', 'dispatched', 'closed', 'in_progress', 'suspended', 'rejected', 'submitted', 'dispatched', 'resolved'] as const;
        for (const [i, filedAt] of instants.entries()) {
          const record = aCase({
            status: statuses[i]!,
            filedAt,
            streetCode,
            gridCode: i % 2 === 0 ? 'ST-LIST-G1' : 'ST-LIST-G2',
            reporter: { accountId: i < 3 ? 'reporter-a' : 'reporter-b', role: 'resident', name: '居民', anonymous: false },
            subcategoryCode: i < 5 ? '05.02' : '01.03',
            categoryCode: i < 5 ? '05' : '01',
            supervised: i === 2 || i === 3,
            assignment: i >= 2 ? { leadUnitCode: i % 2 ? 'U-LEAD-1' : 'U-LEAD-2', leadUnitType: 'property_company', cohandlers: i === 4 || i === 8 ? [{ unitCode: 'U-CO-1', unitType: 'market_supervision' }] : [] } : { cohandlers: [] },
          });
          if (i === 8 || i === 3) record.clock = { ...(record.clock ?? buildCase({ status: 'dispatched' }).clock!), overdue: true };
          // Past the case deadline (办结时限) though within its stage limit: overdue all the same.
          if (i === 9) record.caseClock = { ...record.caseClock!, overdue: true };
          seeded.push(record);
          await store.insert(record, { communityUnitCode: i < 4 ? 'U-CM-LIST' : undefined }, []);
        }
      });
      const newestFirst = (records: CaseRecord[]) =>
        [...records].sort((a, b) => b.filedAt.getTime() - a.filedAt.getTime() || (a.id < b.id ? 1 : -1)).map((record) => record.id);

      it('pages a street newest first by (filedAt, id), each case exactly once', async () => {
        // Pages of two: the fourth page ends inside the three cases filed at the same instant.
        const pages = await allPages(store, { field: 'streetCode', value: streetCode, facet: 'all' }, 2);
        expect(pages.map((page) => page.length)).toEqual([2, 2, 2, 2, 2]);
        expect(pages.flat()).toEqual(newestFirst(seeded));
      });

      it.each<[string, Omit<CaseListScope, 'facet'>, (record: CaseRecord, i: number) => boolean]>([
        ['reporter', { field: 'reporterOrFollower', value: 'reporter-a' }, (_r, i) => i < 3],
        ['lead unit', { field: 'leadUnitCode', value: 'U-LEAD-1' }, (_r, i) => i >= 2 && i % 2 === 1],
        ['cohandler', { field: 'cohandlerUnitCodes', value: 'U-CO-1' }, (_r, i) => i === 4 || i === 8],
        ['grid', { field: 'gridCode', value: 'ST-LIST-G2' }, (_r, i) => i % 2 === 1],
        ['community', { field: 'communityUnitCode', value: 'U-CM-LIST' }, (_r, i) => i < 4],
      ])('scopes a list by %s', async (_name, scope, expected) => {
        const pages = await allPages(store, { ...scope, facet: 'all' } as CaseListScope, 50);
        expect(pages.flat()).toEqual(newestFirst(seeded.filter(expected)));
      });

      it('lists for "mine" the cases one filed and those one follows, newest first across both, each once', async () => {
        // reporter-b follows one of reporter-a's cases and (harmlessly) one of its own.
        await store.addFollower(seeded[1]!.id, 'reporter-b');
        await store.addFollower(seeded[5]!.id, 'reporter-b');
        const pages = await allPages(store, { field: 'reporterOrFollower', value: 'reporter-b', facet: 'all' }, 2);
        expect(pages.flat()).toEqual(newestFirst(seeded.filter((_r, i) => i >= 3 || i === 1)));
        const openOnly = await allPages(store, { field: 'reporterOrFollower', value: 'reporter-b', facet: 'status:accepted' }, 5);
        expect(openOnly.flat()).toEqual([seeded[1]!.id]);
      });

      it.each<[CaseListScope['facet'], (record: CaseRecord, i: number) => boolean]>([
        ['status:dispatched', (r) => r.status === 'dispatched'],
        ['group:open', (r) => !['closed', 'rejected', 'suspended'].includes(r.status)],
        ['group:paused', (r) => r.status === 'suspended'],
        ['cat:01', (_r, i) => i >= 5],
        ['sub:05.02', (_r, i) => i < 5],
        // Case 3 is overdue and supervised but closed: off both worklists.
        ['overdue', (_r, i) => i === 8 || i === 9],
        ['supervised', (_r, i) => i === 2],
      ])('filters a street by the facet %s', async (facet, expected) => {
        const page = await store.list({ field: 'streetCode', value: streetCode, facet }, { limit: 50 });
        expect(page.items.map((record) => record.id)).toEqual(newestFirst(seeded.filter(expected)));
        expect(page.nextCursor).toBeNull();
      });

      it('filters a cohandler list by facet as well', async () => {
        const page = await store.list({ field: 'cohandlerUnitCodes', value: 'U-CO-1', facet: 'overdue' }, { limit: 50 });
        expect(page.items.map((record) => record.id)).toEqual([seeded[8]!.id]);
      });

      it('moves a case between facets when a new version changes its status', async () => {
        const record = seeded[0]!;
        const before = await store.list({ field: 'streetCode', value: streetCode, facet: 'status:accepted' }, { limit: 50 });
        const accepted = stepped((await store.findById(record.id))!, 'accept', { status: 'accepted' });
        expect(await store.replaceIfVersion(accepted, record.version, [])).toBe(true);
        seeded[0] = accepted;
        const after = await store.list({ field: 'streetCode', value: streetCode, facet: 'status:accepted' }, { limit: 50 });
        expect(after.items.map((r) => r.id)).toEqual(newestFirst([...before.items, accepted]));
        const submitted = await store.list({ field: 'streetCode', value: streetCode, facet: 'status:submitted' }, { limit: 50 });
        expect(submitted.items.map((r) => r.id)).not.toContain(record.id);
      });

      it('lists district-wide with no scope field', async () => {
        const page = await store.list({ field: null, facet: 'all' }, { limit: 50 });
        expect(page.items.map((record) => record.id)).toEqual(expect.arrayContaining(seeded.map((record) => record.id)));
      });

      it.each(['not-base64!', btoa('no separator here'), btoa('9007199254740991:abc'), btoa('12:')])('refuses the cursor %s with list.invalid_cursor', async (cursor) => {
        await expect(store.list({ field: null, facet: 'all' }, { cursor, limit: 5 })).rejects.toMatchObject({ code: 'list.invalid_cursor', status: 422 });
      });
    });

    describe('listChangedSince', () => {
      it('lists the cases changed at or after a moment, the latest change first, up to the limit', async () => {
        const at = (days: number) => new Date(Date.UTC(2041, 0, 1) + days * 86_400_000);
        const [old, changedLater, recent] = [aCase({ updatedAt: at(0) }), aCase({ filedAt: at(-30), updatedAt: at(3) }), aCase({ updatedAt: at(5) })];
        for (const record of [old, changedLater, recent]) await store.insert(record, {}, []);
        expect((await store.listChangedSince(at(1), 10)).map((record) => record.id)).toEqual([recent.id, changedLater.id]);
        expect((await store.listChangedSince(at(0), 2)).map((record) => record.id)).toEqual([recent.id, changedLater.id]);
        expect(await store.listChangedSince(at(6), 10)).toEqual([]);
      });
    });

    describe('findDue', () => {
      it('finds the cases whose next check has come, oldest first, and not the others', async () => {
        // Far in the future, so these are the earliest checks only relative to each other.
        const at = (days: number) => new Date(Date.UTC(2040, 0, 1) + days * 86_400_000);
        const withChecksFrom = (day: number) => {
          const record = aCase({ status: 'submitted' });
          return { ...record, clock: { ...record.clock!, warnAt: at(day), deadline: at(day + 1), escalateAt: at(day + 2) } };
        };
        const dueLate = withChecksFrom(2);
        const early = withChecksFrom(1);
        const later = withChecksFrom(10);
        const closed = aCase({ status: 'closed' });
        for (const record of [dueLate, early, later, closed]) await store.insert(record, {}, []);

        const due = await store.findDue(at(5), 1000);
        const ids = due.map((record) => record.id);
        expect(ids).toEqual(expect.arrayContaining([early.id, dueLate.id]));
        expect(ids).not.toContain(later.id);
        expect(ids).not.toContain(closed.id);
        expect(ids.indexOf(early.id)).toBeLessThan(ids.indexOf(dueLate.id));
        expect(await store.findDue(at(5), 1)).toHaveLength(1);
      });

      it('finds a suspended case when its suspension ends', async () => {
        const suspended = aCase({ status: 'suspended' });
        await store.insert(suspended, {}, []);
        const until = suspended.suspension!.until;
        expect((await store.findDue(new Date(until.getTime() - 1), 1000)).map((r) => r.id)).not.toContain(suspended.id);
        expect((await store.findDue(until, 1000)).map((r) => r.id)).toContain(suspended.id);
      });
    });

    describe('findOpenInLatitudeBand', () => {
      it('finds open cases of the subcategory within the band, and no others', async () => {
        const lat = 10.5;
        const near = aCase({ subcategoryCode: '09.09', categoryCode: '09', location: { lng: 117, lat: lat + 0.0008 } });
        const edge = aCase({ subcategoryCode: '09.09', categoryCode: '09', location: { lng: 117, lat: lat - 0.0017 } });
        const far = aCase({ subcategoryCode: '09.09', categoryCode: '09', location: { lng: 117, lat: lat + 0.01 } });
        const closed = aCase({ status: 'closed', subcategoryCode: '09.09', categoryCode: '09', location: { lng: 117, lat } });
        const suspended = aCase({ status: 'suspended', subcategoryCode: '09.09', categoryCode: '09', location: { lng: 117, lat } });
        const other = aCase({ subcategoryCode: '09.08', categoryCode: '09', location: { lng: 117, lat } });
        const noPlace = aCase({ subcategoryCode: '09.09', categoryCode: '09', location: undefined });
        for (const record of [near, edge, far, closed, suspended, other, noPlace]) await store.insert(record, {}, []);

        const found = await store.findOpenInLatitudeBand('09.09', lat, 200, 50);
        expect(found.map((record) => record.id).sort()).toEqual([near.id, edge.id].sort());
        expect(await store.findOpenInLatitudeBand('09.09', lat, 200, 1)).toHaveLength(1);
      });
    });

    describe('addFollower', () => {
      it('counts a follower once, however often they ask', async () => {
        const record = aCase({ status: 'accepted' });
        await store.insert(record, {}, []);
        expect(await store.addFollower(record.id, 'resident-7')).toBe(true);
        expect(await store.addFollower(record.id, 'resident-7')).toBe(false);
        expect(await store.isFollower(record.id, 'resident-7')).toBe(true);
        expect(await store.isFollower(record.id, 'resident-6')).toBe(false);
        expect(await store.isFollower('no-such-case-id', 'resident-7')).toBe(false);
        expect(await store.addFollower(record.id, 'resident-8')).toBe(true);
        const stored = (await store.findById(record.id))!;
        expect(stored.followers).toBe(2);
        // Following is not a step of the case: no new version, no timeline entry.
        expect(stored.version).toBe(record.version);
        expect(stored.timeline).toHaveLength(record.timeline.length);
      });

      it('answers false for a case never stored', async () => {
        expect(await store.addFollower('no-such-case-id', 'resident-7')).toBe(false);
      });
    });

    describe('outbox', () => {
      const effectsOf = (record: CaseRecord) => [{ type: 'case.changed' as const, caseId: record.id }];
      const pendingOf = async (caseId: string) => (await outbox.findPending(10_000)).find((pending) => pending.caseId === caseId);

      it('keeps the effects of a filing with the case until they are relayed, and only while the version holds', async () => {
        const record = aCase();
        const entries = outboxEntriesOf(record, effectsOf(record) as never, T0);
        await store.insert(record, {}, entries);
        expect(await pendingOf(record.id)).toEqual({ caseId: record.id, version: 1, entries });

        const next = stepped(record, 'accept', { status: 'accepted' });
        const more = outboxEntriesOf(next, effectsOf(next) as never, new Date(T0.getTime() + 1000));
        expect(await store.replaceIfVersion(next, 1, more)).toBe(true);
        // A relay that read version 1 must not clear what version 2 added.
        expect(await outbox.clearRelayed(record.id, 1)).toBe(false);
        expect((await pendingOf(record.id))?.entries.map((entry) => entry.key)).toEqual([...entries, ...more].map((entry) => entry.key));
        expect(await outbox.clearRelayed(record.id, 2)).toBe(true);
        expect(await pendingOf(record.id)).toBeUndefined();
      });

      it('stores no effects of a write that lost the version race', async () => {
        const record = aCase();
        await store.insert(record, {}, []);
        await store.replaceIfVersion(stepped(record, 'accept', { status: 'accepted' }), 1, []);
        const late = stepped(record, 'reject', { status: 'rejected' });
        expect(await store.replaceIfVersion(late, 1, outboxEntriesOf(late, effectsOf(late) as never, T0))).toBe(false);
        expect(await pendingOf(record.id)).toBeUndefined();
      });

      it('lists cases with pending effects oldest write first, and tells listeners of writes with effects only', async () => {
        const heard: string[] = [];
        const stop = outbox.onWritten(() => heard.push('written'));
        const older = aCase();
        const newer = aCase();
        await store.insert(newer, {}, outboxEntriesOf(newer, effectsOf(newer) as never, new Date('2020-01-02T00:00:00Z')));
        await store.insert(older, {}, outboxEntriesOf(older, effectsOf(older) as never, new Date('2020-01-01T00:00:00Z')));
        await store.insert(aCase(), {}, []);
        stop();
        await store.insert(aCase(), {}, outboxEntriesOf(older, effectsOf(older) as never, T0).map((entry) => ({ ...entry, caseId: 'x' })));
        const ids = (await outbox.findPending(10_000)).map((pending) => pending.caseId);
        expect(ids.indexOf(older.id)).toBeGreaterThanOrEqual(0);
        expect(ids.indexOf(older.id)).toBeLessThan(ids.indexOf(newer.id));
        expect(heard).toEqual(['written', 'written']);
        for (const id of [older.id, newer.id]) await outbox.clearRelayed(id, 1);
      });
    });

    describe('followers of a merge', () => {
      it('adds the accounts not yet following once per effect key, never the reporter', async () => {
        const record = aCase({ status: 'accepted' });
        await store.insert(record, {}, []);
        await store.addFollower(record.id, 'resident-a');
        const reporter = record.reporter.accountId;
        expect(await followers.addFollowersOnce(record.id, ['resident-a', 'resident-b', reporter], 'merge:1')).toBe('applied');
        expect(await followers.addFollowersOnce(record.id, ['resident-c'], 'merge:1')).toBe('already_applied');
        expect(await followers.partiesOf(record.id)).toEqual({ reporterId: reporter, followerIds: expect.arrayContaining(['resident-a', 'resident-b']) });
        expect((await followers.partiesOf(record.id))?.followerIds).toHaveLength(2);
        expect((await store.findById(record.id))?.followers).toBe(2);
        expect(await followers.addFollowersOnce('no-such-case-id', ['resident-a'], 'merge:2')).toBe('missing');
        expect(await followers.partiesOf('no-such-case-id')).toBeUndefined();
      });
    });
  });
}
