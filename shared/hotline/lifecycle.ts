import type { TimelineEntry } from '../cases/types';
import type { HotlineOrderState } from './mappings';
import type { HotlineAction } from './work-order';

/** What the lifecycle needs of an order: when a return is still allowed. */
export interface OrderFacts {
  returnBy: Date;
}

/** What the reply reads of our case: the lead unit's report and the public summary a centre approved. */
export interface CaseFacts {
  resolution?: { note: string };
  publicSummary?: string;
}

/**
 * The call our case's step owes the centre, if any (pure: the hotline follow-up handler queues it):
 * - 不予受理 (reject) within the return window → 退回 with the reason; after it → a reply that the
 *   order was not resolved, with the reason (the centre no longer takes returns);
 * - 结案 (close) → the reply: 办理结果 (the lead unit's report), 是否解决, 公开答复内容 (the public
 *   summary a centre approved, else the result).
 * Other steps stay on our side.
 */
export function callForCaseStep(order: OrderFacts, entry: Pick<TimelineEntry, 'type' | 'note' | 'at'>, record: CaseFacts): HotlineAction | undefined {
  switch (entry.type) {
    case 'reject': {
      const reason = entry.note ?? '不属于本区职责范围';
      return entry.at.getTime() <= order.returnBy.getTime() ? { kind: 'return', reason } : { kind: 'reply', result: `不予受理：${reason}`, resolved: false, publicReply: `经核实，${reason}` };
    }
    case 'close': {
      const result = record.resolution?.note ?? entry.note ?? '已办结';
      return { kind: 'reply', result, resolved: true, publicReply: record.publicSummary ?? result };
    }
    default:
      return undefined;
  }
}

/**
 * The reply owed to an order whose case was merged into another (the same problem, reported twice):
 * when that case closes, its result answers this order too, naming the case it was handled in.
 */
export function replyForMergedOrder(target: CaseFacts & { number: string }, closing: Pick<TimelineEntry, 'note'>): HotlineAction {
  const result = target.resolution?.note ?? closing.note ?? '已办结';
  return { kind: 'reply', result: `与案件${target.number}合并办理：${result}`, resolved: true, publicReply: target.publicSummary ?? result };
}

/** Where an order stands on the centre's side once a call was accepted. */
export function stateAfterCall(action: HotlineAction): HotlineOrderState {
  switch (action.kind) {
    case 'sign':
      return 'signed';
    case 'return':
      return 'returned';
    case 'extension':
      return 'extension_requested';
    case 'reply':
      return 'replied';
  }
}

/** Whether a call may still change the order's state: nothing moves a returned or closed order, and a late 签收 does not undo a reply. */
export function callMovesState(current: HotlineOrderState, action: HotlineAction): boolean {
  if (current === 'returned' || current === 'closed') return false;
  if (action.kind === 'sign') return current === 'sent';
  if (action.kind === 'extension') return current === 'signed' || current === 'redo';
  return true;
}
