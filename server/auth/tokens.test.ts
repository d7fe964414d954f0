import jwt from 'jsonwebtoken';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Actor } from '../../shared/domain/roles';
import { signAccessToken, verifyAccessToken, type TokenConfig } from './tokens';

const actor: Actor = { id: 'acc-1', role: 'street_dispatcher', name: '包公街道调度员', scope: { streetCode: 'ST01' } };
const config = (overrides: Partial<TokenConfig> = {}): TokenConfig => ({ secret: 's'.repeat(32), issuer: 'gongzhi-baohe-test', ttlSeconds: 3600, ...overrides });

afterEach(() => vi.useRealTimers());

describe('access tokens', () => {
  it('carry the actor through a round trip, twice (the second from the verified cache)', () => {
    const settings = config();
    const token = signAccessToken(actor, settings);
    expect(verifyAccessToken(token, settings)).toEqual({ ok: true, actor });
    expect(verifyAccessToken(token, settings)).toEqual({ ok: true, actor });
  });

  it('expire on time even once verified and cached', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-09T09:00:00+08:00'));
    const settings = config();
    const token = signAccessToken(actor, settings);
    expect(verifyAccessToken(token, settings).ok).toBe(true);
    vi.setSystemTime(new Date('2026-03-09T10:00:01+08:00'));
    expect(verifyAccessToken(token, settings)).toEqual({ ok: false, reason: 'expired' });
  });

  it('are refused under another secret or issuer, even after being accepted under their own', () => {
    const token = signAccessToken(actor, config());
    expect(verifyAccessToken(token, config()).ok).toBe(true);
    expect(verifyAccessToken(token, config({ secret: 't'.repeat(32) }))).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyAccessToken(token, config({ issuer: 'someone-else' }))).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuse an unsigned token', () => {
    const unsigned = jwt.sign({ role: 'admin', name: 'x', scope: {} }, '', { algorithm: 'none', subject: 'acc-2', issuer: 'gongzhi-baohe-test' });
    expect(verifyAccessToken(unsigned, config())).toEqual({ ok: false, reason: 'invalid' });
  });
});
