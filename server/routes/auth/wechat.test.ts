import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../http/app';
import { startTestApp, type TestApp } from '../../testing/app';
import { startTestServer } from '../../testing/http';
import type { FakeWeChat } from '../../wechat/fake-server';

let app: TestApp;
let fake: FakeWeChat;

beforeAll(async () => {
  app = await startTestApp({ label: 'wechat_auth', wechat: true });
  fake = app.fakeWeChat!;
});
afterAll(async () => app.close());

const login = (body: unknown) => app.server.request('POST', '/api/v1/auth/wechat', { body });
const accountsOf = (openid: string) => app.database.models.Account.find({ loginKey: `wx:${openid}` }).lean();

describe('POST /api/v1/auth/wechat', () => {
  it('creates a resident at the first login and answers a token that works on /auth/me', async () => {
    fake.setOpenid('first-code', 'o-first');

    const response = await login({ code: 'first-code' });

    expect(response.status).toBe(200);
    expect(response.body.account).toMatchObject({ role: 'resident', roleLabel: '居民', name: '微信用户', scope: {} });
    const [account, ...others] = await accountsOf('o-first');
    expect(others).toHaveLength(0);
    expect(account).toMatchObject({ loginKey: 'wx:o-first', openid: 'o-first', role: 'resident', displayName: '微信用户' });
    expect(response.body.account.id).toBe(String(account!._id));

    const me = await app.server.request('GET', '/api/v1/auth/me', { token: response.body.token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: response.body.account.id, role: 'resident', name: '微信用户', scope: {} });
  });

  it('names a new resident with the display name sent', async () => {
    const response = await login({ code: 'named-code', displayName: '  王阿姨 ' });
    expect(response.status).toBe(200);
    expect(response.body.account.name).toBe('王阿姨');
  });

  it('signs a returning user into the same account with a new code', async () => {
    fake.setOpenid('visit-1', 'o-returning');
    fake.setOpenid('visit-2', 'o-returning');

    const first = await login({ code: 'visit-1' });
    const second = await login({ code: 'visit-2', displayName: '换了名字' });

    expect(second.status).toBe(200);
    expect(second.body.account.id).toBe(first.body.account.id);
    expect(second.body.account.name).toBe('微信用户');
    expect(await accountsOf('o-returning')).toHaveLength(1);
  });

  it('keeps the unionid WeChat gives, from the first sign-in or a later one, to link the service account', async () => {
    fake.setOpenid('union-1', 'o-union', 'u-union-1');
    fake.setOpenid('late-1', 'o-late');
    fake.setOpenid('late-2', 'o-late', 'u-late');

    expect((await login({ code: 'union-1' })).status).toBe(200);
    await login({ code: 'late-1' });
    expect((await accountsOf('o-late'))[0]!.unionid).toBeUndefined();
    await login({ code: 'late-2' });

    expect((await accountsOf('o-union'))[0]!.unionid).toBe('u-union-1');
    expect((await accountsOf('o-late'))[0]!.unionid).toBe('u-late');
  });

  it('creates one account when two first logins of one user arrive at once', async () => {
    fake.setOpenid('tap-1', 'o-double-tap');
    fake.setOpenid('tap-2', 'o-double-tap');

    const [a, b] = await Promise.all([login({ code: 'tap-1' }), login({ code: 'tap-2' })]);

    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.account.id).toBe(b.body.account.id);
    expect(await accountsOf('o-double-tap')).toHaveLength(1);
  });

  it('refuses an invalid code with 401 auth.wechat_code_invalid, as a wrong password is', async () => {
    fake.invalidCodes.add('forged');
    const response = await login({ code: 'forged' });
    expect(response.status).toBe(401);
    expect(response.body.error).toEqual({ code: 'auth.wechat_code_invalid', message: '微信登录凭证无效，请重新登录' });
  });

  it('refuses a code used before with 401 auth.wechat_code_used', async () => {
    await login({ code: 'replayed' });
    const response = await login({ code: 'replayed' });
    expect(response.status).toBe(401);
    expect(response.body.error).toEqual({ code: 'auth.wechat_code_used', message: '微信登录凭证已使用，请重新登录' });
  });

  it('answers 502 wechat.unavailable when WeChat is down', async () => {
    fake.failNext('/sns/jscode2session', { httpStatus: 500 });
    const response = await login({ code: 'while-down' });
    expect(response.status).toBe(502);
    expect(response.body.error).toEqual({ code: 'wechat.unavailable', message: '微信服务暂时不可用，请稍后重试' });
  });

  it('refuses a body with extra keys before asking WeChat', async () => {
    const before = fake.received('/sns/jscode2session').length;
    const response = await login({ code: 'extra-keys', role: 'admin' });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('request.invalid');
    expect(fake.received('/sns/jscode2session')).toHaveLength(before);
  });

  it('refuses a missing code with 400', async () => {
    const response = await login({});
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields).toHaveProperty('code');
  });

  it('answers 503 wechat.not_configured without a WeChat gateway', async () => {
    const server = await startTestServer(createApp({ ...app.deps, useCases: { ...app.deps.useCases, accounts: { ...app.deps.useCases.accounts, exchangeWeChatCode: undefined } } }));
    try {
      const response = await server.request('POST', '/api/v1/auth/wechat', { body: { code: 'any' } });
      expect(response.status).toBe(503);
      expect(response.body.error).toEqual({ code: 'wechat.not_configured', message: '微信登录暂未开通' });
    } finally {
      await server.close();
    }
  });
});
