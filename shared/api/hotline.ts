import { z } from 'zod';
import { hotlineChannels } from '../hotline/work-order';

/** `POST /api/v1/hotline/{channel}/webhook`: the channel in the path. */
export const hotlineChannelParamSchema = z.strictObject({
  channel: z.enum(hotlineChannels, '热线渠道须为 12345 或 12319').meta({ pattern: '^(12345|12319)$' }),
});

/** What the webhook answers the centre: the case an order became, or whether a notice was applied. */
export const hotlineWebhookAnswerSchema = z.union([
  z.object({ ok: z.literal(true), event: z.literal('order'), caseId: z.string(), caseNumber: z.string(), duplicate: z.boolean().meta({ description: '同一工单此前已收到，未重复立案' }) }),
  z.object({ ok: z.literal(true), event: z.literal('notice'), applied: z.boolean(), note: z.string().optional() }),
]);
export type HotlineWebhookAnswer = z.infer<typeof hotlineWebhookAnswerSchema>;

/** `POST /api/v1/cases/{id}/hotline/extension`: a centre asks the hotline centre for more time (延期). */
export const hotlineExtensionSchema = z.strictObject({
  reason: z.string().trim().min(2, '原因至少填写2个字').max(500, '原因不超过500字'),
  until: z.coerce.date('延期后的时限无效'),
});
export type HotlineExtensionRequest = z.input<typeof hotlineExtensionSchema>;

/** A work order as the centres see it beside its case. */
export const hotlineOrderViewSchema = z.object({
  channel: z.enum(hotlineChannels),
  number: z.string(),
  state: z.string().meta({ description: '热线中心一侧的状态：sent 已派发、signed 已签收、returned 已退回、extension_requested 延期申请中、replied 已答复、visited 已回访、redo 发回重办、closed 已办结' }),
  replyBy: z.string().meta({ description: '热线中心的办结时限（ISO 8601）' }),
  extensionsRequested: z.number().int(),
  redoCount: z.number().int(),
});
export type HotlineOrderView = z.infer<typeof hotlineOrderViewSchema>;
