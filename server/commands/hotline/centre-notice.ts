import { satisfactionToOurs } from '../../../shared/hotline/mappings';
import { localDate } from '../../../shared/time/calendar';
import { centreNoticeSchema, noticeKey, type CentreNotice, type HotlineChannel } from '../../../shared/hotline/work-order';
import { AppError, errors, fieldErrorsOf } from '../../errors';
import { moveOrder } from './move-order';
import { actOnCase } from '../cases/act-on-case';
import type { HotlineOrderRecord } from '../ports';
import type { HotlineCommandDeps } from './take-in-order';
import { hotlineActor } from './hotline-actor';

export interface NoticeOutcome {
  /** False for a notice applied before (a repeat delivery), or one our case can no longer take (stated in `note`). */
  applied: boolean;
  note?: string;
}

/** Refusals that mean "this already happened": a repeat of a rating, of a reopening. */
const alreadyDone = new Set(['case.already_rated', 'case.illegal_transition']);

/**
 * Applies a centre's notice on an order to our case, once per notice key:
 * - 催办 → an `urge` on the case;
 * - 回访 → a rating, the centre's satisfaction translated to our 1..5 (a second rating is refused by the case itself);
 * - 发回重办 → the case reopened, the order held to the centre's new deadline;
 * - the answer to our 延期 request → when approved, the order's deadline and our case's clocks moved to the centre's new date (our own limits still hold).
 * A notice that failed for another reason is forgotten, so the centre's next delivery applies it.
 */
export async function applyCentreNotice(deps: HotlineCommandDeps, channel: HotlineChannel, raw: unknown): Promise<NoticeOutcome> {
  const parsed = centreNoticeSchema.safeParse(raw);
  if (!parsed.success) throw errors.validation(fieldErrorsOf(parsed.error), '通知内容有误');
  const notice = parsed.data;
  const order = await deps.orders.find(channel, notice.number);
  if (!order) throw errors.notFound('工单');
  const key = noticeKey(channel, notice);
  if (notice.kind !== 'urge') {
    // A rating, a reopening and a deadline move are refused or harmless the second time: applied
    // first, remembered after, so a crash between the two loses nothing and doubles nothing.
    if (await deps.orders.hasNotice(key)) return { applied: false, note: '该通知已处理' };
    const outcome = await apply(deps, order, notice);
    await deps.orders.rememberNotice(key, deps.now());
    return outcome;
  }
  // An urge has no natural repeat check: its key is remembered first (a crash right after it
  // loses this urge rather than doubling it; the centre urges again if it still must).
  if (!(await deps.orders.rememberNotice(key, deps.now()))) return { applied: false, note: '该通知已处理' };
  try {
    return await apply(deps, order, notice);
  } catch (error) {
    await deps.orders.forgetNotice(key);
    throw error;
  }
}

async function apply(deps: HotlineCommandDeps, order: HotlineOrderRecord, notice: CentreNotice): Promise<NoticeOutcome> {
  const actor = hotlineActor(order.channel);
  const act = async (type: 'urge' | 'rate' | 'reopen' | 'extend', body: Record<string, unknown>): Promise<NoticeOutcome> => {
    try {
      await actOnCase(deps, actor, order.caseId, type, body);
      return { applied: true };
    } catch (error) {
      if (error instanceof AppError && alreadyDone.has(error.code)) return { applied: false, note: error.message };
      throw error;
    }
  };
  const label = `${order.channel}热线`;
  switch (notice.kind) {
    case 'urge':
      return act('urge', { note: `${label}第${notice.seq}次催办${notice.note ? `：${notice.note}` : ''}` });
    case 'visit': {
      const satisfaction = satisfactionToOurs(deps.mapping, order.channel, notice.satisfaction);
      if (satisfaction === undefined) throw errors.validation({ satisfaction: ['满意度编码无效'] }, '通知内容有误');
      const outcome = await act('rate', { resolved: notice.resolved ? 'yes' : 'no', satisfaction, ...(notice.comment ? { comment: notice.comment } : {}) });
      await moveOrder(deps.orders, order.channel, order.number, (o) => (o.state === 'replied' ? { ...o, state: 'visited' } : undefined), deps.now());
      return outcome;
    }
    case 'redo': {
      const outcome = await act('reopen', { reason: `${label}发回重办：${notice.reason}`, ...(notice.deadline.getTime() > deps.now().getTime() ? { deadline: notice.deadline.toISOString() } : {}) });
      await moveOrder(deps.orders, order.channel, order.number, (o) => (o.redoCount >= notice.seq ? undefined : { ...o, state: 'redo', replyBy: notice.deadline, redoCount: notice.seq }), deps.now());
      return outcome;
    }
    case 'extension_answer': {
      const moved = await moveOrder(
        deps.orders,
        order.channel,
        order.number,
        (o) => (o.state === 'extension_requested' ? { ...o, state: 'signed', ...(notice.approved && notice.deadline ? { replyBy: notice.deadline } : {}) } : undefined),
        deps.now(),
      );
      if (!notice.approved) return { applied: true, note: '热线中心未同意延期' };
      // Our case follows the order's new date when the order took it; a repeat (after a crash before
      // the notice was remembered) finds the case on that date already and changes nothing.
      if (!notice.deadline || moved?.replyBy?.getTime() !== notice.deadline.getTime()) return { applied: true };
      const record = await deps.store.findById(order.caseId);
      if (record?.externalDeadline && record.externalDeadline.getTime() >= notice.deadline.getTime()) return { applied: false, note: '案件已按该时限延期' };
      return act('extend', { reason: `${label}同意延期至${localDate(notice.deadline, deps.reference.calendar)}`, deadline: notice.deadline.toISOString() });
    }
  }
}
