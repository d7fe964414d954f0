import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'node:net';
import { liveCloseCodes } from '../../shared/api/live';
import { startTestApp, type TestApp } from '../testing/app';
import { act, file } from '../testing/cases';
import { attachLive, connectLive, type LiveTestApp, type LiveTestClient } from '../testing/live';

let app: TestApp;
let live: LiveTestApp;
const clients: LiveTestClient[] = [];

beforeAll(async () => {
  app = await startTestApp({ label: 'live_limits' });
  live = attachLive(app, { limits: { heartbeatMs: 100, idleTimeoutMs: 400, maxBufferedBytes: 64 * 1024, maxMessagesPer10s: 10_000 } });
});
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});
afterAll(async () => {
  await live.close();
  await app.close();
});

async function connect(options: { username?: string; autoPong?: boolean } = {}): Promise<LiveTestClient> {
  const client = await connectLive(live.url, { autoPong: options.autoPong, ...(options.username ? { token: await app.token(options.username) } : {}) });
  clients.push(client);
  return client;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('heartbeats and idleness', () => {
  it('keeps a subscribed connection that answers pings open well past the HTTP idle cut', async () => {
    const filed = await file(app, 'resident01', { subcategoryCode: '05.01', description: '电梯运行有异响', compoundCode: 'C001' });
    const token = await app.token('resident01');
    // An HTTP idle cut far shorter than the test waits, for this connection only: a request made
    // under it on a busy machine would be cut too, which is not what is tested here.
    const { httpServer } = app.server;
    const usualTimeout = httpServer.timeout;
    httpServer.timeout = 200;
    const client = await connectLive(live.url, { token }).finally(() => {
      httpServer.timeout = usualTimeout;
    });
    clients.push(client);
    client.send({ type: 'subscribe', id: 'c', topic: 'case', caseId: filed.id });
    await client.next('case.entries');
    await sleep(1_000);
    client.send({ type: 'ping' });
    await client.next('pong');
    expect(client.socket.readyState).toBe(client.socket.OPEN);
  });

  it('cuts a connection that stops answering pings', async () => {
    const filed = await file(app, 'resident01', { subcategoryCode: '05.01', description: '电梯运行有异响', compoundCode: 'C001' });
    const client = await connect({ username: 'resident01', autoPong: false });
    client.send({ type: 'subscribe', id: 'c', topic: 'case', caseId: filed.id });
    await client.next('case.entries');
    const started = Date.now();
    const closed = await client.closed;
    expect(closed.code).toBe(1006); // terminated, no close frame: the peer is presumed gone
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('closes a connection with no subscription after the idle timeout, with 4408', async () => {
    const client = await connect({ username: 'resident01' });
    const started = Date.now();
    expect((await client.closed).code).toBe(liveCloseCodes.idle);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('closes a signed-in connection with 4401 within a heartbeat of its account being disabled', async () => {
    const client = await connect({ username: 'street02' });
    client.send({ type: 'subscribe', id: 'todo', topic: 'inbox' });
    await client.next('subscribed');

    const street02 = await app.actor('street02');
    const disabled = await app.server.request('POST', `/api/v1/accounts/${street02.id}/disable`, { token: await app.token('admin'), body: { reason: '调离' } });
    expect(disabled.status).toBe(200);
    expect((await client.closed).code).toBe(liveCloseCodes.unauthenticated);
  });
});

describe('a client that does not read', () => {
  // Its own hub with a slow heartbeat: a paused client answers no ping either, and must be dropped
  // here for what it leaves unread, not for that.
  let busy: TestApp;
  let busyLive: LiveTestApp;
  beforeAll(async () => {
    busy = await startTestApp({ label: 'live_slow' });
    busyLive = attachLive(busy, { limits: { heartbeatMs: 600_000, maxBufferedBytes: 64 * 1024, maxMessagesPer10s: 10_000, maxSubscriptionsPerConnection: 1_000 } });
  });
  afterAll(async () => {
    await busyLive.close();
    await busy.close();
  });

  it('is dropped once its unread data passes the limit, and the server keeps serving others', async () => {
    const app = busy;
    const live = busyLive;
    const connect = async (options: { username: string }) => {
      const client = await connectLive(live.url, { token: await app.token(options.username) });
      clients.push(client);
      return client;
    };
    const filed = await file(app, 'resident02', { subcategoryCode: '05.01', description: '电梯运行有异响', compoundCode: 'C001' });
    // A long timeline (about 80 KB): each new subscription to it is sent all of it.
    for (let index = 0; index < 40; index++) await act(app, 'member0101', filed.id, 'progress', { note: `进展${index + 1}：${'已联系维保单位到场检查，'.repeat(60)}` });
    const slow = await connect({ username: 'resident02' });
    const before = live.hub.stats().connections;
    const socket = (slow.socket as unknown as { _socket: Socket })._socket;
    socket.pause();
    for (let index = 0; index < 300; index++) slow.send({ type: 'subscribe', id: `s${index}`, topic: 'case', caseId: filed.id });
    const deadline = Date.now() + 40_000;
    while (live.hub.stats().connections === before && Date.now() < deadline) await sleep(50);
    expect(live.hub.stats().connections).toBe(before - 1);
    socket.resume();
    expect((await slow.closed).code).not.toBe(1000);

    const other = await connect({ username: 'resident01' });
    other.send({ type: 'ping' });
    await other.next('pong');
  }, 60_000);
});
