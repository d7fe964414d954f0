import { isValidObjectId } from 'mongoose';
import type { ConsentStore, DeliveryStore, StoredConsent, WeChatDelivery, WeChatDirectory } from '../commands/ports';
import type { Database } from './connection';
import { isDuplicateKey } from './duplicate-key';

/** Accounts and service-account followers as WeChat messages need them. */
export function mongoWeChatDirectory(database: Database): WeChatDirectory {
  const { Account, WeChatServiceFollower } = database.models;
  return {
    async recipient(accountId) {
      if (!isValidObjectId(accountId)) return undefined;
      const doc = await Account.findById(accountId, { role: 1, disabled: 1, openid: 1, unionid: 1 }).lean();
      if (!doc) return undefined;
      return {
        accountId,
        role: doc.role,
        disabled: doc.disabled ?? false,
        ...(doc.openid ? { openid: doc.openid } : {}),
        ...(doc.unionid ? { unionid: doc.unionid } : {}),
      };
    },

    async staffWithWeChat({ roles, unitCode, streetCode }) {
      const filter: Record<string, unknown> = { role: { $in: [...roles] } };
      if (unitCode) filter['scope.unitCode'] = unitCode;
      if (streetCode) filter['scope.streetCode'] = streetCode;
      const docs = await Account.find(filter, { disabled: 1, openid: 1 }).lean();
      return docs.filter((doc) => !doc.disabled && doc.openid).map((doc) => String(doc._id));
    },

    async serviceFollower(unionid) {
      const doc = await WeChatServiceFollower.findOne({ unionid }).lean();
      return doc?.following ? doc.openid : undefined;
    },

    async recordServiceFollower({ unionid, openid, following }, now) {
      const update = { $set: { openid, following, updatedAt: now } };
      try {
        await WeChatServiceFollower.updateOne({ unionid }, update, { upsert: true });
      } catch (error) {
        // Two events for a new follower at once: the loser's upsert hits the unique index; update.
        if (!isDuplicateKey(error)) throw error;
        await WeChatServiceFollower.updateOne({ unionid }, update);
      }
    },
  };
}

/** Subscribe-message consents on `wechat_consents`, one document per (account, template). */
export function mongoConsentStore(database: Database): ConsentStore {
  const consents = database.models.WeChatConsent;
  /**
   * One change to an (account, template), creating its document first if needed. The kind is
   * the config's: a template whose kind changed is counted under its new kind from now on.
   */
  async function upsert(accountId: string, templateId: string, kind: StoredConsent['kind'], change: { set?: object; inc?: object; onInsert: object }, now: Date) {
    const update = { $set: { ...change.set, kind, updatedAt: now }, ...(change.inc ? { $inc: change.inc } : {}) };
    try {
      await consents.updateOne({ accountId, templateId }, { ...update, $setOnInsert: { spentKeys: [], ...change.onInsert } }, { upsert: true });
    } catch (error) {
      // Two first answers at once: the loser's upsert hits the unique index; the document exists now.
      if (!isDuplicateKey(error)) throw error;
      await consents.updateOne({ accountId, templateId }, update);
    }
  }
  return {
    async record(accountId, decisions, now) {
      for (const { templateId, kind, decision } of decisions) {
        if (kind === 'one_time') {
          if (decision === 'accept') await upsert(accountId, templateId, kind, { inc: { remaining: 1 }, onInsert: { active: false } }, now);
          // Banned: WeChat will refuse every message of it, so what was counted is gone.
          else if (decision === 'ban') await upsert(accountId, templateId, kind, { set: { remaining: 0 }, onInsert: { active: false } }, now);
        } else if (decision !== 'filter') {
          // Long-term: on after `accept`, off after `reject` or `ban` (the user turned it off).
          await upsert(accountId, templateId, kind, { set: { active: decision === 'accept' }, onInsert: { remaining: 0 } }, now);
        }
      }
    },

    async consentsOf(accountId) {
      const docs = await consents.find({ accountId }).lean();
      return docs.map((doc) => ({ templateId: doc.templateId, kind: doc.kind, remaining: doc.remaining, active: doc.active, spentKeys: [...(doc.spentKeys ?? [])] }));
    },

    async spend(accountId, templateId, key, keepBack) {
      const result = await consents.updateOne(
        { accountId, templateId, kind: 'one_time', remaining: { $gt: keepBack }, spentKeys: { $ne: key } },
        { $inc: { remaining: -1 }, $push: { spentKeys: key } },
      );
      if (result.matchedCount === 1) return 'spent';
      const doc = await consents.findOne({ accountId, templateId }).lean();
      return doc?.spentKeys?.includes(key) ? 'already_spent' : 'none_left';
    },

    async settle(accountId, templateId, key, refund) {
      // Guarded by the key: a second settle of the same message finds nothing to change.
      await consents.updateOne({ accountId, templateId, spentKeys: key }, { $pullAll: { spentKeys: [key] }, ...(refund ? { $inc: { remaining: 1 } } : {}) });
    },

    async revoke(accountId, templateId, now) {
      await consents.updateOne({ accountId, templateId }, { $set: { remaining: 0, active: false, updatedAt: now } });
    },
  };
}

type DeliveryDoc = Omit<WeChatDelivery, 'key'> & { _id: string };

const toDelivery = ({ _id, ...rest }: DeliveryDoc): WeChatDelivery => {
  const delivery: Record<string, unknown> = { key: _id };
  for (const [field, value] of Object.entries(rest)) if (value !== null && value !== undefined) delivery[field] = value;
  return delivery as unknown as WeChatDelivery;
};

/** The record of WeChat deliveries on `wechat_deliveries`, `_id` = the message key. */
export function mongoDeliveryStore(database: Database): DeliveryStore {
  const deliveries = database.connection.db!.collection<DeliveryDoc>(database.models.WeChatDelivery.collection.collectionName);
  return {
    async find(key) {
      const doc = await deliveries.findOne({ _id: key });
      return doc ? toDelivery(doc) : undefined;
    },

    async begin({ key, ...fields }, from, now) {
      if (from === 'new') {
        try {
          await deliveries.insertOne({ _id: key, ...fields, status: 'sending', attempts: [], createdAt: now, updatedAt: now });
          return true;
        } catch (error) {
          if (isDuplicateKey(error)) return false;
          throw error;
        }
      }
      const result = await deliveries.updateOne({ _id: key, status: from }, { $set: { status: 'sending', updatedAt: now } });
      return result.matchedCount === 1;
    },

    async record(key, status, attempt) {
      await deliveries.updateOne({ _id: key }, { $set: { status, updatedAt: attempt.at }, $push: { attempts: attempt } });
    },

    async inboxOnly({ key, ...fields }, reason, now) {
      try {
        await deliveries.insertOne({ _id: key, ...fields, channel: 'inbox', status: 'inbox_only', attempts: [{ at: now, outcome: 'inbox_only', detail: reason }], createdAt: now, updatedAt: now });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    },
  };
}
