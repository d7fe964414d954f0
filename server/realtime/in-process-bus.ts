import type { EventBus, LiveEvent } from '../commands/ports';

/**
 * The event bus inside one process: enough while one process serves every live viewer. A
 * listener that throws does not stop the others, nor the job that published (it is logged).
 */
export function inProcessEventBus(onListenerError: (error: unknown) => void = () => {}): EventBus {
  const listeners = new Set<(event: LiveEvent) => void>();
  return {
    async publish(event) {
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
