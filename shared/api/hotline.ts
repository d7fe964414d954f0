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
