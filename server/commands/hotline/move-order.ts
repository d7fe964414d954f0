import type { HotlineOrderRecord, HotlineOrderStore } from '../ports';

/** Applies `change` to an order under its version guard, re-reading after a lost race; `undefined` from `change` leaves it. */
export async function moveOrder(orders: HotlineOrderStore, channel: HotlineOrderRecord['channel'], number: string, change: (order: HotlineOrderRecord) => HotlineOrderRecord | undefined, now: Date): Promise<HotlineOrderRecord | undefined> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const order = await orders.find(channel, number);
    if (!order) return undefined;
    const next = change(order);
    if (!next) return order;
    const stored = { ...next, version: order.version + 1, updatedAt: now };
    if (await orders.replaceIfVersion(stored, order.version)) return stored;
  }
  throw new Error(`工单 ${channel}:${number} 多次更新冲突`);
}
