import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { stateFromOurs, type HotlineMapping } from '../../shared/hotline/mappings';
import { stateAfterCall } from '../../shared/hotline/lifecycle';
import type { HotlineAction, HotlineActionKind, HotlineChannel, WorkOrderInput } from '../../shared/hotline/work-order';
import type { CentreNoticeInput, HotlineDialect } from './dialect';
import { dialect12319 } from './dialect-12319';
import { dialect12345 } from './dialect-12345';
import { signatureHeaders, signRequest, verifyRequest } from './signature';

export const hotlineDialects: Record<HotlineChannel, HotlineDialect> = { '12345': dialect12345, '12319': dialect12319 };

/** One request the fake received from us, failed ones included. */
export interface FakeCentreCall {
  channel: HotlineChannel;
  method: string;
  path: string;
  /** The order, and our action translated back, for action calls. */
  number?: string;
  action?: HotlineAction;
  /** Our idempotency key of the call. */
  key?: string;
  body: unknown;
  /** Whether our signature held. */
  signed: boolean;
  /** The status the fake answered. */
  status: number;
  at: Date;
}

/** A webhook the fake sent us, and our answer. */
export interface FakeWebhook {
  channel: HotlineChannel;
  body: string;
  headers: Record<string, string>;
  status: number;
  answer: unknown;
}

/** A one-shot failure of the next matching request: an HTTP error, or an answer held past our timeout. */
export type FakeCentreFailure = { httpStatus: number } | { delayMs: number };
export type FakeEndpoint = 'list' | 'notices' | 'order' | 'action' | 'day';

export interface FakeCentre {
  url: string;
  /** Every call we made, oldest first. */
  calls: FakeCentreCall[];
  /** Actions the fake accepted, once per idempotency key (a repeat is answered but not counted again). */
  accepted: { channel: HotlineChannel; number: string; action: HotlineAction; key: string }[];
  /** Every webhook the fake sent, oldest first. */
  webhooks: FakeWebhook[];
  /** Where the fake sends its webhooks: our server's base URL. */
  connect(ourBaseUrl: string): void;
  /** Adds an order to the channel's queue of new orders (pulled by us), answering its number. */
  add(order: WorkOrderInput): string;
  /** The channel's state code of an order, as the centre sees it. */
  stateOf(channel: HotlineChannel, number: string): string | undefined;
  /** Pushes an order to our webhook (`times` deliveries of the same order, each freshly signed). */
  push(order: WorkOrderInput, options?: { times?: number }): Promise<FakeWebhook[]>;
  /** Pushes several orders, in the order given (tests pass them shuffled: out of order). */
  pushAll(orders: WorkOrderInput[]): Promise<FakeWebhook[]>;
  /** Queues a notice for pulling (the centre lists it among its new notices). */
  queueNotice(channel: HotlineChannel, notice: CentreNoticeInput): void;
  /** Pushes a notice (催办, 回访, 重办, 延期答复) in the channel's vocabulary. */
  notify(channel: HotlineChannel, notice: CentreNoticeInput): Promise<FakeWebhook>;
  /** Sends a webhook again exactly as it was (same nonce, timestamp and signature): a replay. */
  replay(webhook: FakeWebhook): Promise<FakeWebhook>;
  /** Sends a raw webhook body with headers the test shapes (bad signature, stale timestamp …). */
  send(channel: HotlineChannel, body: string, headers: Record<string, string>): Promise<FakeWebhook>;
  /** Signs a webhook body as the centre would, at `at`. */
  sign(channel: HotlineChannel, body: string, at: Date, nonce?: string): Record<string, string>;
  failNext(channel: HotlineChannel, endpoint: FakeEndpoint, failure: FakeCentreFailure): void;
  close(): Promise<void>;
}

export interface FakeCentreOptions {
  secrets: Record<HotlineChannel, string>;
  mapping: HotlineMapping;
  now: () => Date;
  port?: number;
}

interface StoredOrder {
  input: WorkOrderInput;
  stateCode: string;
}

