import { liveCloseCodes, type LiveClientMessage, type LiveServerMessage, type TimelineEntryView } from '../api/live';
import type { CaseSummary } from '../api/cases';

/**
 * The app's side of the live channel, the same on the mini-program and on H5: the platform gives
 * it a socket (`Taro.connectSocket` there, `ws` in tests) and a timer, and it keeps the rest —
 * signing in, resubscribing after a drop with the last sequence number seen per subscription,
 * backoff with jitter between attempts, a heartbeat that notices a dead connection, and dropping
 * anything already seen, so a page hears each step once and in order.
 */
export interface LiveSocket {
  send(text: string): void;
  close(code?: number, reason?: string): void;
  onOpen(listener: () => void): void;
  onMessage(listener: (text: string) => void): void;
  /** Called once when the socket ends, however it ends (a failed connect included). */
  onClose(listener: (code: number) => void): void;
}

export interface LiveClientPlatform {
  openSocket(url: string): LiveSocket;
  setTimer(run: () => void, ms: number): () => void;
  random(): number;
  now(): number;
}

export interface LiveClientOptions {
  url: string;
  /** The API token, read at each (re)connection; undefined: public views only. */
  token: () => string | undefined;
  /** The server refused the token (4401): the app signs in again, then calls `reconnect()`. */
  onSignedOut?: () => void;
  /** Connection state, for a "实时更新已连接 / 正在重连" hint on the page. */
  onState?: (state: 'connecting' | 'live' | 'waiting' | 'signed_out' | 'stopped') => void;
  /** First retry after this long, doubling up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A ping this often; no message at all for twice as long means the connection is dead. */
  heartbeatMs?: number;
}

type CaseHandler = (update: { entries: TimelineEntryView[]; status: string; statusLabel: string; version: number; view: 'full' | 'public' }) => void;
type ListHandler = (update: { type: 'summary'; caseId: string; summary: CaseSummary } | { type: 'left'; caseId: string }) => void;

interface CaseWatch {
  topic: 'case';
  caseId: string;
  lastSeq: number;
  handler: CaseHandler;
}
interface MessagesWatch {
  topic: 'messages';
  handler: (unread: number) => void;
}
interface ListWatch {
  topic: 'mine' | 'inbox';
  seqByCase: Record<string, number>;
  handler: ListHandler;
}

/** The delay before reconnection attempt `attempt` (0-based): exponential with equal jitter. */
export function reconnectDelay(attempt: number, random: number, baseMs = 1_000, maxMs = 30_000): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 16));
  return Math.round(ceiling / 2 + (random * ceiling) / 2);
}

