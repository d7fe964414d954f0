import type Router from '@koa/router';
import { listMessagesQuerySchema, messageIdParamSchema, messagePageSchema, readAllResultSchema, readResultSchema, unreadCountSchema } from '../../../shared/api/messages';
import { actorOf } from '../../http/auth';
import type { AppDeps } from '../../http/app';
import { parseInput } from '../../http/validate';
import { describe } from '../../openapi/describe';
import { presentMessage } from '../../presenters/message';

const whose =
  '本人的消息，以及工作人员所在单位（物业、职能部门、社区居委会）、街镇中心或区中心的共享消息；共享消息的已读状态按账号分别记录。案件办结后消息仍保留。';

/** The in-app inbox (站内消息) of every signed-in account. */
export function messageRoutes(router: Router, deps: AppDeps): void {
  const { messages } = deps.useCases;

  describe(router, {
    method: 'get',
    path: '/api/v1/messages',
    operationId: 'listMessages',
    summary: '我的消息',
    description: `${whose} 新的在前，游标翻页；unread=true 只列未读。翻页标记无效 422（list.invalid_cursor）。`,
    tag: '消息',
    access: 'signed_in',
    request: { query: { schema: listMessagesQuerySchema, descriptions: { unread: '只列未读：true 或 false（默认）', limit: '每页条数，1–50', cursor: '翻页标记：上一页返回的 nextCursor' } } },
    responses: { 200: { description: '一页消息：{ items, nextCursor }', schema: messagePageSchema } },
    errors: [400, 422],
  });
  router.get('/api/v1/messages', async (ctx) => {
    const actor = actorOf(ctx);
    const query = parseInput(listMessagesQuerySchema, ctx.query);
    const page = await messages.list(actor, query);
    ctx.body = { items: page.items.map((message) => presentMessage(message, actor)), nextCursor: page.nextCursor };
  });

  describe(router, {
    method: 'get',
    path: '/api/v1/messages/unread-count',
    operationId: 'countUnreadMessages',
    summary: '未读消息数',
    description: `${whose}`,
    tag: '消息',
    access: 'signed_in',
    responses: { 200: { description: '{ unread }', schema: unreadCountSchema } },
    errors: [],
  });
  router.get('/api/v1/messages/unread-count', async (ctx) => {
    ctx.body = { unread: await messages.countUnread(actorOf(ctx)) };
  });

  describe(router, {
    method: 'post',
    path: '/api/v1/messages/read-all',
    operationId: 'markAllMessagesRead',
    summary: '全部标为已读',
    description: `${whose} 只对本账号生效。`,
    tag: '消息',
    access: 'signed_in',
    responses: { 200: { description: '新标为已读的条数', schema: readAllResultSchema } },
    errors: [],
  });
  router.post('/api/v1/messages/read-all', async (ctx) => {
    ctx.body = { marked: await messages.markAllRead(actorOf(ctx)) };
  });

  describe(router, {
    method: 'post',
    path: '/api/v1/messages/:id/read',
    operationId: 'markMessageRead',
    summary: '标为已读',
    description: '只对本账号生效，重复标记无妨。不是本人或本单位的消息与不存在的消息一样回答 404（message.not_found）。',
    tag: '消息',
    access: 'signed_in',
    request: { params: { schema: messageIdParamSchema, descriptions: { id: '消息编号' } } },
    responses: { 200: { description: '已标为已读', schema: readResultSchema } },
    errors: [400, 404],
  });
  router.post('/api/v1/messages/:id/read', async (ctx) => {
    const actor = actorOf(ctx);
    const { id } = parseInput(messageIdParamSchema, ctx.params);
    await messages.markRead(actor, id);
    ctx.body = { id, read: true };
  });
}
