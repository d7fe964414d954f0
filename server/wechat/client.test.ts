import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../db/connection';
import { dropTestDatabase, openTestDatabase } from '../testing/database';
import { WeChatClient } from './client';
import { startFakeWeChat, type FakeWeChat } from './fake-server';
import { WeChatError, type SubscribeMessage } from './gateway';
import { databaseTokenStore } from './token-store';

const app = { appId: 'wx-client-test', appSecret: 'client-test-secret' };
const sendPath = '/cgi-bin/message/subscribe/send';

let database: Database;
let fake: FakeWeChat;

beforeAll(async () => {
  database = await openTestDatabase('wechat_client');
});
afterAll(async () => dropTestDatabase(database));

beforeEach(async () => {
  fake = await startFakeWeChat(app);
  await database.models.WeChatToken.deleteMany({});
});
afterEach(async () => fake.close());

const gateway = (db: Database = database) => new WeChatClient({ ...app, apiBase: fake.url, tokenStore: databaseTokenStore(db) });

const message: SubscribeMessage = {
  openid: 'o-resident-1',
  templateId: 'tmpl-case-progress',
  page: 'pages/case/index?id=BH-2026-000001',
  data: { thing1: { value: '楼道堆物' }, phrase2: { value: '处理中' }, time3: { value: '2026-03-09 09:30' } },
};

const tokensUsedBySends = () => fake.received(sendPath).map((request) => request.query.access_token);

describe('WeChatClient.sendSubscribeMessage', () => {
  it('fetches one access token and shares it through the database between two gateways', async () => {
    // A second connection to the same database stands for a second server process.
    const otherProcess = await openDatabase(`${inject('engineUri')}/${database.connection.name}`);
    try {
      await gateway(database).sendSubscribeMessage(message);
      await gateway(otherProcess).sendSubscribeMessage(message);
    } finally {
      await otherProcess.close();
    }
    expect(fake.received('/cgi-bin/token')).toHaveLength(1);
    expect(tokensUsedBySends()).toEqual(['fake-token-1', 'fake-token-1']);
    const stored = await database.models.WeChatToken.findOne({ appId: app.appId }).lean();
    expect(stored?.accessToken).toBe('fake-token-1');
    expect(stored!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 7000 * 1000);
  });

  it('delivers the message body to WeChat exactly as sent, in WeChat field names', async () => {
    await gateway().sendSubscribeMessage(message);
    const expected = { touser: message.openid, template_id: message.templateId, page: message.page, data: message.data };
    expect(fake.received(sendPath)[0]!.body).toEqual(expected);
    expect(fake.messages).toEqual([{ kind: 'subscribe', body: expected, at: expect.any(Date) }]);
  });

  it('on 40001 clears the stored token, fetches a fresh one and retries once', async () => {
    const client = gateway();
    await client.sendSubscribeMessage(message);
    fake.expireTokens();

    await client.sendSubscribeMessage(message);

    expect(tokensUsedBySends()).toEqual(['fake-token-1', 'fake-token-1', 'fake-token-2']);
    expect(fake.received('/cgi-bin/token')).toHaveLength(2);
    expect(fake.messages).toHaveLength(2);
    const stored = await database.models.WeChatToken.findOne({ appId: app.appId }).lean();
    expect(stored?.accessToken).toBe('fake-token-2');
  });

  it('treats 42001 (token expired) like 40001', async () => {
    const client = gateway();
    await client.sendSubscribeMessage(message);
    fake.failNext(sendPath, { errcode: 42001, errmsg: 'access_token expired' });

    await client.sendSubscribeMessage(message);

    expect(tokensUsedBySends()).toEqual(['fake-token-1', 'fake-token-1', 'fake-token-2']);
  });

  it('fails with a clear error after a second 40001, having sent exactly twice', async () => {
    fake.failNext(sendPath, { errcode: 40001, errmsg: 'invalid credential' });
    fake.failNext(sendPath, { errcode: 40001, errmsg: 'invalid credential' });

    const failure = await gateway()
      .sendSubscribeMessage(message)
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(WeChatError);
    expect(failure).toMatchObject({ errcode: 40001, message: expect.stringContaining('freshly fetched access token') });
    expect(fake.received(sendPath)).toHaveLength(2);
    expect(fake.messages).toHaveLength(0);
  });

  it('does not retry a refusal that is not about the token, and keeps the token', async () => {
    const client = gateway();
    fake.failNext(sendPath, { errcode: 43101, errmsg: 'user refuse to accept the msg' });

    await expect(client.sendSubscribeMessage(message)).rejects.toMatchObject({ name: 'WeChatError', errcode: 43101 });

    expect(fake.received(sendPath)).toHaveLength(1);
    expect((await database.models.WeChatToken.findOne({ appId: app.appId }).lean())?.accessToken).toBe('fake-token-1');
  });

  it('reports WeChat being down without the app secret in the error', async () => {
    fake.failNext('/cgi-bin/token', { httpStatus: 500 });

    const failure = await gateway()
      .sendSubscribeMessage(message)
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(WeChatError);
    expect((failure as WeChatError).errcode).toBeUndefined();
    expect((failure as WeChatError).message).not.toContain(app.appSecret);
    expect(fake.received(sendPath)).toHaveLength(0);
  });

  it('fails on a send answered with an HTTP error', async () => {
    fake.failNext(sendPath, { httpStatus: 503 });
    await expect(gateway().sendSubscribeMessage(message)).rejects.toBeInstanceOf(WeChatError);
    expect(fake.received(sendPath)).toHaveLength(1);
  });
});

