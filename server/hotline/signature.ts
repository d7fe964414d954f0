import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { checkSignature, signedText, type SignatureVerdict, type SignedHeaders } from '../../shared/hotline/signature';

/** Header names of a signed hotline request, both ways (the centre's webhooks and our calls). */
export const signatureHeaders = { timestamp: 'x-hotline-timestamp', nonce: 'x-hotline-nonce', signature: 'x-hotline-signature', appKey: 'x-hotline-app-key' } as const;

export const hmacHex = (secret: string, text: string) => createHmac('sha256', secret).update(text, 'utf8').digest('hex');

const equalHex = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Signs a body at `now` with a fresh nonce: the headers to send. */
export function signRequest(secret: string, body: string, now: Date, nonce = randomBytes(12).toString('base64url')): SignedHeaders {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return { timestamp, nonce, signature: hmacHex(secret, signedText(timestamp, nonce, body)) };
}

/** Checks a request's signature headers (lower-cased names, as node gives them) against the body. */
export function verifyRequest(secret: string, headers: Record<string, string | string[] | undefined>, body: string, now: Date): SignatureVerdict & { nonce?: string } {
  const one = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const signed = { timestamp: one(signatureHeaders.timestamp), nonce: one(signatureHeaders.nonce), signature: one(signatureHeaders.signature) };
  const verdict = checkSignature(signed, now, (text) => hmacHex(secret, text), body, equalHex);
  return verdict.ok ? { ok: true, nonce: signed.nonce! } : verdict;
}