export function createLiveClient(platform: LiveClientPlatform, options: LiveClientOptions) {
  const heartbeatMs = options.heartbeatMs ?? 25_000;
  const watches = new Map<string, CaseWatch | ListWatch | MessagesWatch>();
  let socket: LiveSocket | undefined;
  let open = false;
  /** Signed in (or known to be anonymous): subscriptions may be sent. */
  let ready = false;
  let attempt = 0;
  let stopped = false;
  let signedOut = false;
  let lastHeard = 0;
  let cancelTimer: (() => void) | undefined;
  let cancelHeartbeat: (() => void) | undefined;

  const send = (message: LiveClientMessage) => {
    if (socket && open) socket.send(JSON.stringify(message));
  };
  /** Subscriptions wait for `ready`, which resubscribes everything watched. */
  const sendWhenReady = (message: LiveClientMessage) => {
    if (ready) send(message);
  };

  const subscribeMessage = (id: string, watch: CaseWatch | ListWatch | MessagesWatch): LiveClientMessage =>
    watch.topic === 'case'
      ? { type: 'subscribe', id, topic: 'case', caseId: watch.caseId, after: watch.lastSeq }
      : watch.topic === 'messages'
        ? { type: 'subscribe', id, topic: 'messages' }
        : { type: 'subscribe', id, topic: watch.topic, after: { ...watch.seqByCase } };

  function receive(text: string): void {
    lastHeard = platform.now();
    let message: LiveServerMessage;
    try {
      message = JSON.parse(text) as LiveServerMessage;
    } catch {
      return;
    }
    if (message.type === 'ready') {
      ready = true;
      attempt = 0;
      options.onState?.('live');
      for (const [id, watch] of watches) send(subscribeMessage(id, watch));
      return;
    }
    if (message.type === 'case.entries') {
      const watch = watches.get(message.id);
      if (watch?.topic !== 'case') return;
      const fresh = message.entries.filter((entry) => entry.seq > watch.lastSeq);
      if (fresh.length === 0) return;
      watch.lastSeq = fresh.at(-1)!.seq;
      watch.handler({ entries: fresh, status: message.status, statusLabel: message.statusLabel, version: message.version, view: message.view });
      return;
    }
    if (message.type === 'messages.unread') {
      const watch = watches.get(message.id);
      if (watch?.topic === 'messages') watch.handler(message.unread);
      return;
    }
    if (message.type === 'case.summary' || message.type === 'case.left') {
      const watch = watches.get(message.id);
      if (!watch || watch.topic === 'case' || watch.topic === 'messages') return;
      if (message.type === 'case.left') {
        delete watch.seqByCase[message.caseId];
        watch.handler({ type: 'left', caseId: message.caseId });
      } else if ((watch.seqByCase[message.caseId] ?? -1) < message.seq) {
        watch.seqByCase[message.caseId] = message.seq;
        watch.handler({ type: 'summary', caseId: message.caseId, summary: message.summary });
      }
    }
  }

  function heartbeat(): void {
    cancelHeartbeat = platform.setTimer(() => {
      if (!socket || !open) return;
      if (platform.now() - lastHeard > heartbeatMs * 2) {
        socket.close(4000, 'heartbeat lost');
        return;
      }
      send({ type: 'ping' });
      heartbeat();
    }, heartbeatMs);
  }

  function connect(): void {
    if (stopped || signedOut) return;
    options.onState?.('connecting');
    const current = platform.openSocket(options.url);
    socket = current;
    open = false;
    current.onOpen(() => {
      if (socket !== current) return;
      open = true;
      lastHeard = platform.now();
      heartbeat();
      const token = options.token();
      if (token) send({ type: 'auth', token });
      else receive(JSON.stringify({ type: 'ready', accountId: null, role: null }));
    });
    current.onMessage((text) => {
      if (socket === current) receive(text);
    });
    current.onClose((code) => {
      if (socket !== current) return;
      socket = undefined;
      open = false;
      ready = false;
      cancelHeartbeat?.();
      if (stopped) return;
      if (code === liveCloseCodes.unauthenticated) {
        signedOut = true;
        options.onState?.('signed_out');
        options.onSignedOut?.();
        return;
      }
      options.onState?.('waiting');
      cancelTimer = platform.setTimer(connect, reconnectDelay(attempt++, platform.random(), options.baseDelayMs, options.maxDelayMs));
    });
  }

  return {
    /** Follows one case; `after` is the last step the page already shows (0: send them all). */
    watchCase(id: string, caseId: string, after: number, handler: CaseHandler): () => void {
      const watch: CaseWatch = { topic: 'case', caseId, lastSeq: after, handler };
      watches.set(id, watch);
      sendWhenReady(subscribeMessage(id, watch));
      return () => this.unwatch(id);
    },
    /** Follows "my cases" or a staff inbox; `held` is what the page shows already (case id → last step). */
    watchList(id: string, topic: 'mine' | 'inbox', held: Record<string, number>, handler: ListHandler): () => void {
      const watch: ListWatch = { topic, seqByCase: { ...held }, handler };
      watches.set(id, watch);
      sendWhenReady(subscribeMessage(id, watch));
      return () => this.unwatch(id);
    },
    /** The unread count of my in-app messages: now, and whenever new ones land. */
    watchMessages(id: string, handler: (unread: number) => void): () => void {
      const watch: MessagesWatch = { topic: 'messages', handler };
      watches.set(id, watch);
      sendWhenReady(subscribeMessage(id, watch));
      return () => this.unwatch(id);
    },
    unwatch(id: string): void {
      if (watches.delete(id)) sendWhenReady({ type: 'unsubscribe', id });
    },
    start(): void {
      stopped = false;
      if (!socket) connect();
    },
    /** After signing in again (or out): a fresh connection with the current token. */
    reconnect(): void {
      signedOut = false;
      attempt = 0;
      cancelTimer?.();
      if (socket) socket.close(1000, 'reconnect');
      else connect();
    },
    stop(): void {
      stopped = true;
      cancelTimer?.();
      cancelHeartbeat?.();
      socket?.close(1000, 'stopped');
      socket = undefined;
      options.onState?.('stopped');
    },
  };
}

export type LiveClient = ReturnType<typeof createLiveClient>;
