import { isValidObjectId, Types } from 'mongoose';
import type { Scope } from '../../shared/domain/roles';
import type { AccountAuditRecord, AccountStore, StoredAccount } from '../commands/ports';
import type { Database } from './connection';

interface AccountDoc {
  _id: Types.ObjectId;
  loginKey: string;
  username?: string | null;
  displayName: string;
  role: StoredAccount['role'];
  scope?: { streetCode?: string | null; gridCode?: string | null; compoundCodes?: string[] | null; unitCode?: string | null } | null;
  disabled?: boolean | null;
  credentialGeneration?: number | null;
  revision?: number | null;
  audit?: (Omit<AccountAuditRecord, 'from' | 'to' | 'reason'> & { from?: string | null; to?: string | null; reason?: string | null })[] | null;
  /** Absent on documents written by hand, without mongoose's timestamps. */
  createdAt?: Date | null;
  updatedAt?: Date | null;
}

/** The stored scope without the nulls and empty arrays a document may hold. */
export function scopeOfStored(scope: AccountDoc['scope']): Scope {
  const result: Scope = {};
  if (scope?.streetCode) result.streetCode = scope.streetCode;
  if (scope?.gridCode) result.gridCode = scope.gridCode;
  if (scope?.compoundCodes?.length) result.compoundCodes = [...scope.compoundCodes];
  if (scope?.unitCode) result.unitCode = scope.unitCode;
  return result;
}

function toAccount(doc: AccountDoc): StoredAccount {
  return {
    id: String(doc._id),
    kind: doc.loginKey.startsWith('wx:') ? 'wechat' : 'password',
    ...(doc.username ? { username: doc.username } : {}),
    displayName: doc.displayName,
    role: doc.role,
    scope: scopeOfStored(doc.scope),
    disabled: doc.disabled ?? false,
    credentialGeneration: doc.credentialGeneration ?? 0,
    revision: doc.revision ?? 0,
    createdAt: doc.createdAt ?? doc._id.getTimestamp(),
    updatedAt: doc.updatedAt ?? doc.createdAt ?? doc._id.getTimestamp(),
    audit: (doc.audit ?? []).map(({ from, to, reason, ...entry }) => ({
      ...entry,
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(reason ? { reason } : {}),
    })),
  };
}

/** Lists read neither the hash nor the trail: they stay small, as FerretDB decodes every document read. */
const listProjection = { passwordHash: 0, audit: 0 } as const;

/** The account store on mongoose. */
export function mongoAccountStore(database: Database): AccountStore {
  const { Account } = database.models;
  return {
    async findById(id) {
      if (!isValidObjectId(id) || !/^[0-9a-f]{24}$/i.test(id)) return undefined;
      const doc = await Account.findById(id, { passwordHash: 0 }).lean<AccountDoc>();
      return doc ? toAccount(doc) : undefined;
    },

    async list(filter, page) {
      const query: Record<string, unknown> = {};
      if (filter.role) query.role = filter.role;
      if (filter.gridCode) query['scope.gridCode'] = filter.gridCode;
      if (filter.streetCode) {
        query.$or = [{ 'scope.streetCode': filter.streetCode }, ...(filter.unitCodes?.length ? [{ 'scope.unitCode': { $in: filter.unitCodes } }] : [])];
      }
      if (page.cursor) {
        if (!/^[0-9a-f]{24}$/i.test(page.cursor)) return { items: [], nextCursor: null };
        query._id = { $lt: new Types.ObjectId(page.cursor) };
      }
      const docs = await Account.find(query, listProjection).sort({ _id: -1 }).limit(page.limit + 1).lean<AccountDoc[]>();
      const items = docs.slice(0, page.limit).map(toAccount);
      return { items, nextCursor: docs.length > page.limit ? items[items.length - 1]!.id : null };
    },

    async insertStaff(account) {
      try {
        const created = await Account.create({
          loginKey: `pw:${account.username}`,
          username: account.username,
          passwordHash: account.passwordHash,
          displayName: account.displayName,
          role: account.role,
          scope: account.scope,
          audit: account.audit,
        });
        const stored = await Account.findById(created._id, { passwordHash: 0 }).lean<AccountDoc>();
        return toAccount(stored!);
      } catch (error) {
        if ((error as { code?: number }).code === 11000) return 'username_taken';
        throw error;
      }
    },

    async updateIfRevision(id, expectedRevision, changes) {
      const set: Record<string, unknown> = { audit: changes.audit, revision: expectedRevision + 1 };
      const unset: Record<string, ''> = {};
      if (changes.role !== undefined) set.role = changes.role;
      if (changes.disabled !== undefined) set.disabled = changes.disabled;
      if (changes.passwordHash !== undefined) set.passwordHash = changes.passwordHash;
      if (changes.credentialGeneration !== undefined) set.credentialGeneration = changes.credentialGeneration;
      if (changes.scope !== undefined) {
        // The whole scope is replaced, field by field, so a grid code never survives a move to a unit.
        for (const field of ['streetCode', 'gridCode', 'compoundCodes', 'unitCode'] as const) {
          if (changes.scope[field] === undefined) unset[`scope.${field}`] = '';
          else set[`scope.${field}`] = changes.scope[field];
        }
      }
      // Documents seeded before `revision` existed have none: revision 0 matches them too.
      const guard = expectedRevision === 0 ? { $in: [0, null] } : expectedRevision;
      const result = await Account.updateOne({ _id: id, revision: guard }, { $set: set, ...(Object.keys(unset).length ? { $unset: unset } : {}) });
      return result.matchedCount === 1;
    },
  };
}
