import { describe, expect, it } from 'vitest';
import { checkSignature, signedText } from './signature';

// A stand-in MAC: the contract is about which text is signed and when, not about SHA-256.
const mac = (text: string) => Array.from(text).reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7).toString(16).padStart(64, '0');
const equal = (a: string, b: string) => a === b;
const now = new Date('2026-11-28T06:00:00Z');
const ts = String(now.getTime() / 1000);
const body = '{"number":"A1"}';
const headers = (over: Partial<{ timestamp: string; nonce: string; signature: string }> = {}) => {
  const timestamp = over.timestamp ?? ts;
  const nonce = over.nonce ?? 'nonce-0001';
  return { timestamp, nonce, signature: mac(signedText(timestamp, nonce, body)), ...over };
};

describe('checkSignature', () => {
  it('accepts a request signed over timestamp, nonce and body within five minutes', () => {
    expect(checkSignature(headers(), now, mac, body, equal)).toEqual({ ok: true });
    expect(checkSignature(headers({ timestamp: String(now.getTime() / 1000 - 299) }), now, mac, body, equal)).toEqual({ ok: true });
  });

  it('refuses a request more than five minutes old or ahead', () => {
    expect(checkSignature(headers({ timestamp: String(now.getTime() / 1000 - 301) }), now, mac, body, equal)).toEqual({ ok: false, reason: 'stale' });
    expect(checkSignature(headers({ timestamp: String(now.getTime() / 1000 + 301) }), now, mac, body, equal)).toEqual({ ok: false, reason: 'stale' });
  });

  it('refuses a body, nonce or timestamp other than the signed one', () => {
    const signed = headers();
    expect(checkSignature(signed, now, mac, '{"number":"A2"}', equal)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(checkSignature({ ...signed, nonce: 'nonce-0002' }, now, mac, body, equal)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(checkSignature({ ...signed, timestamp: String(Number(ts) + 1) }, now, mac, body, equal)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses missing or malformed headers before computing anything', () => {
    expect(checkSignature({ timestamp: ts, nonce: 'nonce-0001' }, now, mac, body, equal)).toEqual({ ok: false, reason: 'missing' });
    expect(checkSignature(headers({ signature: 'XYZ' }), now, mac, body, equal)).toEqual({ ok: false, reason: 'malformed' });
    expect(checkSignature(headers({ nonce: 'a b' }), now, mac, body, equal)).toEqual({ ok: false, reason: 'malformed' });
  });
});
