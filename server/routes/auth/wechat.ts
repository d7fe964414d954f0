import type Router from '@koa/router';
import { wechatLoginSchema } from '../../../shared/schemas/auth';
import { AppError } from '../../http/errors';
import { parseInput } from '../../http/validate';
import type { AppDeps } from '../../http/app';
import { session } from './routes';
import { describe } from '../../openapi/describe';
import { sessionSchema } from '../../../shared/api/auth';

/** Mini-program sign-in: the `wx.login()` code → openid → the resident's account and a token. */
export function wechatAuthRoutes(router: Router, deps: AppDeps): void {
  describe(router, {
    method: 'post',
    path: '/api/v1/auth/wechat',
    operationId: 'wechatLogin',
    summary: '微信小程序登录',
    description: '以 wx.login() 得到的 code 换取 openid，找到或创建居民账号并签发登录凭证。code 无效或已用回答 401（与密码错误一样，是凭证被拒）；未开通时 503。',
    tag: '登录',
    access: 'public',
    request: { json: { schema: wechatLoginSchema, required: true } },
    responses: { 200: { description: '登录凭证与账号信息', schema: sessionSchema } },
    errors: [403, 502, 503],
  });
  router.post('/api/v1/auth/wechat', async (ctx) => {
    const exchangeCode = deps.useCases.accounts.exchangeWeChatCode;
    if (!exchangeCode) throw new AppError('wechat.not_configured', '微信登录暂未开通', 503);
    const input = parseInput(wechatLoginSchema, ctx.request.body);
    const exchanged = await exchangeCode(input.code);
    if (!exchanged.ok) {
      // The detail (WeChat's errcode) goes to the log only; the user just needs to retry.
      deps.logger.warn({ reason: exchanged.reason, detail: exchanged.detail }, 'wechat code2Session failed');
      if (exchanged.reason === 'invalid_code') throw new AppError('auth.wechat_code_invalid', '微信登录凭证无效，请重新登录', 401);
      if (exchanged.reason === 'code_used') throw new AppError('auth.wechat_code_used', '微信登录凭证已使用，请重新登录', 401);
      throw new AppError('wechat.unavailable', '微信服务暂时不可用，请稍后重试', 502);
    }
    const account = await deps.useCases.accounts.findOrCreateWeChatResident({
      openid: exchanged.openid,
      ...(exchanged.unionid ? { unionid: exchanged.unionid } : {}),
      displayName: input.displayName ?? '微信用户',
    });
    ctx.body = session(account, deps);
  });
}
