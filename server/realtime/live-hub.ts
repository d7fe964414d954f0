import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { liveClientMessageSchema, liveCloseCodes, livePath, type LiveClientMessage, type LiveServerMessage } from '../../shared/api/live';
import type { Actor } from '../../shared/domain/roles';
import type { EventBus } from '../commands/ports';
import type { UseCases } from '../commands/use-cases';
import type { TokenConfig } from '../auth/tokens';
import { defaultLive } from '../config';
import { AppError } from '../errors';
import { actorForToken } from '../http/auth';
import { createCaseFeed, type ListSubscription, type Subscriber, type Subscription } from './case-feed';
import { createInboxFeed, type MessagesSubscription } from './inbox-feed';

/** The live channel's limits (`LIVE_*` in config; see `defaultLive` there for the reasons). */
export type LiveLimits = typeof defaultLive;

/** Client messages are small (`after` cursors at most); anything larger is refused by ws itself. */
const maxMessageBytes = 64 * 1024;

export interface LiveHubDeps {
  useCases: UseCases;
  bus: EventBus;
  jwt: TokenConfig;
  logger: Logger;
  now: () => Date;
  limits?: Partial<LiveLimits>;
  trustProxy?: boolean;
}

interface Connection extends Subscriber {
  actor: Actor | undefined;
  socket: WebSocket;
  address: string;
  token?: string;
  subscriptions: Map<string, Subscription | MessagesSubscription>;
  answeredPing: boolean;
  quietSince: number;
  window: { startedAt: number; count: number };
  /** Client messages run one after another, so `auth` is done before the `subscribe` behind it. */
  queue: Promise<void>;
}

export interface LiveHub {
  /** Takes the WebSocket upgrades of `livePath` on this HTTP server; other upgrade paths get 404. */
  attach(server: Server): void;
  /** Closes every connection (1001, reconnect elsewhere) and stops listening to the bus. */
  close(): Promise<void>;
  stats(): { connections: number; subscriptions: number };
}

/**
 * The live channel: a WebSocket endpoint beside the API. The bus says which case moved; the case
 * feed reads it and sends each subscription what its account may see. The token is the API's,
 * and the account behind it is read again on every subscribe and every heartbeat, so a disabled
 * account or a changed role counts within one heartbeat.
 */
