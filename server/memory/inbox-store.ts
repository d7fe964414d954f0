import { randomBytes } from 'node:crypto';
import { decodeTimeIdCursor, encodeTimeIdCursor } from '../commands/keyset-cursor';
import type { InboxQuery, InboxStore, StoredInboxMessage } from '../commands/ports';
import { invalidListCursor } from '../errors';

/** In-app messages in an array, with the mongo inbox's rules (server/db/inbox-store.ts): once per (effect key, recipient), read state per account. */
export function memoryInboxStore(): InboxStore & { readonly messages: readonly StoredInboxMessage[] } {
  const messages: StoredInboxMessage[] = [];
  const seen = new Set<string>();
  // Ids that sort by creation like ObjectIds: a counter, then random bytes, 24 hex digits.
  let serial = 0;
  const newId = () => (++serial).toString(16).padStart(12, '0') + randomBytes(6).toString('hex');
  const matches = (query: InboxQuery) => (message: StoredInboxMessage) =>
    query.recipients.includes(message.recipient) && !(query.unreadOnly && message.readBy.includes(query.accountId));
  const newestFirst = (a: StoredInboxMessage, b: StoredInboxMessage) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
  return {
    messages,
    async deliver(batch) {
      let delivered = 0;
      for (const message of batch) {
        const key = `${message.effectKey}|${message.recipient}`;
        if (seen.has(key)) continue;
        seen.add(key);
        messages.push({ ...structuredClone(message), id: newId(), readBy: [] });
        delivered += 1;
      }
      return delivered;
    },
    async list(query, page) {
      const after = page.cursor === undefined ? undefined : decodeTimeIdCursor(page.cursor);
      if (page.cursor !== undefined && (!after || !/^[0-9a-f]{24}$/.test(after.id))) throw invalidListCursor();
      const matching = messages
        .filter(matches(query))
        .filter((m) => !after || m.at.getTime() < after.at.getTime() || (m.at.getTime() === after.at.getTime() && m.id < after.id))
        .sort(newestFirst);
      const items = matching.slice(0, page.limit).map((m) => structuredClone(m));
      const last = items[items.length - 1];
      return { items, nextCursor: matching.length > page.limit && last ? encodeTimeIdCursor(last.at, last.id) : null };
    },
    async countUnread(query) {
      return messages.filter(matches({ ...query, unreadOnly: true })).length;
    },
    async markRead(id, query) {
      const message = messages.find((m) => m.id === id && query.recipients.includes(m.recipient));
      if (!message) return false;
      if (!message.readBy.includes(query.accountId)) message.readBy.push(query.accountId);
      return true;
    },
    async markAllRead(query) {
      const unread = messages.filter(matches({ ...query, unreadOnly: true }));
      for (const message of unread) message.readBy.push(query.accountId);
      return unread.length;
    },
  };
}
