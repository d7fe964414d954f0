import { callForCaseStep, callMovesState, replyForMergedOrder, stateAfterCall } from '../../../shared/hotline/lifecycle';
import type { CaseRecord, TimelineEntry } from '../../../shared/cases/types';
import type { HotlineOrderRecord } from '../../commands/ports';
import { queueCall } from '../../commands/hotline/calls';
import { moveOrder } from '../../commands/hotline/move-order';
import { HotlineCallError } from '../../hotline/client';
import { PermanentJobError } from '../backoff';
import type { HotlineHandling, JobHandler } from './types';

/**
 * Sends one call to a hotline centre (签收, 退回, 延期, 答复). The job's key goes with it, so a
 * centre drops a repeat; a failure throws and the runner backs off and retries, then parks the job
 * for an admin (at once when the centre refused the call itself: a 4xx but a timeout or rate limit). Once the centre accepted, the order's state follows (version-guarded, re-read on a
 * lost race; a late call never moves a state past it, see `callMovesState`).
 */
export const hotlineCallHandler: JobHandler<'hotline.call'> = async (job, deps) => {
  const hotline = deps.hotline;
  const centre = hotline?.centres[job.effect.channel];
  if (!hotline || !centre) throw new Error(`未配置${job.effect.channel}热线接口，工单 ${job.effect.number} 的调用暂不能发送`);
  try {
    await centre.send(job.effect.number, job.effect.action, job.id);
  } catch (error) {
    if (error instanceof HotlineCallError && error.refusedForGood) throw new PermanentJobError(error.message);
    throw error;
  }
  await moveOrder(hotline.orders, job.effect.channel, job.effect.number, (order) =>
    callMovesState(order.state, job.effect.action)
      ? { ...order, state: stateAfterCall(job.effect.action) }
      : undefined,
    deps.now(),
  );
};

/**
 * The hotline's side of a case step: after the step is published, a case filed from a work order
 * owes its centre a call for some steps (a rejection returns the order, a closing replies, see
 * `callForCaseStep`). A hotline case merged into another is noted against it, and answered with
 * its result when it closes (at once if it is closed already). Queued under the step's own key, so
 * a re-run queues nothing new, and both ways to a merged reply share one key.
 */
export function withHotlineFollowUp(inner: JobHandler<'publish'>): JobHandler<'publish'> {
  return async (job, deps) => {
    await inner(job, deps);
    const hotline: HotlineHandling | undefined = deps.hotline;
    if (!hotline) return;
    const order = await hotline.orders.findByCase(job.effect.caseId);
    const merged = await hotline.orders.mergedInto(job.effect.caseId);
    if (!order && merged.length === 0) return;
    const record = await hotline.cases.findById(job.effect.caseId);
    const entry = record?.timeline.find((one) => one.seq === job.effect.seq);
    if (!record || !entry) return;
    if (order) {
      const action = callForCaseStep(order, entry, record);
      if (action) await queueCall(deps, { channel: order.channel, number: order.number, caseId: order.caseId, action, key: `hotline:${order.channel}:${order.number}:${action.kind}:${entry.seq}` }, record);
      if (entry.type === 'merge' && record.mergedInto) {
        await hotline.orders.rememberMerge(record.mergedInto, order.key);
        const target = await hotline.cases.findById(record.mergedInto);
        const closing = target?.status === 'closed' ? target.timeline.findLast((one) => one.type === 'close') : undefined;
        if (target && closing) await queueMergedReply(deps, order, record, target, closing);
      }
    }
    if (entry.type === 'close') {
      for (const other of merged) {
        const duplicate = await hotline.cases.findById(other.caseId);
        if (duplicate) await queueMergedReply(deps, other, duplicate, record, entry);
      }
    }
  };
}

async function queueMergedReply(deps: Parameters<JobHandler<'publish'>>[1], order: HotlineOrderRecord, duplicate: CaseRecord, target: CaseRecord, closing: TimelineEntry): Promise<void> {
  const action = replyForMergedOrder(target, closing);
  await queueCall(deps, { channel: order.channel, number: order.number, caseId: order.caseId, action, key: `hotline:${order.channel}:${order.number}:reply:merged:${target.id}:${closing.seq}` }, duplicate);
}
