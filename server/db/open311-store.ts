import type { Open311Key, Open311Store } from '../commands/ports';
import type { Database } from './connection';

/** Open311 keys and filings in their own collections; every read but the admin's list is by _id. */
export function mongoOpen311Store(database: Database): Open311Store {
  const { Open311Key: Keys, Open311Filing: Filings } = database.models;
  const keyOf = (doc: { _id: string; name: string; secretHash: string; createdById: string; createdByName: string; createdAt: Date; revokedAt?: Date | null }): Open311Key => ({
    id: doc._id,
    name: doc.name,
    secretHash: doc.secretHash,
    createdBy: { id: doc.createdById, name: doc.createdByName },
    createdAt: doc.createdAt,
    revokedAt: doc.revokedAt ?? null,
  });
  return {
    async insertKey(key) {
      await Keys.create({ _id: key.id, name: key.name, secretHash: key.secretHash, createdById: key.createdBy.id, createdByName: key.createdBy.name, createdAt: key.createdAt, revokedAt: key.revokedAt });
    },
    async findKey(id) {
      const doc = await Keys.findById(id).lean();
      return doc ? keyOf(doc) : undefined;
    },
    async listKeys() {
      // A handful of integrations: the whole collection, newest first, sorted here.
      const docs = await Keys.find({}).lean();
      return docs.map(keyOf).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    },
    async revokeKey(id, at) {
      const result = await Keys.updateOne({ _id: id, revokedAt: null }, { $set: { revokedAt: at } });
      return result.modifiedCount === 1;
    },
    async insertFiling(filing) {
      const { token, ...rest } = filing;
      await Filings.create({ _id: token, ...rest });
    },
    async findFiling(token) {
      const doc = await Filings.findById(token).lean();
      if (!doc) return undefined;
      return {
        token: doc._id,
        caseId: doc.caseId,
        keyId: doc.keyId,
        ...(doc.email ? { email: doc.email } : {}),
        ...(doc.mediaUrl ? { mediaUrl: doc.mediaUrl } : {}),
        ...(doc.deviceId ? { deviceId: doc.deviceId } : {}),
        ...(doc.accountId ? { accountId: doc.accountId } : {}),
        createdAt: doc.createdAt,
      };
    },
  };
}
