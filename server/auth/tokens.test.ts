import jwt from 'jsonwebtoken';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signAccessToken, verifyAccessToken, type TokenConfig } from './tokens';

const identity = { accountId: 'acc-1', kind: 'password' as const, generation: 2 };
const config = (overrides: Partial<TokenConfig> = {}): TokenConfig => ({ secret: 's'.repeat(32), issuer: 'gongzhi-baohe-test', ttlSeconds: 3600, ...overrides });

afterEach(() => vi.useRealTimers());

describe('access tokens', () => {
  it('carry the identity through a round trip, twice (the second from the verified cache)', () => {
    const settings = config();
    const token = signAccessToken(identity, settings);
    const first = verifyAccessToken(token, settings);
    expect(first).toEqual({ ok: true, identity: { ...identity, issuedAt: expect.any(Number), expiresAt: expect.any(Number) } });
    expect(verifyAccessToken(token, settings)).toEqual(first);
  });

  it('carry no role, name or scope', () => {
    const payload = jwt.decode(signAccessToken(identity, config())) as Record<string, unknown>;
    expect(Object.keys(payload).sort()).toEqual(['exp', 'gen', 'iat', 'iss', 'kind', 'sub']);
  });

  it('expire on time even once verified and cached', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-09T09:00:00+08:00'));
    const settings = config();
    const token = signAccessToken(identity, settings);
    expect(verifyAccessToken(token, settings).ok).toBe(true);
    vi.setSystemTime(new Date('2026-03-09T10:00:01+08:00'));
    expect(verifyAccessToken(token, settings)).toEqual({ ok: false, reason: 'expired' });
  });

  it('are refused under another secret or issuer, even after being accepted under their own', () => {
    const token = signAccessToken(identity, config());
    expect(verifyAccessToken(token, config()).ok).toBe(true);
    expect(verifyAccessToken(token, config({ secret: 't'.repeat(32) }))).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyAccessToken(token, config({ issuer: 'someone-else' }))).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuse an unsigned token', () => {
    const unsigned = jwt.sign({ kind: 'password', gen: 0 }, '', { algorithm: 'none', subject: 'acc-2', issuer: 'gongzhi-baohe-test' });
    expect(verifyAccessToken(unsigned, config())).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuse a signed token without the identity claims (an old token that carried the role)', () => {
    const old = jwt.sign({ role: 'admin', name: 'x', scope: {} }, 's'.repeat(32), { algorithm: 'HS256', subject: 'acc-2', issuer: 'gongzhi-baohe-test' });
    expect(verifyAccessToken(old, config())).toEqual({ ok: false, reason: 'invalid' });
  });
});
