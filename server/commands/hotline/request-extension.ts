import type { Actor } from '../../../shared/domain/roles';
import { relationTo } from '../../../shared/policies/privacy';
import { errors } from '../../errors';
import { moveOrder } from './move-order';
import { loadCase } from '../cases/load-case';
import { queueCall } from './calls';
import type { HotlineCommandDeps } from './take-in-order';

/**
 * A centre's dispatcher asks the hotline centre for more time (延期) on a case filed from a work
 * order: the request is queued as a call (numbered, so each request is sent once) and the order
 * waits for the centre's answer, which moves its deadline when approved.
 */
export async function requestExtension(deps: HotlineCommandDeps, actor: Actor, caseId: string, input: { reason: string; until: Date }) {
  const record = await loadCase(deps, caseId);
  if (relationTo(record, { actor }) !== 'centre' || actor.role === 'admin') throw errors.forbidden('hotline.forbidden', '只有街镇或区中心可以申请延期');
  const order = await deps.orders.findByCase(caseId);
  if (!order) throw errors.unprocessable('hotline.not_a_hotline_case', '该案件不是热线工单');
  if (input.until.getTime() <= order.replyBy.getTime()) throw errors.validation({ until: ['延期后的时限须晚于当前时限'] });
  const moved = await moveOrder(
    deps.orders,
    order.channel,
    order.number,
    (o) => (o.state === 'signed' || o.state === 'redo' ? { ...o, state: 'extension_requested', extensionsRequested: o.extensionsRequested + 1 } : undefined),
    deps.now(),
  );
  if (!moved || moved.state !== 'extension_requested' || moved.extensionsRequested === order.extensionsRequested) {
    throw errors.conflict('hotline.extension_not_allowed', '工单当前不能申请延期（未签收、已退回或正在等待答复）');
  }
  const n = moved.extensionsRequested;
  await queueCall(deps, { channel: order.channel, number: order.number, caseId, action: { kind: 'extension', reason: input.reason, until: input.until.toISOString() }, key: `hotline:${order.channel}:${order.number}:extension:${n}` }, record);
  return moved;
}
