import type { Collection, Document } from 'mongodb';
import type { HotlineChannel } from '../../shared/hotline/work-order';
import type { HotlineOrderRecord, HotlineOrderStore } from '../commands/ports';
import type { Database } from './connection';
import { isDuplicateKey } from './duplicate-key';

type OrderDoc = Omit<HotlineOrderRecord, 'key'> & { _id: string };

/**
 * The hotline collections, all written insert-first and read by `_id` (constant time on FerretDB):
 * - `hotline_orders`: one per work order, `_id` = `channel:number`;
 * - `hotline_case_links`: `_id` = case id → the order's key, so a case step finds its order;
 * - `hotline_notices`: `_id` = an inbound notice's key (催办 n, 回访, 发回重办 n): applied once;
 * - `hotline_nonces`: `_id` = `channel:nonce` of every signed webhook: a replay is refused;
 * - `hotline_cursors`: the pull cursor per channel (two documents; updates scan only those);
 * - `hotline_merges`: `_id` = a case other hotline cases were merged into → their orders' keys.
 */
export function mongoHotlineOrderStore(database: Database): HotlineOrderStore {
  const db = database.connection.db!;
  const orders = db.collection('hotline_orders') as unknown as Collection<OrderDoc>;
  const links = db.collection('hotline_case_links') as unknown as Collection<{ _id: string; key: string }>;
  const notices = db.collection('hotline_notices') as unknown as Collection<{ _id: string; at: Date }>;
  const nonces = db.collection('hotline_nonces') as unknown as Collection<{ _id: string; at: Date }>;
  const merges = db.collection('hotline_merges') as unknown as Collection<{ _id: string; orderKeys: string[] }>;
  const cursors = db.collection('hotline_cursors') as unknown as Collection<{ _id: string; cursor: string | null; at: Date }>;

  const fromDoc = ({ _id, ...rest }: OrderDoc): HotlineOrderRecord => ({ key: _id, ...rest });
  const toDoc = ({ key, ...rest }: HotlineOrderRecord): OrderDoc => ({ _id: key, ...rest });
  const insertOnce = async <T extends Document>(collection: Collection<T>, doc: T): Promise<boolean> => {
    try {
      await collection.insertOne(doc as never);
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  };

  return {
    async insert(order) {
      const inserted = await insertOnce(orders, toDoc(order));
      // The link goes in whether or not the order was new: a run that died between the two writes left only the order.
      await insertOnce(links, { _id: order.caseId, key: order.key });
      return inserted;
    },
    async find(channel, number) {
      const doc = await orders.findOne({ _id: `${channel}:${number}` });
      return doc ? fromDoc(doc) : undefined;
    },
    async findByCase(caseId) {
      const link = await links.findOne({ _id: caseId });
      if (!link) return undefined;
      const doc = await orders.findOne({ _id: link.key });
      return doc ? fromDoc(doc) : undefined;
    },
    async replaceIfVersion(next, expectedVersion) {
      const result = await orders.replaceOne({ _id: next.key, version: expectedVersion }, toDoc(next));
      return result.modifiedCount === 1;
    },
    rememberNotice: (key, at) => insertOnce(notices, { _id: key, at }),
    hasNotice: async (key) => (await notices.findOne({ _id: key })) !== null,
    async forgetNotice(key) {
      await notices.deleteOne({ _id: key });
    },
    async rememberMerge(targetCaseId, orderKey) {
      await merges.updateOne({ _id: targetCaseId }, { $addToSet: { orderKeys: orderKey } }, { upsert: true });
    },
    async mergedInto(targetCaseId) {
      const merged = await merges.findOne({ _id: targetCaseId });
      const found = await Promise.all((merged?.orderKeys ?? []).map((key) => orders.findOne({ _id: key })));
      return found.filter((doc): doc is OrderDoc => doc !== null).map(fromDoc);
    },
    rememberNonce: (channel, nonce, at) => insertOnce(nonces, { _id: `${channel}:${nonce}`, at }),
    async cursor(channel, stream = 'orders') {
      return (await cursors.findOne({ _id: stream === 'orders' ? channel : `${channel}:${stream}` }))?.cursor ?? null;
    },
    async saveCursor(channel, cursor, at, stream = 'orders') {
      await cursors.updateOne({ _id: stream === 'orders' ? channel : `${channel}:${stream}` }, { $set: { cursor, at } }, { upsert: true });
    },
    async receivedBetween(channel: HotlineChannel, from, to) {
      const docs = await orders.find({ channel, receivedAt: { $gte: from, $lt: to } }).sort({ receivedAt: 1 }).toArray();
      return docs.map(fromDoc);
    },
  };
}

/** The index the day's reconciliation reads by; the rest is read by `_id`. */
export async function ensureHotlineIndexes(database: Database): Promise<void> {
  await database.connection.db!.collection('hotline_orders').createIndex({ channel: 1, receivedAt: 1 });
}
