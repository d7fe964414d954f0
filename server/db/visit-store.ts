import type { Filter } from 'mongodb';
import { riskLevels } from '../../shared/visits/types';
import type { StoredVisit, StoredVisitPerson, VisitAuditEntry, VisitScope, VisitStore } from '../commands/ports';
import type { Database } from './connection';
import { isDuplicateKey } from './duplicate-key';

type PersonDoc = Omit<StoredVisitPerson, 'id'> & { _id: string; riskRank: number };
type VisitDoc = Omit<StoredVisit, 'id'> & { _id: string };
type AuditDoc = Omit<VisitAuditEntry, 'id'> & { _id: string };

const toPerson = ({ _id, riskRank: _rank, ...rest }: PersonDoc): StoredVisitPerson => ({ ...rest, id: _id });
const toDoc = ({ id, ...rest }: StoredVisitPerson): PersonDoc => ({ ...rest, _id: id, riskRank: riskLevels.indexOf(rest.risk) });
const toVisit = ({ _id, ...rest }: VisitDoc): StoredVisit => ({ ...rest, id: _id });
const toAudit = ({ _id, ...rest }: AuditDoc): VisitAuditEntry => ({ ...rest, id: _id });

function scopeFilter(scope: VisitScope): Filter<PersonDoc> {
  const place = scope.place;
  const where: Filter<PersonDoc> =
    'gridCode' in place ? { gridCode: place.gridCode, streetCode: place.streetCode } : 'communityUnitCode' in place ? { communityUnitCode: place.communityUnitCode } : 'streetCode' in place ? { streetCode: place.streetCode } : {};
  return { ...where, categoryCode: { $in: scope.categoryCodes }, status: 'active' };
}

