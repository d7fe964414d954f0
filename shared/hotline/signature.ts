/**
 * Webhook signatures, pure: the text that is signed, the time window and the verdict. The HMAC
 * itself is passed in (server/hotline/signature.ts computes it with node:crypto), so this module
 * stays free of platform imports and its tests fix every input.
 */

/** A request older or newer than this is refused: a captured request cannot be replayed later. */
export const SIGNATURE_WINDOW_MS = 5 * 60_000;

/** What a signed webhook request carries besides its body (headers `X-Hotline-Timestamp`, `-Nonce`, `-Signature`). */
export interface SignedHeaders {
  /** Unix seconds, as text. */
  timestamp: string;
  nonce: string;
  /** Lower-case hex HMAC-SHA256 of {@link signedText}. */
  signature: string;
}

/** The text signed: timestamp, nonce and the raw body, joined by newlines (a field cannot run into the next). */
export function signedText(timestamp: string, nonce: string, body: string): string {
  return `${timestamp}\n${nonce}\n${body}`;
}

export type SignatureVerdict =
  | { ok: true }
  | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'bad_signature' };

/**
 * Whether a request's signature holds at `now`: headers present and well-formed, timestamp within
 * ±{@link SIGNATURE_WINDOW_MS}, signature equal to `expected` (the HMAC of `signedText`, which
 * the caller computes). `equal` is a constant-time comparison. The nonce's freshness is the
 * caller's (it needs a store).
 */
export function checkSignature(headers: Partial<SignedHeaders>, now: Date, expected: (text: string) => string, body: string, equal: (a: string, b: string) => boolean): SignatureVerdict {
  const { timestamp, nonce, signature } = headers;
  if (!timestamp || !nonce || !signature) return { ok: false, reason: 'missing' };
  if (!/^\d{9,11}$/.test(timestamp) || !/^[A-Za-z0-9_-]{8,64}$/.test(nonce) || !/^[0-9a-f]{64}$/.test(signature)) return { ok: false, reason: 'malformed' };
  if (Math.abs(Number(timestamp) * 1000 - now.getTime()) > SIGNATURE_WINDOW_MS) return { ok: false, reason: 'stale' };
  return equal(expected(signedText(timestamp, nonce, body)), signature) ? { ok: true } : { ok: false, reason: 'bad_signature' };
}
