import { messageOf } from '../../services/http';

/** A value a page is fetching: on its way, arrived, or failed with the message to show. */
export type Remote<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; message: string };

export const loading = { state: 'loading' } as const;

/** Settles a fetch into a Remote, never throwing: each section of a page fails on its own. */
export function settle<T>(promise: Promise<T>): Promise<Remote<T>> {
  return promise.then(
    (value): Remote<T> => ({ state: 'ready', value }),
    (error: unknown): Remote<T> => ({ state: 'failed', message: messageOf(error) }),
  );
}