describe('databaseTokenStore', () => {
  it('clears a refused token but keeps a newer one another process already stored', async () => {
    const store = databaseTokenStore(database);
    const expiresAt = new Date(Date.now() + 3600_000);
    await store.save(app.appId, { accessToken: 'newer', expiresAt });

    await store.clear(app.appId, 'older');
    expect(await store.load(app.appId)).toEqual({ accessToken: 'newer', expiresAt });

    await store.clear(app.appId, 'newer');
    expect(await store.load(app.appId)).toBeUndefined();
  });
});

describe('WeChatClient.code2Session', () => {
  it('answers the openid for a code, asking with our appid and secret', async () => {
    fake.setOpenid('code-1', 'o-chosen', 'u-union');

    expect(await gateway().code2Session('code-1')).toEqual({ ok: true, openid: 'o-chosen', unionid: 'u-union' });
    expect(fake.received('/sns/jscode2session')[0]!.query).toEqual({
      appid: app.appId,
      secret: app.appSecret,
      js_code: 'code-1',
      grant_type: 'authorization_code',
    });
  });

  it('gives the same openid for the same code on any fake, without a unionid unless set', async () => {
    const first = await gateway().code2Session('stable-code');
    await fake.close();
    fake = await startFakeWeChat(app);
    expect(await gateway().code2Session('stable-code')).toEqual(first);
    expect(first).toEqual({ ok: true, openid: expect.stringMatching(/^o-[0-9a-f]{26}$/) });
  });

  it('reports an invalid code as invalid_code', async () => {
    fake.invalidCodes.add('bad-code');
    expect(await gateway().code2Session('bad-code')).toMatchObject({ ok: false, reason: 'invalid_code' });
  });

  it('reports a code used twice as code_used', async () => {
    const client = gateway();
    await client.code2Session('once');
    expect(await client.code2Session('once')).toMatchObject({ ok: false, reason: 'code_used' });
  });

  it('reports WeChat errors, HTTP errors and an unreachable WeChat as unavailable', async () => {
    const client = gateway();
    fake.failNext('/sns/jscode2session', { errcode: -1, errmsg: 'system error' });
    expect(await client.code2Session('a')).toMatchObject({ ok: false, reason: 'unavailable', detail: 'errcode -1: system error' });
    fake.failNext('/sns/jscode2session', { httpStatus: 500 });
    expect(await client.code2Session('b')).toMatchObject({ ok: false, reason: 'unavailable', detail: 'HTTP 500' });

    await fake.close();
    const unreachable = await client.code2Session('c');
    fake = await startFakeWeChat(app);
    expect(unreachable).toMatchObject({ ok: false, reason: 'unavailable', detail: expect.stringMatching(/^network: /) });
  });
});

describe('WeChatClient failures, as the WeChat handler reads them', () => {
  it('marks a send whose answer timed out as uncertain (WeChat may have it), and an HTTP error with its status', async () => {
    const impatient = new WeChatClient({ ...app, apiBase: fake.url, tokenStore: databaseTokenStore(database), timeoutMs: 200 });
    fake.failNext(sendPath, { delayMs: 500 });
    await expect(impatient.sendSubscribeMessage(message)).rejects.toMatchObject({ uncertain: true, errcode: undefined });
    fake.failNext(sendPath, { httpStatus: 502 });
    await expect(impatient.sendSubscribeMessage(message)).rejects.toMatchObject({ uncertain: false, httpStatus: 502 });
    await new Promise((resolve) => setTimeout(resolve, 400));
  });

  it('marks a refused connection as not uncertain: nothing reached WeChat', async () => {
    const client = gateway();
    await client.sendSubscribeMessage(message);
    await fake.close();
    const failure = await client.sendSubscribeMessage(message).catch((error: unknown) => error);
    fake = await startFakeWeChat(app);
    expect(failure).toMatchObject({ name: 'WeChatError', uncertain: false });
  });
});

describe('WeChatClient.sendTemplateMessage', () => {
  it('posts the service-account template message with client_msg_id; the fake sends a repeat of the id once', async () => {
    const template = { openid: 'svc-1', templateId: 'svc-progress', miniprogram: { appid: app.appId, pagepath: 'pages/case/index?id=1' }, data: { first: { value: '已受理' } }, clientMsgId: 'wechat:c1:2:0:a1' };
    await gateway().sendTemplateMessage(template);
    await gateway().sendTemplateMessage(template);
    expect(fake.received('/cgi-bin/message/template/send')[0]!.body).toEqual({
      touser: 'svc-1',
      template_id: 'svc-progress',
      miniprogram: template.miniprogram,
      data: template.data,
      client_msg_id: 'wechat:c1:2:0:a1',
    });
    expect(fake.received('/cgi-bin/message/template/send')).toHaveLength(2);
    expect(fake.messages).toHaveLength(1);
  });
});
