import type { CaseRecord } from '../../shared/cases/types';
import { nextSystemCheckAt } from '../../shared/cases/machine';
import { statusGroup } from '../../shared/cases/states';
import type { CaseStore, Page } from '../commands/ports';
import type { Database } from './connection';
import type { Equals } from './schemas/shape-check';
import { errors } from '../errors';

/** Everything stored besides the record: derived fields that the indexes are built on. */
function derivedFields(record: CaseRecord) {
  const group = statusGroup(record.status);
  const facets = ['all', `status:${record.status}`, `group:${group}`, `cat:${record.categoryCode}`, `sub:${record.subcategoryCode}`];
  if ((record.clock?.overdue || record.caseClock?.overdue) && group !== 'closed') facets.push('overdue');
  if (record.supervised && group !== 'closed') facets.push('supervised');
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
  'address', 'streetCode', 'gridCode', 'compoundCode', 'buildingCode', 'source', 'reporter', 'photos', 'tier', 'assignment',
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

const encodeCursor = (record: CaseRecord) => Buffer.from(`${record.filedAt.getTime()}:${record.id}`).toString('base64url');

function decodeCursor(cursor: string): { filedAt: Date; id: string } | undefined {
  const [ms, id] = Buffer.from(cursor, 'base64url').toString('utf8').split(':');
  const time = Number(ms);
  const filedAt = new Date(time);
  // A safe integer can still lie beyond the Date range (±8.64e15 ms): such a cursor was never issued by us.
  if (!id || !Number.isSafeInteger(time) || Number.isNaN(filedAt.getTime())) return undefined;
  return { filedAt, id };
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

    async insert(record, extra) {
      await Case.collection.insertOne({
        _id: record.id,
        ...toStored(record).set,
        followers: record.followers,
        timeline: record.timeline,
        ...derivedFields(record),
        communityUnitCode: extra.communityUnitCode ?? null,
        followerIds: [],
      } as never);
    },

    async findById(id) {
      const doc = await Case.collection.findOne({ _id: id } as never);
      return doc ? toRecord(doc as unknown as StoredCase) : undefined;
    },

    async replaceIfVersion(next, expectedVersion) {
      const { set, unset } = toStored(next);
      // The timeline is append-only and every version adds one entry: push those, never rewrite.
      const added = next.timeline.slice(expectedVersion - next.version);
      const result = await Case.collection.updateOne({ _id: next.id, version: expectedVersion } as never, {
        $set: { ...set, ...derivedFields(next) },
        $push: { timeline: { $each: added } } as never,
        ...(Object.keys(unset).length ? { $unset: unset } : {}),
      });
      return result.matchedCount === 1;
    },

    async list(scope, page) {
      const filter: Record<string, unknown> = {};
      if (scope.field === 'cohandlerUnitCodes') {
        filter.cohandlerFacets = cohandlerFacet(scope.value!, scope.facet);
      } else {
        filter.facets = scope.facet;
        if (scope.field) filter[scope.field] = scope.value;
      }
      if (page.cursor) {
        const after = decodeCursor(page.cursor);
        if (!after) throw errors.unprocessable('list.invalid_cursor', '翻页标记无效，请从第一页重新加载', { fields: { cursor: ['翻页标记无效'] } });
        filter.$or = [{ filedAt: { $lt: after.filedAt } }, { filedAt: after.filedAt, _id: { $lt: after.id } }];
      }
      const docs = await Case.collection
        .find(filter as never)
        .sort({ filedAt: -1, _id: -1 })
        .limit(page.limit + 1)
        .toArray();
      const items = docs.slice(0, page.limit).map((doc) => toRecord(doc as unknown as StoredCase));
      return { items, nextCursor: docs.length > page.limit ? encodeCursor(items[items.length - 1]!) : null } satisfies Page<CaseRecord>;
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
  };
}
