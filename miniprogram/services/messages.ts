import Taro from '@tarojs/taro';
import type { z } from 'zod';
import type { messagePageSchema, messageViewSchema, readAllResultSchema, unreadCountSchema } from '../../shared/api/messages';
import type { recordSubscriptionsSchema, subscriptionsSchema } from '../../shared/api/wechat';
import { request } from './http';

export type MessageView = z.input<typeof messageViewSchema>;
export type MessagePage = z.input<typeof messagePageSchema>;
export type Subscriptions = z.input<typeof subscriptionsSchema>;

export function listMessages(query: { unread?: boolean; cursor?: string; limit?: number } = {}): Promise<MessagePage> {
  return request<MessagePage>('GET', '/api/v1/messages', undefined, { query: { ...query, unread: query.unread === undefined ? undefined : String(query.unread) } });
}

export async function unreadCount(): Promise<number> {
  return (await request<z.input<typeof unreadCountSchema>>('GET', '/api/v1/messages/unread-count')).unread;
}

export function markRead(id: string): Promise<unknown> {
  return request('POST', `/api/v1/messages/${encodeURIComponent(id)}/read`);
}

export async function markAllRead(): Promise<number> {
  return (await request<z.input<typeof readAllResultSchema>>('POST', '/api/v1/messages/read-all')).marked;
}

/** The subscribe-message templates and this account's consents (WeChat). */
export function getSubscriptions(): Promise<Subscriptions> {
  return request<Subscriptions>('GET', '/api/v1/wechat/subscriptions');
}

/** Records what `Taro.requestSubscribeMessage` answered, as it answered it. */
export function recordSubscriptions(answer: z.input<typeof recordSubscriptionsSchema>): Promise<Subscriptions> {
  return request<Subscriptions>('POST', '/api/v1/wechat/subscriptions', answer);
}

/** The templates of one topic, as many as WeChat takes in one consent dialog (three). */
export function templatesAbout(subscriptions: Subscriptions, topic: 'case' | 'poll'): string[] {
  return subscriptions.templates.filter((template) => template.topic === topic).map((template) => template.templateId).slice(0, 3);
}

/**
 * Shows WeChat's consent dialog for `templateIds` and records the answer. Must run from the tap
 * itself: WeChat refuses the dialog after an await that is not its own.
 */
export async function askForConsents(templateIds: string[]): Promise<Subscriptions> {
  const answer = await Taro.requestSubscribeMessage({ tmplIds: templateIds, entityIds: [] } as Parameters<typeof Taro.requestSubscribeMessage>[0]);
  return recordSubscriptions(answer as unknown as Parameters<typeof recordSubscriptions>[0]);
}
