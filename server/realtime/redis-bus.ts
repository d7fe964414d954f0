import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { EventBus, LiveEvent } from '../commands/ports';

/** The one channel every server process of a deployment publishes to and listens on. */
export const caseEventsChannel = 'gongzhi:live-events';

export interface RedisEventBus extends EventBus {
  /** Resolves once the listening connection is subscribed: before that, events published elsewhere are not heard. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * The bus across processes: Redis pub/sub. Whatever process's job runner publishes, every
 * process's live hub hears it and reads the case from the database. Pub/sub keeps nothing: an
 * event lost while a process was disconnected is made good by the client, which reconnects with
 * its last sequence number. Listeners of the publishing process hear it at once (with the record,
 * which never leaves the process); the others when Redis delivers it.
 */
export function redisEventBus(url: string, onError: (error: unknown) => void = () => {}): RedisEventBus {
  // A subscribed connection can do nothing else, hence two. Both reconnect by themselves.
  const publisher = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
  const listener = new Redis(url, { lazyConnect: false });
  const listeners = new Set<(event: LiveEvent) => void>();
  /** Our own events come back from Redis too: they were heard here already, with their record. */
  const origin = randomUUID();
  const hear = (event: LiveEvent) => {
    for (const notify of [...listeners]) {
      try {
        notify(event);
      } catch (error) {
        onError(error);
      }
    }
  };
  publisher.on('error', onError);
  listener.on('error', onError);
  listener.on('message', (channel: string, text: string) => {
    if (channel !== caseEventsChannel) return;
    let event: LiveEvent & { origin?: string };
    try {
      event = JSON.parse(text) as LiveEvent & { origin?: string };
    } catch (error) {
      onError(error);
      return;
    }
    if (!event || event.origin === origin) return;
    if (event.type === 'case.changed' && typeof event.caseId === 'string' && typeof event.seq === 'number') {
      hear({ type: event.type, key: event.key, caseId: event.caseId, seq: event.seq });
    } else if (event.type === 'inbox.changed' && Array.isArray(event.inboxes)) {
      hear({ type: event.type, key: event.key, inboxes: event.inboxes.filter((inbox) => typeof inbox === 'string') });
    }
  });
  const ready = listener.subscribe(caseEventsChannel).then(() => undefined);
  return {
    ready,
    async publish(event) {
      hear(event);
      const shared = event.type === 'case.changed' ? { type: event.type, key: event.key, caseId: event.caseId, seq: event.seq } : event;
      await publisher.publish(caseEventsChannel, JSON.stringify({ ...shared, origin }));
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
