import { z } from 'zod';

/** What `Taro.requestSubscribeMessage` answers for each template: accepted, rejected, banned (总是拒绝), or filtered by WeChat. */
export const subscribeDecisions = ['accept', 'reject', 'ban', 'filter'] as const;

/**
 * `POST /api/v1/wechat/subscriptions`: the answer of `Taro.requestSubscribeMessage` as the app got
 * it, `{ [templateId]: 'accept' | 'reject' | 'ban' | 'filter', errMsg }`. Templates the server
 * does not know are ignored (and named in the answer).
 */
export const recordSubscriptionsSchema = z
  .object({ errMsg: z.string().max(200).optional().meta({ description: '微信接口的 errMsg，原样带上即可（忽略）' }) })
  .catchall(z.enum(subscribeDecisions, '须为 accept、reject、ban 或 filter'));
export type RecordSubscriptions = z.output<typeof recordSubscriptionsSchema>;

/** One subscribe template and the account's standing for it. */
export const subscriptionViewSchema = z.strictObject({
  templateId: z.string(),
  title: z.string(),
  /** `one_time`: one message per consent; `long_term`: on until turned off. */
  kind: z.enum(['one_time', 'long_term']),
  /** What its messages are about: cases, or the compound's polls (议事). */
  topic: z.enum(['case', 'poll']),
  /** One-time: messages the account may still receive. */
  remaining: z.number().int().min(0),
  /** Long-term: whether it is on. */
  active: z.boolean(),
});
export type SubscriptionView = z.output<typeof subscriptionViewSchema>;

export const subscriptionsSchema = z.strictObject({
  templates: z.array(subscriptionViewSchema),
  /** Template ids in the request that the server does not use. */
  ignored: z.array(z.string()),
});
