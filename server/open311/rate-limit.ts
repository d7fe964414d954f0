/**
 * A token bucket per API key, in this process: `burst` filings at once, then `perMinute` a minute.
 * With several server processes each keeps its own buckets, so a key may file up to N times the
 * rate behind N processes; a shared limit would keep the buckets in Redis (as the live channel's
 * bus does) — the interface stays this one.
 */
export interface RateLimit {
  perMinute: number;
  burst: number;
}

export const defaultOpen311RateLimit: RateLimit = { perMinute: 30, burst: 10 };

export interface KeyBuckets {
  /** Takes one token for `key` at `now`: allowed, or the seconds until one is back. */
  take(key: string, now: Date): { ok: true } | { ok: false; retryAfterSeconds: number };
}

export function keyBuckets(limit: RateLimit): KeyBuckets {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const perMs = limit.perMinute / 60_000;
  return {
    take(key, now) {
      const at = now.getTime();
      const bucket = buckets.get(key) ?? { tokens: limit.burst, at };
      // A clock that went back refills nothing, rather than draining the bucket.
      const tokens = Math.min(limit.burst, bucket.tokens + Math.max(0, at - bucket.at) * perMs);
      if (tokens < 1) {
        buckets.set(key, { tokens, at });
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
      }
      buckets.set(key, { tokens: tokens - 1, at });
      return { ok: true };
    },
  };
}
