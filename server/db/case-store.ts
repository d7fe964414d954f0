import type { CaseRecord } from '../../shared/cases/types';
import { nextSystemCheckAt } from '../../shared/cases/machine';
import { facetsOfRecord } from '../../shared/cases/facets';
import { decodeListCursor, encodeListCursor } from '../../shared/cases/list-cursor';
import { statusGroup } from '../../shared/cases/states';
import type { CaseFollowersPort, CaseOutbox, CaseStore, FilingKey, OutboxEntry, Page, PendingOutbox, StoredFiling } from '../commands/ports';
import type { Database } from './connection';
import type { Equals } from './schemas/shape-check';
import { invalidListCursor } from '../errors';

/** Everything stored besides the record: derived fields that the indexes are built on. */
function derivedFields(record: CaseRecord) {
  const group = statusGroup(record.status);
  const facets = facetsOfRecord(record);
  const cohandlerUnitCodes = record.assignment.cohandlers.map((unit) => unit.unitCode);
  return {
    facets,
    statusGroup: group,
    reporterId: record.reporter.accountId,
    leadUnitCode: record.assignment.leadUnitCode ?? null,
    cohandlerUnitCodes,
    cohandlerFacets: cohandlerUnitCodes.flatMap((unitCode) => facets.map((facet) => cohandlerFacet(unitCode, facet))),
    nextCheckAt: nextSystemCheckAt(record),
  };
}

/**
 * One key per (cohandler, facet): both are arrays, and MongoDB cannot index two array fields in
 * one compound index, so the cohandling list's scope and facet are indexed as one field.
 */
const cohandlerFacet = (unitCode: string, facet: string) => `${unitCode}|${facet}`;

const recordKeys = [
  'number', 'status', 'subcategoryCode', 'categoryCode', 'catalogVersion', 'priority', 'title', 'description', 'location',
  'address', 'streetCode', 'gridCode', 'compoundCode', 'buildingCode', 'source', 'origin', 'externalDeadline', 'reporter', 'photos', 'tier', 'assignment',
  'clock', 'caseClock', 'unitHoldings', 'publicSummary', 'publicPhotoIds', 'suspension', 'resolution', 'rating', 'mergedInto', 'followers', 'urgeCount', 'supervised', 'reopenCount',
  'timeline', 'filedAt', 'closedAt', 'updatedAt', 'version',
] as const satisfies readonly (keyof CaseRecord)[];
// Both ways: a field added to CaseRecord but not listed above would silently never be stored.
export const caseKeysListed: Equals<(typeof recordKeys)[number], Exclude<keyof CaseRecord, 'id'>> = true;

type StoredCase = Record<string, unknown> & { _id: string };

function toRecord(doc: StoredCase): CaseRecord {
  const record: Record<string, unknown> = { id: doc._id };
  for (const key of recordKeys) if (doc[key] !== undefined && doc[key] !== null) record[key] = doc[key];
  return record as unknown as CaseRecord;
}

/** The stored fields of a record: absent optional fields are unset, not stored as null. */
function toStored(record: CaseRecord) {
  const set: Record<string, unknown> = {};
  const unset: Record<string, ''> = {};
  for (const key of recordKeys) {
    // The timeline is appended with $push, and the follower count is only ever changed by
    // `addFollower`'s $inc: writing either back from a record read earlier would undo a
    // concurrent append or follow that did not change the version.
    if (key === 'timeline' || key === 'followers') continue;
    if (record[key] === undefined) unset[key] = '';
    else set[key] = record[key];
  }
  return { set, unset };
}

/** The outbox fields of a new case document: its filing's effects, pending until relayed. */
const outboxFields = (outbox: readonly OutboxEntry[]) => ({ outbox, outboxSince: outbox.length ? outbox[0]!.at : null });

/**
 * Listeners of this process, per database: a write with effects wakes the runner at once instead of
 * waiting for its next poll, and its publish effects go out as hints to live viewers at once.
 * Other processes' writes are found by the poll.
 */
const writtenListeners = new WeakMap<Database, Set<(entries: readonly OutboxEntry[], record: CaseRecord) => void>>();

function signalWritten(database: Database, entries: readonly OutboxEntry[], record: CaseRecord): void {
  for (const listener of writtenListeners.get(database) ?? []) listener(entries, record);
}

/** Two lists in (filedAt, _id) descending order, as one in the same order, each case once. */
function mergeNewestFirst(a: CaseRecord[], b: CaseRecord[]): CaseRecord[] {
  const byId = new Map([...a, ...b].map((record) => [record.id, record]));
  return [...byId.values()].sort((x, y) => y.filedAt.getTime() - x.filedAt.getTime() || (y.id < x.id ? -1 : y.id > x.id ? 1 : 0));
}

