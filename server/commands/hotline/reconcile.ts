import { localDate } from '../../../shared/time/calendar';
import type { HotlineChannel } from '../../../shared/hotline/work-order';
import type { HotlineOrderState } from '../../../shared/hotline/mappings';
import { errors } from '../../errors';
import type { HotlineCommandDeps } from './take-in-order';

/** One difference between the centre's list for a day and ours. */
export type ReconcileDifference =
  | { kind: 'missing_here'; number: string; centreState: HotlineOrderState }
  | { kind: 'missing_there'; number: string; ourState: HotlineOrderState; caseId: string }
  | { kind: 'no_case'; number: string; caseId: string }
  | { kind: 'state_differs'; number: string; centreState: HotlineOrderState; ourState: HotlineOrderState };

export interface ReconcileReport {
  channel: HotlineChannel;
  day: string;
  centreCount: number;
  ourCount: number;
  differences: ReconcileDifference[];
}

/**
 * Compares the orders the centre says it sent on a local day with ours: orders we never took in,
 * orders the centre does not list, orders whose case is missing, and states that disagree (the
 * centre's, translated to ours). Reads only; a dispatcher acts on the report.
 */
export async function reconcileDay(deps: HotlineCommandDeps, channel: HotlineChannel, day: string): Promise<ReconcileReport> {
  const centre = deps.centres[channel];
  if (!centre) throw errors.notFound('该热线接口');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw errors.validation({ day: ['日期格式应为 YYYY-MM-DD'] });
  const offset = deps.reference.calendar.utcOffsetMinutes * 60_000;
  const from = new Date(Date.parse(`${day}T00:00:00Z`) - offset);
  const to = new Date(from.getTime() + 24 * 3_600_000);
  const [theirs, ours] = await Promise.all([centre.listDay(day), deps.orders.receivedBetween(channel, from, to)]);
  const ourByNumber = new Map(ours.filter((order) => localDate(order.receivedAt, deps.reference.calendar) === day).map((order) => [order.number, order]));
  const ourCount = ourByNumber.size;
  const differences: ReconcileDifference[] = [];
  for (const row of theirs) {
    const order = ourByNumber.get(row.number);
    if (!order) {
      differences.push({ kind: 'missing_here', number: row.number, centreState: row.state });
      continue;
    }
    ourByNumber.delete(row.number);
    if (!(await deps.store.findById(order.caseId))) differences.push({ kind: 'no_case', number: row.number, caseId: order.caseId });
    else if (order.state !== row.state) differences.push({ kind: 'state_differs', number: row.number, centreState: row.state, ourState: order.state });
  }
  for (const order of ourByNumber.values()) differences.push({ kind: 'missing_there', number: order.number, ourState: order.state, caseId: order.caseId });
  return { channel, day, centreCount: theirs.length, ourCount, differences };
}