/**
 * A fake hotline centre on 127.0.0.1 speaking both channels' interfaces: the pull endpoints (new
 * orders page by page with a cursor, one order, a day's list), the action endpoints (签收, 退回, 延期,
 * 答复; our signature checked, a repeat of the same key accepted once), and webhooks to our server
 * (orders and notices, signed; twice, out of order, replayed, tampered). Records every call, and
 * fails, or holds an answer past our timeout, on demand. Used by tests and, without hotline
 * credentials outside production, by `npm start` with its development page.
 */
export async function startFakeHotlineCentre(options: FakeCentreOptions): Promise<FakeCentre> {
  const { secrets, mapping, now } = options;
  const calls: FakeCentreCall[] = [];
  const accepted: FakeCentre['accepted'] = [];
  const webhooks: FakeWebhook[] = [];
  const orders: Record<HotlineChannel, Map<string, StoredOrder>> = { '12345': new Map(), '12319': new Map() };
  const queues: Record<HotlineChannel, string[]> = { '12345': [], '12319': [] };
  const noticeQueues: Record<HotlineChannel, unknown[]> = { '12345': [], '12319': [] };
  const failures = new Map<string, FakeCentreFailure[]>();
  const acceptedKeys = new Set<string>();
  let ourBase: string | undefined;

  const localDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = `${url.pathname}${url.search}`;
    const channel = (url.pathname.split('/')[2] ?? '') as HotlineChannel;
    const dialect = hotlineDialects[channel];
    const record: FakeCentreCall = { channel, method: req.method ?? 'GET', path, body: parseJson(body), signed: false, status: 200, at: now() };
    calls.push(record);
    const answer = (status: number, payload: unknown) => {
      record.status = status;
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(payload));
    };
    if (!dialect) return answer(404, { error: 'unknown channel' });
    const verdict = verifyRequest(secrets[channel], req.headers, `${record.method} ${path}\n${body}`, now());
    record.signed = verdict.ok;
    if (!verdict.ok) return answer(401, { error: `signature: ${verdict.reason}` });

    const route = routeOf(dialect, url.pathname, record.method);
    if (!route) return answer(404, { error: 'no such endpoint' });
    const failure = failures.get(`${channel}:${route.endpoint}`)?.shift();
    if (failure && 'httpStatus' in failure) return answer(failure.httpStatus, { error: 'injected failure' });
    if (failure) await new Promise((resolve) => setTimeout(resolve, failure.delayMs));

    switch (route.endpoint) {
      case 'list': {
        const queue = queues[channel];
        const from = Number(url.searchParams.get('cursor') ?? url.searchParams.get('after') ?? 0);
        const limit = Number(url.searchParams.get('size') ?? url.searchParams.get('limit') ?? 20);
        const numbers = queue.slice(from, from + limit);
        const next = from + numbers.length;
        return answer(200, dialect.pageToWire({ numbers, nextCursor: numbers.length ? String(next) : from ? String(from) : null }));
      }
      case 'notices': {
        const queue = noticeQueues[channel];
        const from = Number(url.searchParams.get('cursor') ?? url.searchParams.get('after') ?? 0);
        const limit = Number(url.searchParams.get('size') ?? url.searchParams.get('limit') ?? 20);
        const items = queue.slice(from, from + limit);
        return answer(200, dialect.pageToWireItems({ items, nextCursor: items.length ? String(from + items.length) : from ? String(from) : null }));
      }
      case 'order': {
        const stored = orders[channel].get(route.number!);
        return stored ? answer(200, dialect.orderToWire(stored.input)) : answer(404, { error: 'no such order' });
      }
      case 'day': {
        const rows = [...orders[channel].entries()].filter(([, o]) => localDay(new Date(o.input.receivedAt as string | Date)) === route.day).map(([number, o]) => ({ number, stateCode: o.stateCode }));
        return answer(200, dialect.dayToWire(rows));
      }
      case 'action': {
        const stored = orders[channel].get(route.number!);
        if (!stored) return answer(404, { error: 'no such order' });
        const action = dialect.actionFromWire(route.kind!, record.body);
        const key = String(req.headers['idempotency-key'] ?? '');
        Object.assign(record, { number: route.number, action, key });
        if (!acceptedKeys.has(key)) {
          acceptedKeys.add(key);
          accepted.push({ channel, number: route.number!, action, key });
          stored.stateCode = stateFromOurs(mapping, channel, stateAfterCall(action)) ?? stored.stateCode;
        }
        return answer(200, { ok: true });
      }
    }
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const sign = (channel: HotlineChannel, body: string, at: Date, nonce?: string) => {
    const signed = signRequest(secrets[channel], body, at, nonce);
    return { [signatureHeaders.timestamp]: signed.timestamp, [signatureHeaders.nonce]: signed.nonce, [signatureHeaders.signature]: signed.signature };
  };

  async function send(channel: HotlineChannel, body: string, headers: Record<string, string>): Promise<FakeWebhook> {
    if (!ourBase) throw new Error('the fake centre is not connected to a server');
    const response = await fetch(`${ourBase}/api/v1/hotline/${channel}/webhook`, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body });
    const text = await response.text();
    const hook = { channel, body, headers, status: response.status, answer: parseJson(text) };
    webhooks.push(hook);
    return hook;
  }

  const store = (order: WorkOrderInput) => {
    const channel = order.channel;
    if (!orders[channel].has(order.number)) orders[channel].set(order.number, { input: order, stateCode: stateFromOurs(mapping, channel, 'sent') ?? '' });
    return orders[channel].get(order.number)!;
  };
  const pushOne = (order: WorkOrderInput) => {
    store(order);
    const body = JSON.stringify({ event: 'order', order: hotlineDialects[order.channel].orderToWire(order) });
    return send(order.channel, body, sign(order.channel, body, now()));
  };

  return {
    url,
    calls,
    accepted,
    webhooks,
    connect(base) {
      ourBase = base;
    },
    add(order) {
      store(order);
      queues[order.channel].push(order.number);
      return order.number;
    },
    stateOf: (channel, number) => orders[channel].get(number)?.stateCode,
    queueNotice(channel, notice) {
      noticeQueues[channel].push(hotlineDialects[channel].noticeToWire(notice));
    },
    async push(order, pushOptions = {}) {
      const sent: FakeWebhook[] = [];
      for (let i = 0; i < (pushOptions.times ?? 1); i += 1) sent.push(await pushOne(order));
      return sent;
    },
    async pushAll(list) {
      const sent: FakeWebhook[] = [];
      for (const order of list) sent.push(await pushOne(order));
      return sent;
    },
    notify(channel, notice) {
      const body = JSON.stringify({ event: 'notice', notice: hotlineDialects[channel].noticeToWire(notice) });
      return send(channel, body, sign(channel, body, now()));
    },
    replay: (webhook) => send(webhook.channel, webhook.body, webhook.headers),
    send,
    sign,
    failNext(channel, endpoint, failure) {
      const key = `${channel}:${endpoint}`;
      failures.set(key, [...(failures.get(key) ?? []), failure]);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function routeOf(dialect: HotlineDialect, pathname: string, method: string): { endpoint: FakeEndpoint; number?: string; kind?: HotlineActionKind; day?: string } | undefined {
  const parts = pathname.split('/').map(decodeURIComponent);
  // /api/<channel>/<collection>/<…>
  const [, , , , a, b] = parts;
  if (method === 'GET' && (a === 'new' || a === 'pending') && b === undefined) return { endpoint: parts[3] === 'tz' || parts[3] === 'notices' ? 'notices' : 'list' };
  if (method === 'GET' && a === 'day' && b) return { endpoint: 'day', day: b };
  if (method === 'GET' && a && b === undefined) return { endpoint: 'order', number: a };
  if (method === 'POST' && a && b && dialect.actionKinds[b]) return { endpoint: 'action', number: a, kind: dialect.actionKinds[b] };
  return undefined;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