/**
 * The mongoose adapter of the case store. It talks to the model's underlying driver collection:
 * the record is a plain domain object already, and one conditional update per step must be
 * sent exactly as written, without document casting in between.
 */
export function mongoCaseStore(database: Database): CaseStore {
  // The driver's own collections, beneath mongoose's buffering wrapper: every filing goes through
  // here, and the models' schemas still declare the fields and the indexes.
  const db = database.connection.db!;
  const Case = { collection: db.collection(database.models.Case.collection.collectionName) };
  const Counter = { collection: db.collection(database.models.Counter.collection.collectionName) };
  return {
    async nextCaseNumber(now) {
      // Beijing date, as printed on notices and read out on the hotline.
      const day = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
      const counter = await Counter.collection.findOneAndUpdate({ _id: `case:${day}` } as never, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' });
      return `BH${day}-${String(counter!.seq).padStart(6, '0')}`;
    },

    async insert(record, extra, outbox) {
      await Case.collection.insertOne({
        _id: record.id,
        ...toStored(record).set,
        followers: record.followers,
        timeline: record.timeline,
        ...derivedFields(record),
        communityUnitCode: extra.communityUnitCode ?? null,
        ...(extra.filingKey ? { filingKey: extra.filingKey } : {}),
        followerIds: [],
        ...outboxFields(outbox),
      } as never);
      if (outbox.length) signalWritten(database, outbox, record);
    },

    async findById(id) {
      const doc = await Case.collection.findOne({ _id: id } as never);
      return doc ? toRecord(doc as unknown as StoredCase) : undefined;
    },

    async findFiling(id) {
      const doc = await Case.collection.findOne({ _id: id } as never);
      if (!doc) return undefined;
      const filingKey = doc.filingKey as FilingKey | null | undefined;
      return { record: toRecord(doc as unknown as StoredCase), ...(filingKey ? { filingKey: { key: filingKey.key, requestHash: filingKey.requestHash } } : {}) } satisfies StoredFiling;
    },

    async replaceIfVersion(next, expectedVersion, outbox) {
      const { set, unset } = toStored(next);
      // The timeline is append-only and every version adds one entry: push those, never rewrite.
      // The step's effects are pushed in the same update, so they exist exactly when the step does.
      const added = next.timeline.slice(expectedVersion - next.version);
      const result = await Case.collection.updateOne({ _id: next.id, version: expectedVersion } as never, {
        $set: { ...set, ...derivedFields(next), ...(outbox.length ? { outboxSince: outbox[0]!.at } : {}) },
        $push: { timeline: { $each: added }, outbox: { $each: outbox } } as never,
        ...(Object.keys(unset).length ? { $unset: unset } : {}),
      });
      if (result.matchedCount === 1 && outbox.length) signalWritten(database, outbox, next);
      return result.matchedCount === 1;
    },

    async list(scope, page) {
      const after = page.cursor ? decodeListCursor(page.cursor) : undefined;
      if (page.cursor && !after) throw invalidListCursor();
      const newestFirst = (filter: Record<string, unknown>) => {
        if (after) filter.$or = [{ filedAt: { $lt: after.filedAt } }, { filedAt: after.filedAt, _id: { $lt: after.id } }];
        return Case.collection
          .find(filter as never)
          .sort({ filedAt: -1, _id: -1 })
          .limit(page.limit + 1)
          .toArray()
          .then((docs) => docs.map((doc) => toRecord(doc as unknown as StoredCase)));
      };
      let records: CaseRecord[];
      if (scope.field === 'reporterOrFollower') {
        // Two keyset walks in the same order, merged. The followed half has an index of its own, as no
        // index may hold two arrays (followerIds, facets): its facet is checked ($all) on the few
        // cases one resident follows, after that index.
        const [reported, followed] = await Promise.all([
          newestFirst({ reporterId: scope.value, facets: scope.facet }),
          newestFirst({ followerIds: scope.value, facets: { $all: [scope.facet] } }),
        ]);
        records = mergeNewestFirst(reported, followed).slice(0, page.limit + 1);
      } else if (scope.field === 'cohandlerUnitCodes') {
        records = await newestFirst({ cohandlerFacets: cohandlerFacet(scope.value!, scope.facet) });
      } else {
        records = await newestFirst(scope.field ? { facets: scope.facet, [scope.field]: scope.value } : { facets: scope.facet });
      }
      const items = records.slice(0, page.limit);
      return { items, nextCursor: records.length > page.limit ? encodeListCursor(items[items.length - 1]!) : null } satisfies Page<CaseRecord>;
    },

    async listChangedSince(from, limit) {
      const docs = await Case.collection
        .find({ updatedAt: { $gte: from } } as never)
        .sort({ updatedAt: -1, _id: -1 })
        .limit(limit)
        .toArray();
      return docs.map((doc) => toRecord(doc as unknown as StoredCase));
    },

    async findDue(now, limit) {
      const docs = await Case.collection
        .find({ nextCheckAt: { $lte: now } } as never)
        .sort({ nextCheckAt: 1 })
        .limit(limit)
        .toArray();
      return docs.map((doc) => toRecord(doc as unknown as StoredCase));
    },

    async findOpenInLatitudeBand(subcategoryCode, lat, halfWidthM, limit) {
      // One degree of latitude is ~111 km everywhere; the caller narrows the band by distance.
      const band = halfWidthM / 111_000;
      const docs = await Case.collection
        .find({ subcategoryCode, statusGroup: 'open', 'location.lat': { $gte: lat - band, $lte: lat + band } } as never)
        .limit(limit)
        .toArray();
      return docs.map((doc) => toRecord(doc as unknown as StoredCase));
    },

    async addFollower(caseId, followerId) {
      const result = await Case.collection.updateOne({ _id: caseId, followerIds: { $ne: followerId } } as never, {
        $push: { followerIds: followerId } as never,
        $inc: { followers: 1 },
      });
      return result.modifiedCount === 1;
    },

    async isFollower(caseId, accountId) {
      // Served by the _id index; the follower check runs on that one document.
      return (await Case.collection.countDocuments({ _id: caseId, followerIds: accountId } as never, { limit: 1 })) === 1;
    },
  };
}

/** Beyond the epoch: every date, never null (a case with nothing pending has `outboxSince: null`). */
const anyDate = new Date(0);

/**
 * The relay's view of the case documents: entries wait on their case only until copied to the job
 * queue, so the documents that lists read stay small.
 */
export function mongoCaseOutbox(database: Database): CaseOutbox {
  const Case = { collection: database.connection.db!.collection(database.models.Case.collection.collectionName) };
  return {
    async findPending(limit) {
      const docs = await Case.collection
        .find({ outboxSince: { $gt: anyDate } } as never, { projection: { _id: 1, version: 1, outbox: 1 } })
        .sort({ outboxSince: 1 })
        .limit(limit)
        .toArray();
      return docs.map((doc) => ({ caseId: String(doc._id), version: doc.version as number, entries: (doc.outbox ?? []) as OutboxEntry[] }) satisfies PendingOutbox);
    },

    async clearRelayed(caseId, version) {
      // Every write that adds entries raises the version: an unchanged version means no entry
      // arrived since the read, so all of them were relayed and none is dropped.
      const result = await Case.collection.updateOne({ _id: caseId, version } as never, { $set: { outbox: [], outboxSince: null } });
      return result.matchedCount === 1;
    },

    onWritten(listener) {
      const listeners = writtenListeners.get(database) ?? new Set();
      writtenListeners.set(database, listeners);
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Followers of a case as effect handlers change them, each change once per effect key. */
export function mongoCaseFollowers(database: Database): CaseFollowersPort {
  const Case = { collection: database.connection.db!.collection(database.models.Case.collection.collectionName) };
  const read = async (caseId: string) =>
    (await Case.collection.findOne({ _id: caseId } as never, { projection: { reporterId: 1, followerIds: 1, appliedEffectKeys: 1 } })) as
      | { reporterId: string; followerIds?: string[]; appliedEffectKeys?: string[] }
      | null;
  return {
    async partiesOf(caseId) {
      const doc = await read(caseId);
      return doc ? { reporterId: doc.reporterId, followerIds: doc.followerIds ?? [] } : undefined;
    },

    async addFollowersOnce(caseId, accountIds, effectKey) {
      // Re-read and try again only when a concurrent follow changed the followers in between.
      for (let attempt = 0; attempt < 10; attempt += 1) {
        const doc = await read(caseId);
        if (!doc) return 'missing';
        if ((doc.appliedEffectKeys ?? []).includes(effectKey)) return 'already_applied';
        const following = new Set([doc.reporterId, ...(doc.followerIds ?? [])]);
        const fresh = [...new Set(accountIds)].filter((id) => !following.has(id));
        // The key and the followers change in one update: either both or neither.
        const result = await Case.collection.updateOne(
          { _id: caseId, appliedEffectKeys: { $ne: effectKey }, ...(fresh.length ? { followerIds: { $nin: fresh } } : {}) } as never,
          { $push: { appliedEffectKeys: effectKey, followerIds: { $each: fresh } } as never, $inc: { followers: fresh.length } },
        );
        if (result.matchedCount === 1) return 'applied';
      }
      throw new Error(`followers of case ${caseId} kept changing while applying ${effectKey}`);
    },
  };
}
