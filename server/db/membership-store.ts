import { ObjectId, type Document, type Filter } from 'mongodb';
import type { RosterHousehold, RosterResident } from '../../shared/membership/roster';
import { householdIdOf } from '../../shared/api/membership';
import type { PollScope } from '../../shared/polls/types';
import { decodeTimeIdCursor, encodeTimeIdCursor } from '../commands/keyset-cursor';
import type { MembershipFilter, MembershipStore, RosterStore, StoredMembership } from '../commands/ports';
import { invalidListCursor } from '../errors';
import type { Database } from './connection';
import { isDuplicateKey } from './duplicate-key';

/** One claim as stored inside its account's document: the port's membership without the account id. */
type HomeDocument = Omit<StoredMembership, 'accountId'>;

interface AccountMembershipsDocument {
  _id: string;
  homes: HomeDocument[];
  version: number;
}

interface RosterDocument {
  _id: string;
  households: (RosterHousehold & { householdId: string })[];
  householdIds: string[];
  rows: number;
  importedBy: string;
  importedAt: Date;
}

const optionalFields = ['claimedName', 'phone', 'reason', 'decidedBy', 'decidedById', 'decidedAt'] as const;

/** A stored claim as the port's plain object; fields the engine gives back as null are left out. */
function toMembership(accountId: string, home: HomeDocument): StoredMembership {
  const membership: StoredMembership = { ...home, accountId };
  for (const field of optionalFields) if (membership[field] === null || membership[field] === undefined) delete membership[field];
  return membership;
}

/** The same object without its undefined fields: the driver would store them as null. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

const isObjectIdText = (id: string) => /^[0-9a-f]{24}$/.test(id);

const newestFirst = (a: HomeDocument, b: HomeDocument) => b.createdAt.getTime() - a.createdAt.getTime() || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0);

/** Conditions on one claim, written over `homes.<field>`: for the documents holding one, then (after `$unwind`) for the claim itself. */
type HomeConditions = Record<string, unknown>;

function listConditionsOf(filter: MembershipFilter): HomeConditions {
  return {
    ...(filter.compoundCodes ? { 'homes.compoundCode': { $in: [...filter.compoundCodes] } } : {}),
    ...(filter.status ? { 'homes.status': filter.status } : {}),
  };
}

function scopeConditionsOf(scope: PollScope): HomeConditions {
  switch (scope.kind) {
    case 'compound':
      return { 'homes.compoundCode': scope.compoundCode, 'homes.status': 'verified' };
    case 'buildings':
      return { 'homes.compoundCode': scope.compoundCode, 'homes.status': 'verified', 'homes.buildingCode': { $in: [...scope.buildingCodes] } };
    case 'grid':
      return { 'homes.gridCode': scope.gridCode, 'homes.status': 'verified' };
  }
}

function homeInScope(home: { compoundCode: string; buildingCode: string; gridCode: string; status: string }, scope: PollScope): boolean {
  if (home.status !== 'verified') return false;
  switch (scope.kind) {
    case 'compound':
      return home.compoundCode === scope.compoundCode;
    case 'buildings':
      return home.compoundCode === scope.compoundCode && scope.buildingCodes.includes(home.buildingCode);
    case 'grid':
      return home.gridCode === scope.gridCode;
  }
}

/**
 * The claims matching `conditions`, one result per claim. The first `$match` picks the accounts
 * holding a matching claim (what an index serves); after `$unwind` the same conditions pick the
 * claims, since an account's other claims came along.
 */
function claimsMatching(conditions: HomeConditions): Document[] {
  return [...(Object.keys(conditions).length ? [{ $match: conditions }] : []), { $unwind: '$homes' }, ...(Object.keys(conditions).length ? [{ $match: conditions }] : [])];
}

/** How many times a write re-reads after another write to the same account got in first. */
const MAX_ATTEMPTS = 20;

/**
 * Memberships on `account_memberships`: one document per account holding its claims, read by
 * `_id` on every vote; each change rewrites the account's `homes` under the document's `version`,
 * and each decision also checks the claim's own `revision`.
 */
