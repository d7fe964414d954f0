import type Router from '@koa/router';
import { wechatLoginSchema } from '../../../shared/schemas/auth';
import { AppError } from '../../http/errors';
import { parseInput } from '../../http/validate';
import type { AppDeps } from '../../http/app';
import { session } from './routes';

/** Mini-program sign-in: the `wx.login()` code → openid → the resident's account and a token. */
export function wechatAuthRoutes(router: Router, deps: AppDeps): void {
  router.post('/api/v1/auth/wechat', async (ctx) => {
    const exchangeCode = deps.useCases.accounts.exchangeWeChatCode;
    if (!exchangeCode) throw new AppError('wechat.not_configured', '微信登录暂未开通', 503);
    const input = parseInput(wechatLoginSchema, ctx.request.body);
    const exchanged = await exchangeCode(input.code);
    if (!exchanged.ok) {
      // The detail (WeChat's errcode) goes to the log only; the user just needs to retry.
      deps.logger.warn({ reason: exchanged.reason, detail: exchanged.detail }, 'wechat code2Session failed');
      if (exchanged.reason === 'invalid_code') throw new AppError('auth.wechat_code_invalid', '微信登录凭证无效，请重新登录', 400);
      if (exchanged.reason === 'code_used') throw new AppError('auth.wechat_code_used', '微信登录凭证已使用，请重新登录', 400);
      throw new AppError('wechat.unavailable', '微信服务暂时不可用，请稍后重试', 502);
    }
    const account = await deps.useCases.accounts.findOrCreateWeChatResident({ openid: exchanged.openid, displayName: input.displayName ?? '微信用户' });
    ctx.body = session(account, deps);
  });
}
