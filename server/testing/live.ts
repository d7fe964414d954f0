import WebSocket from 'ws';
import { livePath, type LiveServerMessage } from '../../shared/api/live';
import type { EventBus } from '../commands/ports';
import type { LiveLimits } from '../realtime/live-hub';
import { createLiveHub, type LiveHub } from '../realtime/live-hub';
import { inProcessEventBus } from '../realtime/in-process-bus';
import type { JobRunner } from '../jobs/runner';
import { createEffectRunner, publishHintsOnWrite } from '../wiring';
import type { TestApp } from './app';
import { testLogger } from './logger';

/** A test app with its live channel attached, and the job runner that publishes on the same bus. */
export interface LiveTestApp {
  hub: LiveHub;
  bus: EventBus;
  runner: JobRunner;
  /** `ws://127.0.0.1:PORT/api/v1/live` */
  url: string;
  /** Runs every effect so far: the publish jobs reach the hub through the bus. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

export function attachLive(app: TestApp, options: { limits?: Partial<LiveLimits>; bus?: EventBus; hints?: boolean } = {}): LiveTestApp {
  const bus = options.bus ?? inProcessEventBus();
  const hub = createLiveHub({ useCases: app.deps.useCases, bus, jwt: app.deps.config.jwt, logger: testLogger, now: app.clock.now, limits: options.limits });
  hub.attach(app.server.httpServer);
  const quiet = { info: () => {}, error: () => {} };
  // Without hints, a step reaches the hub only through its publish job: tests then see that path.
  const stopHints = options.hints ? publishHintsOnWrite(app.database, bus, () => {}) : () => {};
  const runner = createEffectRunner(app.database, app.reference, app.clock.now, quiet, { bus, random: () => 0.5 });
  return {
    hub,
    bus,
    runner,
    url: app.server.url.replace(/^http/, 'ws') + livePath,
    drain: async () => {
      await runner.drain();
    },
    close: async () => {
      stopHints();
      await hub.close();
    },
  };
}

/** A live client as a test drives it: every message kept, read in order with `next`. */
export interface LiveTestClient {
  socket: WebSocket;
  received: LiveServerMessage[];
  send(message: unknown): void;
  /** The next unread message that matches (others before it are skipped); fails after `timeoutMs`. */
  next<T extends LiveServerMessage['type']>(type: T, match?: (message: Extract<LiveServerMessage, { type: T }>) => boolean, timeoutMs?: number): Promise<Extract<LiveServerMessage, { type: T }>>;
  /** Messages of `type` received so far. */
  all<T extends LiveServerMessage['type']>(type: T): Extract<LiveServerMessage, { type: T }>[];
  /** Waits until no message arrives for `quietMs`. */
  quiet(quietMs?: number): Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

export async function connectLive(url: string, options: { token?: string; autoPong?: boolean } = {}): Promise<LiveTestClient> {
  const socket = new WebSocket(url, { autoPong: options.autoPong ?? true });
  const received: LiveServerMessage[] = [];
  let readUpTo = 0;
  const waiters = new Set<() => void>();
  let lastArrival = Date.now();
  socket.on('message', (data) => {
    received.push(JSON.parse(data.toString()) as LiveServerMessage);
    lastArrival = Date.now();
    for (const wake of [...waiters]) wake();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const client: LiveTestClient = {
    socket,
    received,
    send: (message) => socket.send(typeof message === 'string' ? message : JSON.stringify(message)),
    next: (type, match, timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        const look = () => {
          for (let index = readUpTo; index < received.length; index++) {
            const message = received[index]!;
            if (message.type === type && (!match || match(message as never))) {
              readUpTo = index + 1;
              waiters.delete(look);
              clearTimeout(timer);
              resolve(message as never);
              return;
            }
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(look);
          reject(new Error(`no ${type} message within ${timeoutMs} ms; received: ${JSON.stringify(received.slice(readUpTo)).slice(0, 1500)}`));
        }, timeoutMs);
        waiters.add(look);
        look();
      }),
    all: (type) => received.filter((message) => message.type === type) as never,
    quiet: async (quietMs = 150) => {
      while (Date.now() - lastArrival < quietMs) await new Promise((resolve) => setTimeout(resolve, quietMs / 3));
    },
    closed,
    close: () => socket.close(),
  };
  if (options.token) {
    client.send({ type: 'auth', token: options.token });
    await client.next('ready');
  }
  return client;
}
