import { Redis } from 'ioredis';
import type { CaseChangedEvent, EventBus } from '../commands/ports';

/** The one channel every server process of a deployment publishes to and listens on. */
export const caseEventsChannel = 'gongzhi:case-events';

export interface RedisEventBus extends EventBus {
  /** Resolves once the listening connection is subscribed: before that, events published elsewhere are not heard. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * The bus across processes: Redis pub/sub. Whatever process's job runner publishes, every
 * process's live hub hears it and reads the case from the database. Pub/sub keeps nothing: an
 * event lost while a process was disconnected is made good by the client, which reconnects with
 * its last sequence number. Listeners run in this process as the in-process bus runs them.
 */
export function redisEventBus(url: string, onError: (error: unknown) => void = () => {}): RedisEventBus {
  // A subscribed connection can do nothing else, hence two. Both reconnect by themselves.
  const publisher = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
  const listener = new Redis(url, { lazyConnect: false });
  const listeners = new Set<(event: CaseChangedEvent) => void>();
  publisher.on('error', onError);
  listener.on('error', onError);
  listener.on('message', (channel: string, text: string) => {
    if (channel !== caseEventsChannel) return;
    let event: CaseChangedEvent;
    try {
      event = JSON.parse(text) as CaseChangedEvent;
    } catch (error) {
      onError(error);
      return;
    }
    if (event?.type !== 'case.changed' || typeof event.caseId !== 'string') return;
    for (const notify of [...listeners]) {
      try {
        notify(event);
      } catch (error) {
        onError(error);
      }
    }
  });
  const ready = listener.subscribe(caseEventsChannel).then(() => undefined);
  return {
    ready,
    async publish(event) {
      await publisher.publish(caseEventsChannel, JSON.stringify(event));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
      await Promise.allSettled([publisher.quit(), listener.quit()]);
    },
  };
}
