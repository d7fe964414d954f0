import { ObjectId, type Filter } from 'mongodb';
import type { RosterHousehold, RosterResident } from '../../shared/membership/roster';
import { householdIdOf } from '../../shared/api/membership';
import type { PollScope } from '../../shared/polls/types';
import { decodeTimeIdCursor, encodeTimeIdCursor } from '../commands/keyset-cursor';
import type { MembershipFilter, MembershipStore, RosterStore, StoredMembership } from '../commands/ports';
import { invalidListCursor } from '../errors';
import type { Database } from './connection';
import { isDuplicateKey } from './duplicate-key';

type MembershipDocument = Omit<StoredMembership, 'id'> & { _id: ObjectId };

interface RosterDocument {
  _id: string;
  households: (RosterHousehold & { householdId: string })[];
  householdIds: string[];
  rows: number;
  importedBy: string;
  importedAt: Date;
}

const optionalFields = ['claimedName', 'phone', 'reason', 'decidedBy', 'decidedById', 'decidedAt'] as const;

/** A stored document as the port's plain object; fields the engine gives back as null are left out. */
function toMembership({ _id, ...stored }: MembershipDocument): StoredMembership {
  const membership: StoredMembership = { ...stored, id: _id.toHexString() };
  for (const field of optionalFields) if (membership[field] === null || membership[field] === undefined) delete membership[field];
  return membership;
}

/** The same object without its undefined fields: the driver would store them as null. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

const objectIdOf = (id: string) => (/^[0-9a-f]{24}$/.test(id) ? new ObjectId(id) : undefined);

function listFilterOf(filter: MembershipFilter): Filter<MembershipDocument> {
  return {
    ...(filter.compoundCodes ? { compoundCode: { $in: [...filter.compoundCodes] } } : {}),
    ...(filter.status ? { status: filter.status } : {}),
  };
}

function scopeFilterOf(scope: PollScope): Filter<MembershipDocument> {
  switch (scope.kind) {
    case 'compound':
      return { compoundCode: scope.compoundCode, status: 'verified' };
    case 'buildings':
      return { compoundCode: scope.compoundCode, status: 'verified', buildingCode: { $in: [...scope.buildingCodes] } };
    case 'grid':
      return { gridCode: scope.gridCode, status: 'verified' };
  }
}

/** Memberships on `memberships`: one document per (account, household), decisions guarded by `revision`. */
export function mongoMembershipStore(database: Database): MembershipStore {
  const memberships = database.connection.db!.collection<MembershipDocument>(database.models.Membership.collection.collectionName);
  return {
    async claim(claim) {
      const fresh = defined({ ...claim, revision: 0 });
      try {
        const _id = new ObjectId();
        await memberships.insertOne({ ...fresh, _id });
        return toMembership({ ...fresh, _id });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      const existing = await memberships.findOne({ accountId: claim.accountId, householdId: claim.householdId });
      if (!existing || existing.status === 'pending' || existing.status === 'verified') return 'duplicate';
      // Claimed again after a rejection or a move: the same document, a new claim. Guarded by the
      // revision, so of two racing re-claims one wins and the other hears `duplicate`.
      const unset: Record<string, ''> = Object.fromEntries(optionalFields.filter((field) => claim[field] === undefined).map((field) => [field, '' as const]));
      const updated = await memberships.findOneAndUpdate(
        { _id: existing._id, revision: existing.revision },
        { $set: { ...fresh, revision: existing.revision + 1 }, ...(Object.keys(unset).length ? { $unset: unset } : {}) },
        { returnDocument: 'after' },
      );
      return updated ? toMembership(updated) : 'duplicate';
    },

    async findById(id) {
      const _id = objectIdOf(id);
      const found = _id && (await memberships.findOne({ _id }));
      return found ? toMembership(found) : undefined;
    },

    async ofAccount(accountId) {
      const found = await memberships.find({ accountId }).sort({ createdAt: -1, _id: -1 }).toArray();
      return found.map(toMembership);
    },

    async decideIfRevision(id, expectedRevision, decision) {
      const _id = objectIdOf(id);
      if (!_id) return undefined;
      const updated = await memberships.findOneAndUpdate(
        { _id, revision: expectedRevision },
        { $set: { ...defined(decision), revision: expectedRevision + 1 }, ...(decision.reason === undefined ? { $unset: { reason: '' } } : {}) },
        { returnDocument: 'after' },
      );
      return updated ? toMembership(updated) : undefined;
    },

    async list(filter, page) {
      const query = listFilterOf(filter);
      if (page.cursor !== undefined) {
        const after = decodeTimeIdCursor(page.cursor);
        const afterId = after && objectIdOf(after.id);
        if (!after || !afterId) throw invalidListCursor();
        query.$or = [{ createdAt: { $lt: after.at } }, { createdAt: after.at, _id: { $lt: afterId } }];
      }
      const docs = await memberships
        .find(query)
        .sort({ createdAt: -1, _id: -1 })
        .limit(page.limit + 1)
        .toArray();
      const items = docs.slice(0, page.limit).map(toMembership);
      const last = items[items.length - 1];
      return { items, nextCursor: docs.length > page.limit && last ? encodeTimeIdCursor(last.createdAt, last.id) : null };
    },

    async countEligible(scope, votesPer) {
      // `distinct` answers on FerretDB as on MongoDB (pinned by this store's tests).
      const values = await memberships.distinct(votesPer === 'resident' ? 'accountId' : 'householdId', scopeFilterOf(scope));
      return values.length;
    },

    async eligibleAccounts(scope, page) {
      const filter = scopeFilterOf(scope);
      if (page.after !== undefined) {
        const after = objectIdOf(page.after);
        if (!after) return { accountIds: [], next: null };
        filter._id = { $gt: after };
      }
      const docs = await memberships
        .find(filter, { projection: { accountId: 1 } })
        .sort({ _id: 1 })
        .limit(page.limit + 1)
        .toArray();
      const taken = docs.slice(0, page.limit);
      return { accountIds: taken.map((doc) => doc.accountId), next: docs.length > page.limit ? taken[taken.length - 1]!._id.toHexString() : null };
    },

    async pendingOf(householdIds) {
      if (householdIds.length === 0) return [];
      const found = await memberships.find({ householdId: { $in: [...householdIds] }, status: 'pending' }).toArray();
      return found.map(toMembership);
    },
  };
}

/** Rosters on `rosters`: one document per community, replaced whole by each import. */
export function mongoRosterStore(database: Database): RosterStore {
  const rosters = database.connection.db!.collection<RosterDocument>(database.models.Roster.collection.collectionName);
  return {
    async replace(communityUnitCode, households, importedBy, now) {
      const stored = households.map((household) => ({ ...household, householdId: householdIdOf(household), residents: household.residents.map((resident) => ({ ...resident })) }));
      const document: RosterDocument = {
        _id: communityUnitCode,
        households: stored,
        householdIds: stored.map((household) => household.householdId),
        rows: households.reduce((sum, household) => sum + household.residents.length, 0),
        importedBy,
        importedAt: now,
      };
      await rosters.replaceOne({ _id: communityUnitCode }, document, { upsert: true });
    },

    async residentsOf(householdId): Promise<RosterResident[]> {
      const roster = await rosters.findOne({ householdIds: householdId });
      return roster?.households.find((household) => household.householdId === householdId)?.residents ?? [];
    },
  };
}