export function createLiveHub(deps: LiveHubDeps): LiveHub {
  const limits = { ...defaultLive, ...deps.limits };
  const { logger } = deps;
  const feed = createCaseFeed(deps.useCases, deps.now, (error, caseId) => logger.error({ err: error, caseId }, '实时推送失败'));
  const sockets = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes, perMessageDeflate: false });
  const connections = new Set<Connection>();
  const perAccount = new Map<string, number>();
  const perAddress = new Map<string, number>();
  const attached = new Set<Server>();

  const inboxFeed = createInboxFeed(deps.useCases, (error) => logger.error({ err: error }, '未读数推送失败'));
  const unsubscribeBus = deps.bus.subscribe((event) => {
    if (event.type === 'case.changed') feed.changed(event.caseId, event.seq, event.record);
    else inboxFeed.changed(event.inboxes);
  });

  const count = (map: Map<string, number>, key: string, delta: number) => {
    const next = (map.get(key) ?? 0) + delta;
    if (next <= 0) map.delete(key);
    else map.set(key, next);
  };

  function send(connection: Connection, message: LiveServerMessage): void {
    sendEncoded(connection, Buffer.from(JSON.stringify(message)));
  }

  function sendEncoded(connection: Connection, text: Buffer): void {
    const { socket } = connection;
    if (socket.readyState !== WebSocket.OPEN) return;
    if (socket.bufferedAmount > limits.maxBufferedBytes) {
      logger.warn({ accountId: connection.actor?.id, buffered: socket.bufferedAmount }, '实时连接读取过慢，已断开');
      closeConnection(connection, liveCloseCodes.tooSlow, '接收过慢，请重新连接');
      return;
    }
    socket.send(text, { binary: false });
  }

  function closeConnection(connection: Connection, code: number, reason: string): void {
    const { socket } = connection;
    if (socket.readyState === WebSocket.CLOSED) return;
    socket.close(code, reason);
    // A peer that never answers the close handshake (or cannot, being too slow) is cut.
    setTimeout(() => socket.terminate(), 2_000).unref();
  }

  const refuse = (connection: Connection, error: { code: string; message: string; fields?: Record<string, string[]> }, id?: string) =>
    send(connection, { type: 'error', ...(id ? { id } : {}), code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) });

  const removeSubscription = (subscription: Subscription | MessagesSubscription) =>
    subscription.topic === 'messages' ? inboxFeed.remove(subscription) : feed.remove(subscription);

  function dropSubscriptions(connection: Connection): void {
    for (const subscription of connection.subscriptions.values()) removeSubscription(subscription);
    connection.subscriptions.clear();
  }

  async function authenticate(connection: Connection, token: string): Promise<void> {
    const actor = await actorForToken(token, deps.jwt, deps.useCases.accountAdmin.identities);
    if (connection.actor?.id !== actor.id) {
      if ((perAccount.get(actor.id) ?? 0) >= limits.maxConnectionsPerAccount) {
        throw new AppError('live.too_many_connections', `同一账号最多同时保持 ${limits.maxConnectionsPerAccount} 个实时连接`, 429);
      }
      // Signing in as someone else ends what the previous account had subscribed.
      dropSubscriptions(connection);
      if (connection.actor) count(perAccount, connection.actor.id, -1);
      else count(perAddress, connection.address, -1);
      count(perAccount, actor.id, 1);
    }
    connection.actor = actor;
    connection.token = token;
  }

  /** Reads the account again; a refusal closes the connection (the app signs in again). */
  async function recheck(connection: Connection): Promise<boolean> {
    if (!connection.token) return true;
    try {
      const actor = await actorForToken(connection.token, deps.jwt, deps.useCases.accountAdmin.identities);
      const changed = JSON.stringify(actor) !== JSON.stringify(connection.actor);
      connection.actor = actor;
      if (changed) {
        for (const subscription of connection.subscriptions.values()) {
          if (subscription.topic === 'messages') await inboxFeed.moved(subscription, actor);
          if (subscription.topic !== 'inbox') continue;
          try {
            subscription.scope = deps.useCases.live.inboxScope(actor);
          } catch (error) {
            removeSubscription(subscription);
            connection.subscriptions.delete(subscription.id);
            refuse(connection, asRefusal(error), subscription.id);
          }
        }
      }
      return true;
    } catch (error) {
      const refusal = asRefusal(error);
      closeConnection(connection, liveCloseCodes.unauthenticated, refusal.code);
      return false;
    }
  }

  async function subscribe(connection: Connection, message: Extract<LiveClientMessage, { type: 'subscribe' }>): Promise<void> {
    const existing = connection.subscriptions.get(message.id);
    if (!existing && connection.subscriptions.size >= limits.maxSubscriptionsPerConnection) {
      throw new AppError('live.too_many_subscriptions', `每个连接最多 ${limits.maxSubscriptionsPerConnection} 个订阅`, 429);
    }
    if (!(await recheck(connection))) return;
    if (existing) {
      removeSubscription(existing);
      connection.subscriptions.delete(message.id);
    }
    if (message.topic === 'case') {
      const record = await deps.useCases.cases.load(message.caseId); // 404 for an unknown case, before subscribing
      const subscription = { topic: 'case' as const, id: message.id, subscriber: connection, caseId: message.caseId, lastSeq: message.after ?? 0 };
      connection.subscriptions.set(message.id, subscription);
      send(connection, { type: 'subscribed', id: message.id, topic: 'case' });
      feed.addCase(subscription, record);
      return;
    }
    const actor = connection.actor;
    if (!actor) throw new AppError('auth.required', '请先登录', 401);
    if (message.topic === 'messages') {
      const subscription: MessagesSubscription = { topic: 'messages', id: message.id, subscriber: connection, inboxes: [] };
      connection.subscriptions.set(message.id, subscription);
      send(connection, { type: 'subscribed', id: message.id, topic: 'messages' });
      await inboxFeed.add(subscription, actor);
      return;
    }
    const subscription: ListSubscription = {
      topic: message.topic,
      id: message.id,
      subscriber: connection,
      seqByCase: new Map(Object.entries(message.after ?? {})),
      ...(message.topic === 'inbox' ? { scope: deps.useCases.live.inboxScope(actor) } : {}),
    };
    connection.subscriptions.set(message.id, subscription);
    send(connection, { type: 'subscribed', id: message.id, topic: message.topic });
    await feed.addList(subscription, actor);
  }

  async function handle(connection: Connection, message: LiveClientMessage): Promise<void> {
    switch (message.type) {
      case 'auth':
        await authenticate(connection, message.token);
        send(connection, { type: 'ready', accountId: connection.actor?.id ?? null, role: connection.actor?.role ?? null });
        return;
      case 'subscribe':
        await subscribe(connection, message);
        return;
      case 'unsubscribe': {
        const subscription = connection.subscriptions.get(message.id);
        if (subscription) removeSubscription(subscription);
        connection.subscriptions.delete(message.id);
        send(connection, { type: 'unsubscribed', id: message.id });
        return;
      }
      case 'ping':
        send(connection, { type: 'pong' });
        return;
    }
  }

  function receive(connection: Connection, data: RawData, isBinary: boolean): void {
    const at = Date.now();
    connection.answeredPing = true;
    connection.quietSince = at;
    if (at - connection.window.startedAt >= 10_000) connection.window = { startedAt: at, count: 0 };
    if (++connection.window.count > limits.maxMessagesPer10s) {
      refuse(connection, { code: 'live.rate_limited', message: '消息过于频繁，请稍后再试' });
      return;
    }
    let json: unknown;
    try {
      if (isBinary) throw new Error('binary');
      json = JSON.parse(data.toString());
    } catch {
      refuse(connection, { code: 'live.invalid_message', message: '消息须为 JSON 文本' });
      return;
    }
    const parsed = liveClientMessageSchema.safeParse(json);
    if (!parsed.success) {
      const fields: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) (fields[issue.path.join('.') || '(message)'] ??= []).push(issue.message);
      refuse(connection, { code: 'live.invalid_message', message: '消息格式不正确', fields }, idOf(json));
      return;
    }
    const message = parsed.data;
    connection.queue = connection.queue
      .then(() => handle(connection, message))
      .catch((error: unknown) => {
        const refusal = asRefusal(error);
        if (!(error instanceof AppError)) logger.error({ err: error }, '实时连接处理消息失败');
        refuse(connection, refusal, 'id' in message ? message.id : undefined);
        if (refusal.code === 'live.too_many_connections') closeConnection(connection, liveCloseCodes.tooManyConnections, refusal.code);
        else if (message.type === 'auth') closeConnection(connection, liveCloseCodes.unauthenticated, refusal.code);
      });
  }

  function accept(socket: WebSocket, request: IncomingMessage): void {
    const address = clientAddress(request, deps.trustProxy ?? false);
    const connection: Connection = {
      actor: undefined,
      socket,
      address,
      subscriptions: new Map(),
      answeredPing: true,
      quietSince: Date.now(),
      window: { startedAt: Date.now(), count: 0 },
      queue: Promise.resolve(),
      send: (message) => send(connection, message),
      sendEncoded: (text) => sendEncoded(connection, text),
    };
    connections.add(connection);
    count(perAddress, address, 1);
    socket.on('message', (data, isBinary) => receive(connection, data, isBinary));
    socket.on('pong', () => (connection.answeredPing = true));
    socket.on('error', (error) => logger.debug({ err: error }, '实时连接出错'));
    socket.on('close', () => {
      connections.delete(connection);
      dropSubscriptions(connection);
      if (connection.actor) count(perAccount, connection.actor.id, -1);
      else count(perAddress, address, -1);
    });
  }

  function upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = (request.url ?? '').split('?')[0];
    if (path !== livePath) {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    const address = clientAddress(request, deps.trustProxy ?? false);
    if ((perAddress.get(address) ?? 0) >= limits.maxAnonymousPerAddress) {
      socket.end('HTTP/1.1 429 Too Many Requests\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => accept(ws, request));
  }

  const heartbeat = setInterval(() => {
    const at = Date.now();
    for (const connection of connections) {
      if (!connection.answeredPing) {
        connection.socket.terminate();
        continue;
      }
      if (connection.subscriptions.size === 0 && at - connection.quietSince >= limits.idleTimeoutMs) {
        closeConnection(connection, liveCloseCodes.idle, '长时间没有订阅，连接已关闭');
        continue;
      }
      connection.answeredPing = false;
      connection.socket.ping();
      void recheck(connection);
    }
  }, limits.heartbeatMs);
  heartbeat.unref();

  return {
    attach(server) {
      attached.add(server);
      server.on('upgrade', upgrade);
    },
    async close() {
      clearInterval(heartbeat);
      unsubscribeBus();
      for (const server of attached) server.off('upgrade', upgrade);
      for (const connection of connections) closeConnection(connection, liveCloseCodes.goingAway, '服务器正在停止');
      await feed.settled();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      for (const connection of connections) connection.socket.terminate();
    },
    stats: () => ({ connections: connections.size, subscriptions: feed.size }),
  };
}

function asRefusal(error: unknown): { code: string; message: string; fields?: Record<string, string[]> } {
  if (error instanceof AppError) {
    const fields = (error.details as { fields?: Record<string, string[]> } | undefined)?.fields;
    return { code: error.code, message: error.message, ...(fields ? { fields } : {}) };
  }
  return { code: 'internal', message: '服务器内部错误，请稍后重试' };
}

/** The subscription id of a refused message, when it has a readable one, so the app can pair the error. */
function idOf(json: unknown): string | undefined {
  const id = json && typeof json === 'object' ? (json as { id?: unknown }).id : undefined;
  return typeof id === 'string' && /^[A-Za-z0-9_.:-]{1,40}$/.test(id) ? id : undefined;
}

function clientAddress(request: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? request.headers['x-forwarded-for'] : undefined;
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first || request.socket.remoteAddress || 'unknown';
}