/** The visit register over the raw driver (lean reads, one named method per query). */
export function mongoVisitStore(database: Database): VisitStore {
  const db = database.connection.db!;
  const people = db.collection<PersonDoc>(database.models.VisitPerson.collection.collectionName);
  const visits = db.collection<VisitDoc>(database.models.VisitRecord.collection.collectionName);
  const audit = db.collection<AuditDoc>(database.models.VisitAudit.collection.collectionName);
  return {
    async insertPerson(person) {
      await people.insertOne(toDoc(person));
    },
    async findPerson(id) {
      const doc = await people.findOne({ _id: id });
      return doc ? toPerson(doc) : undefined;
    },
    async replacePersonIfVersion(next, expectedVersion) {
      const result = await people.replaceOne({ _id: next.id, version: expectedVersion }, toDoc(next));
      return result.modifiedCount === 1;
    },
    async listPeople(scope, page) {
      const filter = scopeFilter(scope);
      if (page.after) filter._id = { $gt: page.after };
      return (await people.find(filter).sort({ _id: 1 }).limit(page.limit).toArray()).map(toPerson);
    },
    async summaryRows(scope) {
      const docs = await people.find(scopeFilter(scope), { projection: { _id: 0, categoryCode: 1, risk: 1, dueAt: 1, warnAt: 1 } }).toArray();
      return docs.map(({ categoryCode, risk, dueAt, warnAt }) => ({ categoryCode, risk, dueAt, warnAt }));
    },
    async listDue(scope, now, page) {
      const filter: Filter<PersonDoc> = { ...scopeFilter(scope), warnAt: { $lte: now } };
      const after = page.after;
      if (after) {
        filter.$or = [
          { riskRank: { $gt: after.riskRank } },
          { riskRank: after.riskRank, dueAt: { $gt: after.dueAt } },
          { riskRank: after.riskRank, dueAt: after.dueAt, _id: { $gt: after.id } },
        ];
      }
      return (await people.find(filter).sort({ riskRank: 1, dueAt: 1, _id: 1 }).limit(page.limit).toArray()).map(toPerson);
    },
    async insertVisit(visit) {
      try {
        const { id, ...rest } = visit;
        await visits.insertOne({ ...rest, _id: id });
        return 'inserted';
      } catch (error) {
        if (isDuplicateKey(error)) return 'duplicate';
        throw error;
      }
    },
    async findVisit(id) {
      const doc = await visits.findOne({ _id: id });
      return doc ? toVisit(doc) : undefined;
    },
    async addSignature(visitId, signature) {
      // One conditional update: a second signature of the same type finds the condition false.
      const result = await visits.updateOne(
        { _id: visitId, 'signOff.required': signature.unitType, 'signOff.signed.unitType': { $ne: signature.unitType } } as Filter<VisitDoc>,
        { $push: { 'signOff.signed': signature } } as never,
      );
      return result.modifiedCount === 1;
    },
    async visitsOf(personId, limit) {
      return (await visits.find({ personId }).sort({ visitedAt: -1 }).limit(limit).toArray()).map(toVisit);
    },
    async appendAudit(entries) {
      if (entries.length) await audit.insertMany(entries.map(({ id, ...rest }) => ({ ...rest, _id: id })), { ordered: true });
    },
    async listAudit(communityUnitCode, page) {
      const filter: Filter<AuditDoc> = { communityUnitCode };
      if (page.after) filter.$or = [{ at: { $lt: page.after.at } }, { at: page.after.at, _id: { $lt: page.after.id } }];
      return (await audit.find(filter).sort({ at: -1, _id: -1 }).limit(page.limit).toArray()).map(toAudit);
    },
    async listReminderDue(now, afterId, limit) {
      const filter: Filter<PersonDoc> = { status: 'active', warnAt: { $lte: now } };
      if (afterId) filter._id = { $gt: afterId };
      return (await people.find(filter).sort({ _id: 1 }).limit(limit).toArray()).map(toPerson);
    },
    async peopleBatch(afterId, limit) {
      return (await people.find(afterId ? { _id: { $gt: afterId } } : {}).sort({ _id: 1 }).limit(limit).toArray()).map(toPerson);
    },
    async visitsBatch(afterId, limit) {
      return (await visits.find(afterId ? { _id: { $gt: afterId } } : {}).sort({ _id: 1 }).limit(limit).toArray()).map(toVisit);
    },
    async resealPerson(id, sealed) {
      await people.updateOne({ _id: id }, { $set: { sealed } });
    },
    async resealVisit(id, sealed) {
      await visits.updateOne({ _id: id }, { $set: { sealed } });
    },
    async listPurgeDue(archivedBefore, limit) {
      // Purged people drop out of the filter, so the step needs no cursor: it takes the first batch until none is left.
      return (await people.find({ status: 'archived', purgedAt: { $exists: false }, 'archived.at': { $lte: archivedBefore } }).sort({ _id: 1 }).limit(limit).toArray()).map(toPerson);
    },
    async purgeVisitsOf(personId, at) {
      const result = await visits.updateMany({ personId, purgedAt: { $exists: false } }, { $set: { sealed: {}, 'draft.requestHash': '', purgedAt: at } });
      return result.modifiedCount;
    },
    async purgePerson(id, at) {
      await people.updateOne({ _id: id }, { $set: { sealed: {}, purgedAt: at } });
    },
    async blankAuditReasonsOf(personId) {
      await audit.updateMany({ personId, reason: { $exists: true } }, { $unset: { reason: '' } });
    },
    async deleteAuditBefore(before, limit) {
      // By ids, oldest first: a delete cannot be limited, and on FerretDB each one scans the collection.
      const ids = (await audit.find({ at: { $lt: before } }, { projection: { _id: 1 } }).sort({ at: 1, _id: 1 }).limit(limit).toArray()).map((doc) => doc._id);
      if (ids.length === 0) return 0;
      return (await audit.deleteMany({ _id: { $in: ids } })).deletedCount;
    },
    async activeCategoryCodes(codes) {
      const found: string[] = [];
      // One indexed probe per code: a list drops few codes at a time.
      for (const code of codes) if (await people.findOne({ categoryCode: code, status: 'active' }, { projection: { _id: 1 } })) found.push(code);
      return found;
    },
  };
}