export function mongoMembershipStore(database: Database): MembershipStore {
  const accounts = database.connection.db!.collection<AccountMembershipsDocument>(database.models.AccountMemberships.collection.collectionName);

  /**
   * Reads an account's claims, lets `change` decide, and writes the claims it returns, only if
   * nobody wrote the account in between (`version`; inserted when the account had none); a lost
   * race reads again, so `change` always judges what is stored.
   */
  async function changeHomes<T>(accountId: string, change: (homes: HomeDocument[]) => { answer: T; homes?: HomeDocument[] }): Promise<T> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const stored = await accounts.findOne({ _id: accountId });
      const { answer, homes } = change(stored?.homes ?? []);
      if (!homes) return answer;
      if (!stored) {
        try {
          await accounts.insertOne({ _id: accountId, homes, version: 0 });
          return answer;
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
          continue;
        }
      }
      const written = await accounts.updateOne({ _id: accountId, version: stored.version }, { $set: { homes, version: stored.version + 1 } });
      if (written.matchedCount === 1) return answer;
    }
    throw new Error(`account ${accountId}: memberships still contended after ${MAX_ATTEMPTS} attempts`);
  }

  /** The claims (with their accounts) that an aggregation ending in `claimsMatching` answers. */
  const unwound = (docs: Document[]) => docs.map((doc) => toMembership(doc._id as string, doc.homes as HomeDocument));

  return {
    async claim({ accountId, ...claim }) {
      return changeHomes<StoredMembership | 'duplicate'>(accountId, (homes) => {
        const existing = homes.find((home) => home.householdId === claim.householdId);
        if (existing && (existing.status === 'pending' || existing.status === 'verified')) return { answer: 'duplicate' };
        // Claimed again after a rejection or a move: the same claim id, a new claim.
        const fresh: HomeDocument = defined({ ...claim, id: existing?.id ?? new ObjectId().toHexString(), revision: existing ? existing.revision + 1 : 0 });
        return { answer: toMembership(accountId, fresh), homes: existing ? homes.map((home) => (home === existing ? fresh : home)) : [...homes, fresh] };
      });
    },

    async findById(id) {
      if (!isObjectIdText(id)) return undefined;
      const found = await accounts.findOne({ 'homes.id': id });
      const home = found?.homes.find((candidate) => candidate.id === id);
      return found && home ? toMembership(found._id, home) : undefined;
    },

    async ofAccount(accountId) {
      const found = await accounts.findOne({ _id: accountId });
      return (found?.homes ?? []).sort(newestFirst).map((home) => toMembership(accountId, home));
    },

    async decideIfRevision(id, expectedRevision, decision) {
      if (!isObjectIdText(id)) return undefined;
      const holder = await accounts.findOne({ 'homes.id': id });
      if (!holder) return undefined;
      return changeHomes<StoredMembership | undefined>(holder._id, (homes) => {
        const current = homes.find((home) => home.id === id);
        if (!current || current.revision !== expectedRevision) return { answer: undefined };
        const decided: HomeDocument = { ...current, ...defined(decision), revision: expectedRevision + 1 };
        if (decision.reason === undefined) delete decided.reason;
        return { answer: toMembership(holder._id, decided), homes: homes.map((home) => (home === current ? decided : home)) };
      });
    },

    async list(filter, page) {
      const conditions = listConditionsOf(filter);
      const after: HomeConditions = {};
      if (page.cursor !== undefined) {
        const cursor = decodeTimeIdCursor(page.cursor);
        if (!cursor || !isObjectIdText(cursor.id)) throw invalidListCursor();
        after.$or = [{ 'homes.createdAt': { $lt: cursor.at } }, { 'homes.createdAt': cursor.at, 'homes.id': { $lt: cursor.id } }];
      }
      const pipeline = claimsMatching(conditions);
      if (after.$or) pipeline.push({ $match: after });
      const docs = await accounts
        .aggregate([...pipeline, { $sort: { 'homes.createdAt': -1, 'homes.id': -1 } }, { $limit: page.limit + 1 }])
        .toArray();
      const items = unwound(docs.slice(0, page.limit));
      const last = items[items.length - 1];
      return { items, nextCursor: docs.length > page.limit && last ? encodeTimeIdCursor(last.createdAt, last.id) : null };
    },

    async countEligible(scope, votesPer) {
      const [counted] = await accounts
        .aggregate([...claimsMatching(scopeConditionsOf(scope)), { $group: { _id: votesPer === 'resident' ? '$_id' : '$homes.householdId' } }, { $count: 'eligible' }])
        .toArray();
      return (counted?.eligible as number | undefined) ?? 0;
    },

    async eligibleAccounts(scope, page) {
      const filter: Filter<AccountMembershipsDocument> = { ...scopeConditionsOf(scope) };
      if (page.after !== undefined) filter._id = { $gt: page.after };
      const docs = await accounts.find(filter).sort({ _id: 1 }).limit(page.limit + 1).toArray();
      const taken = docs.slice(0, page.limit);
      // The dotted conditions may each be met by a different home of the account: keep those with one home meeting all.
      const eligible = taken.filter((doc) => doc.homes.some((home) => homeInScope(home, scope)));
      return { accountIds: eligible.map((doc) => doc._id), next: docs.length > page.limit ? taken[taken.length - 1]!._id : null };
    },

    async pendingOf(householdIds) {
      if (householdIds.length === 0) return [];
      return unwound(await accounts.aggregate(claimsMatching({ 'homes.householdId': { $in: [...householdIds] }, 'homes.status': 'pending' })).toArray());
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
