import type Router from '@koa/router';
import { hotlineChannelParamSchema, hotlineExtensionSchema, hotlineOrderViewSchema, hotlineWebhookAnswerSchema, type HotlineOrderView, type HotlineWebhookAnswer } from '../../../shared/api/hotline';
import { caseIdParamSchema } from '../../../shared/schemas/cases';
import { actorOf } from '../../http/auth';
import type { AppDeps } from '../../http/app';
import { parseInput } from '../../http/validate';
import { errors } from '../../errors';
import { describe } from '../../openapi/describe';

/** The hotline centres' webhook: work orders and notices pushed to us, signed. */
export function hotlineRoutes(router: Router, deps: AppDeps): void {
  describe(router, {
    method: 'post',
    path: '/api/v1/hotline/:channel/webhook',
    operationId: 'hotlineWebhook',
    summary: '热线中心推送工单与通知',
    description:
      '热线中心（12345、12319）推送新工单（event=order）或通知（event=notice：催办、回访结果、发回重办、延期答复）。' +
      '请求须带 X-Hotline-Timestamp（Unix 秒）、X-Hotline-Nonce 与 X-Hotline-Signature（HMAC-SHA256(密钥, 时间戳\\n随机数\\n请求体) 的十六进制），' +
      '请求体为 JSON：{"event":"order","order":{…}} 或 {"event":"notice","notice":{…}}，工单与通知的字段按该热线系统的接口规范。' +
      '时间偏差不超过5分钟；签名无效 401（hotline.bad_signature），随机数重复（重放）409（hotline.replayed）。同一工单重复推送只立案一次。',
    tag: '热线',
    access: 'public',
    // The body is the centre's own wire format (its field names, read by its adapter), described in
    // words: a schema here would promise keys the hostile-key guard refuses for every route.
    request: { params: { schema: hotlineChannelParamSchema, descriptions: { channel: '热线渠道：12345 或 12319' } } },
    responses: { 200: { description: '工单已立案（或此前已立案），或通知已处理', schema: hotlineWebhookAnswerSchema } },
    errors: [400, 401, 404, 409, 422],
  });
  router.post('/api/v1/hotline/:channel/webhook', async (ctx) => {
    const hotline = deps.useCases.hotline;
    if (!hotline) throw errors.notFound('热线接口');
    const { channel } = parseInput(hotlineChannelParamSchema, ctx.params);
    const rawBody = (ctx.request as unknown as { rawBody?: string }).rawBody ?? '';
    const outcome = await hotline.webhook(channel, { body: rawBody, headers: ctx.headers });
    ctx.body = (
      outcome.kind === 'order'
        ? { ok: true, event: 'order', caseId: outcome.intake.caseId, caseNumber: outcome.intake.caseNumber, duplicate: !outcome.intake.created }
        : { ok: true, event: 'notice', applied: outcome.outcome.applied, ...(outcome.outcome.note ? { note: outcome.outcome.note } : {}) }
    ) satisfies HotlineWebhookAnswer;
  });

  describe(router, {
    method: 'post',
    path: '/api/v1/cases/:id/hotline/extension',
    operationId: 'requestHotlineExtension',
    summary: '向热线中心申请延期',
    description:
      '热线工单转来的案件，由街镇或区中心向热线中心申请延期（说明原因和希望的时限）；申请经后台任务发送，热线中心答复后更新工单时限。' +
      '只有案件所在街镇或区中心可以申请（403 hotline.forbidden）；不是热线工单 422（hotline.not_a_hotline_case）；未签收、已退回或已在申请中 409（hotline.extension_not_allowed）。',
    tag: '热线',
    access: 'signed_in',
    request: { params: { schema: caseIdParamSchema, descriptions: { id: '案件编号' } }, json: { schema: hotlineExtensionSchema, required: true } },
    responses: { 200: { description: '已登记的延期申请：工单当前状态', schema: hotlineOrderViewSchema } },
    errors: [400, 403, 404, 409, 422],
  });
  router.post('/api/v1/cases/:id/hotline/extension', async (ctx) => {
    const hotline = deps.useCases.hotline;
    if (!hotline) throw errors.notFound('热线接口');
    const actor = actorOf(ctx);
    const { id } = parseInput(caseIdParamSchema, ctx.params);
    const input = parseInput(hotlineExtensionSchema, (ctx.request as unknown as { body?: unknown }).body);
    const order = await hotline.requestExtension(actor, id, input);
    ctx.body = {
      channel: order.channel,
      number: order.number,
      state: order.state,
      replyBy: order.replyBy.toISOString(),
      extensionsRequested: order.extensionsRequested,
      redoCount: order.redoCount,
    } satisfies HotlineOrderView;
  });
}
