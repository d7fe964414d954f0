import { ObjectId, type Filter } from 'mongodb';
import { decodeTimeIdCursor, encodeTimeIdCursor } from '../commands/keyset-cursor';
import type { InboxQuery, InboxStore, StoredInboxMessage } from '../commands/ports';
import { invalidListCursor } from '../errors';
import type { Database } from './connection';
import { isDuplicateKey } from './duplicate-key';

type StoredMessage = Omit<StoredInboxMessage, 'id'> & { _id: ObjectId };

const toMessage = ({ _id, ...rest }: StoredMessage): StoredInboxMessage => ({ ...rest, id: _id.toHexString(), readBy: rest.readBy ?? [] });

/** An id we issued (24 hex digits); anything else names no message. */
const objectIdOf = (id: string) => (/^[0-9a-f]{24}$/.test(id) ? new ObjectId(id) : undefined);

/** The messages of the query's inboxes; unread ones only when asked. `$ne` on an array: none of its elements equals it. */
function filterOf(query: InboxQuery): Filter<StoredMessage> {
  return { recipient: { $in: [...query.recipients] }, ...(query.unreadOnly ? { readBy: { $ne: query.accountId } } : {}) };
}

/** In-app messages on `inbox_messages`, unique per (effect key, recipient); read state per account in `readBy`. */
export function mongoInboxStore(database: Database): InboxStore {
  const messages = database.connection.db!.collection<StoredMessage>(database.models.InboxMessage.collection.collectionName);
  return {
    async deliver(batch) {
      let delivered = 0;
      for (const message of batch) {
        try {
          await messages.insertOne({ ...message, _id: new ObjectId(), readBy: [] });
          delivered += 1;
        } catch (error) {
          // Delivered by an earlier run of the same job: the unique index is the receipt.
          if (!isDuplicateKey(error)) throw error;
        }
      }
      return delivered;
    },

    async list(query, page) {
      const filter = filterOf(query);
      if (page.cursor !== undefined) {
        const after = decodeTimeIdCursor(page.cursor);
        const afterId = after && objectIdOf(after.id);
        if (!after || !afterId) throw invalidListCursor();
        filter.$or = [{ at: { $lt: after.at } }, { at: after.at, _id: { $lt: afterId } }];
      }
      const docs = await messages
        .find(filter)
        .sort({ at: -1, _id: -1 })
        .limit(page.limit + 1)
        .toArray();
      const items = docs.slice(0, page.limit).map(toMessage);
      const last = items[items.length - 1];
      return { items, nextCursor: docs.length > page.limit && last ? encodeTimeIdCursor(last.at, last.id) : null };
    },

    async countUnread(query) {
      return messages.countDocuments(filterOf({ ...query, unreadOnly: true }));
    },

    async markRead(id, query) {
      const _id = objectIdOf(id);
      if (!_id) return false;
      const result = await messages.updateOne({ _id, recipient: { $in: [...query.recipients] } }, { $addToSet: { readBy: query.accountId } });
      return result.matchedCount === 1;
    },

    async markAllRead(query) {
      const result = await messages.updateMany(filterOf({ ...query, unreadOnly: true }), { $addToSet: { readBy: query.accountId } });
      return result.modifiedCount;
    },
  };
}
