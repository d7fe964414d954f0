import type Router from '@koa/router';
import { recordSubscriptionsSchema, subscriptionsSchema } from '../../../shared/api/wechat';
import { actorOf } from '../../http/auth';
import type { AppDeps } from '../../http/app';
import { parseInput } from '../../http/validate';
import { describe } from '../../openapi/describe';

const howItCounts =
  '一次性订阅模板：每次同意（accept）可收一条消息，服务端按模板累计剩余次数，先用于最重要的进展；长期订阅模板：同意后持续有效，拒绝（reject）或总是拒绝（ban）即关闭。没有可用授权时消息只进站内消息。';

/** Subscribe-message consents: what the user answered to `Taro.requestSubscribeMessage`. */
export function wechatSubscriptionRoutes(router: Router, deps: AppDeps): void {
  const { subscriptions } = deps.useCases;

  describe(router, {
    method: 'get',
    path: '/api/v1/wechat/subscriptions',
    operationId: 'listWeChatSubscriptions',
    summary: '我的订阅消息授权',
    description: `${howItCounts} 列出服务端使用的每个订阅模板及本账号的剩余次数或开关。`,
    tag: '消息',
    access: 'signed_in',
    responses: { 200: { description: '各模板的授权情况', schema: subscriptionsSchema } },
    errors: [],
  });
  router.get('/api/v1/wechat/subscriptions', async (ctx) => {
    ctx.body = { templates: await subscriptions.of(actorOf(ctx)), ignored: [] };
  });

  describe(router, {
    method: 'post',
    path: '/api/v1/wechat/subscriptions',
    operationId: 'recordWeChatSubscriptions',
    summary: '记录订阅消息授权',
    description: `小程序在上报、关注、评价时调用 Taro.requestSubscribeMessage，把它的回答原样提交：{ 模板编号: accept | reject | ban | filter, errMsg }。${howItCounts} 服务端不使用的模板编号忽略并列在 ignored 中。`,
    tag: '消息',
    access: 'signed_in',
    request: { json: { schema: recordSubscriptionsSchema, required: true } },
    responses: { 200: { description: '记录后各模板的授权情况', schema: subscriptionsSchema } },
    errors: [],
  });
  router.post('/api/v1/wechat/subscriptions', async (ctx) => {
    const actor = actorOf(ctx);
    const answer = parseInput(recordSubscriptionsSchema, ctx.request.body);
    ctx.body = await subscriptions.record(actor, answer);
  });
}
