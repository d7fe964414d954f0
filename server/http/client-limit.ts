import type { Middleware } from 'koa';
import { errors } from '../errors';

export interface ClientLimitOptions {
  /** Requests one client address may have in progress at once; the next one is refused with 429. */
  maxConcurrent: number;
  /** What Retry-After tells a refused client. */
  retryAfterSeconds?: number;
}

/**
 * Caps the requests in progress per client IP (`ctx.ip`: the socket's address, or the forwarded
 * one when the app trusts its proxy). A client that opens many slow requests, such as uploads
 * that never finish, holds at most this many slots; everyone else is still served. The count
 * lives in this process: with several processes each enforces its own cap, which is the point
 * (it protects this process's sockets and memory), not a global rate.
 */
export function limitConcurrencyPerClient(options: ClientLimitOptions): Middleware {
  const inFlight = new Map<string, number>();
  const retryAfter = options.retryAfterSeconds ?? 1;
  return async (ctx, next) => {
    const client = ctx.ip;
    const current = inFlight.get(client) ?? 0;
    if (current >= options.maxConcurrent) {
      ctx.set('Retry-After', String(retryAfter));
      // The body may still be arriving; closing keeps Node from reading it for nothing.
      ctx.set('Connection', 'close');
      throw errors.tooManyRequests(retryAfter);
    }
    inFlight.set(client, current + 1);
    try {
      await next();
    } finally {
      const remaining = (inFlight.get(client) ?? 1) - 1;
      // Deleted at zero, so the map holds only clients with requests in progress.
      if (remaining === 0) inFlight.delete(client);
      else inFlight.set(client, remaining);
    }
  };
}
