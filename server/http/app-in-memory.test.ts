import { defaultWeChatMessagesConfig } from '../../shared/wechat-messages/messages-config';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAccessToken } from '../auth/tokens';
import { startTestServer, type TestServer } from '../testing/http';
import { testLogger } from '../testing/logger';
import { memoryWorld } from '../testing/memory-world';
import { createApp, type AppDeps } from './app';

/**
 * The whole HTTP stack over use cases bound to in-memory adapters: routes reach nothing but
 * `deps.useCases`, so swapping every adapter changes no route. No database is opened here.
 */
let world: ReturnType<typeof memoryWorld>;
let server: TestServer;
let deps: AppDeps;
let healthy = true;
beforeAll(async () => {
  world = memoryWorld();
  deps = {
    useCases: { ...world.useCases, health: { check: async () => ({ dbUp: healthy, engine: 'ferretdb' }) } },
    logger: testLogger,
    now: world.clock.now,
    config: {
      production: false,
      jwt: { secret: randomBytes(32).toString('hex'), issuer: 'gongzhi-baohe-test', ttlSeconds: 3600 },
      uploads: { dir: '/nonexistent', maxBytes: 1024 },
      wechat: { appId: 'wx-test', appSecret: 'secret', apiBase: undefined, messages: defaultWeChatMessagesConfig },
    },
  };
  server = await startTestServer(createApp(deps));
});
afterAll(async () => server?.close());

const token = (username: string) => signAccessToken({ accountId: world.actor(username).id, kind: 'password', generation: 0 }, deps.config.jwt);

describe('the API over in-memory use cases', () => {
  it('files, accepts and lists a case with no database', async () => {
    const filed = await server.request('POST', '/api/v1/cases', {
      token: token('resident01'),
      body: { subcategoryCode: '05.10', description: '物业长期不清理楼道，多次反映无人处理', compoundCode: 'C001' },
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const accepted = await server.request('POST', `/api/v1/cases/${filed.body.id}/events/accept`, { token: token('street01'), body: {} });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.headers.get('etag')).toBe('"2"');
    const inbox = await server.request('GET', '/api/v1/cases?view=inbox', { token: token('street01') });
    expect(inbox.body.items.map((item: { id: string }) => item.id)).toEqual([filed.body.id]);
    expect(world.store.size).toBe(1);
  });

  it('reports the database down through the health port with 503', async () => {
    expect((await server.request('GET', '/api/health')).body).toEqual({ status: 'ok', db: 'ok', engine: 'ferretdb' });
    healthy = false;
    const response = await server.request('GET', '/api/health');
    expect(response.status).toBe(503);
    expect(response.body).toEqual({ status: 'degraded', db: 'down', engine: 'ferretdb' });
  });
});

describe('the development page of the fake WeChat (GET /dev/wechat)', () => {
  const sent = [
    { kind: 'subscribe' as const, body: { touser: 'o-resident01', template_id: 'tmpl-case-progress', page: 'pages/case/index?id=c1', data: { phrase3: { value: '已受理' } } }, at: new Date('2026-03-09T01:30:00Z') },
    { kind: 'template' as const, body: { touser: 'svc-1', template_id: 'svc-case-progress', client_msg_id: 'wechat:c1:2:0:a', data: { first: { value: '<b>已派单</b>' } } }, at: new Date('2026-03-09T01:31:00Z') },
  ];

  it('lists what the fake delivered, newest first, in Chinese, refreshing itself, with markup escaped', async () => {
    const devServer = await startTestServer(createApp({ ...deps, devWeChat: { messages: sent } }));
    try {
      const response = await fetch(`${devServer.url}/dev/wechat`);
      const html = await response.text();
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(html).toContain('<meta http-equiv="refresh"');
      expect(html).toContain('模拟微信：已发送的消息（2 条）');
      expect(html.indexOf('服务号模板消息')).toBeLessThan(html.indexOf('小程序订阅消息</td>'));
      expect(html).toContain('2026-03-09 09:30:00');
      expect(html).toContain('&lt;b&gt;已派单&lt;/b&gt;');
      expect(html).not.toContain('<b>已派单</b>');
    } finally {
      await devServer.close();
    }
  });

  it('does not exist in production, nor without the fake', async () => {
    const production = await startTestServer(createApp({ ...deps, config: { ...deps.config, production: true }, devWeChat: { messages: sent } }));
    try {
      expect((await fetch(`${production.url}/dev/wechat`)).status).toBe(404);
      expect((await server.request('GET', '/dev/wechat')).status).toBe(404);
    } finally {
      await production.close();
    }
  });
});

