import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { loginKinds, type LoginKind } from '../../shared/api/accounts';

export interface TokenConfig {
  secret: string;
  issuer: string;
  ttlSeconds: number;
}


/**
 * What a token says: who, how they signed in, and which generation of their credentials it was
 * issued under. Never role, name or scope: those are read from the account on every request, so
 * a change to the account counts at once and a re-signed token claiming more grants nothing.
 */
export interface TokenIdentity {
  accountId: string;
  kind: LoginKind;
  /** The account's credential generation at sign-in; a password reset or a disable moves it on. */
  generation: number;
  issuedAt: number;
  expiresAt: number;
}

// Extra claims are ignored, not refused: whatever else a token carries, it is not read.
const claimsSchema = z.object({
  sub: z.string().min(1).max(64),
  kind: z.enum(loginKinds),
  gen: z.number().int().min(0),
  iat: z.number(),
  exp: z.number(),
});

const keys = new Map<string, KeyObject>();

/**
 * The secret as a KeyObject, made once. Given a string, jsonwebtoken first tries to parse it as a
 * public key on every call and falls back after the exception: ~1 ms per request.
 */
function keyOf(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    keys.set(secret, key);
  }
  return key;
}

/** Signs an access token naming the account; what the account may do is looked up per request. */
export function signAccessToken(identity: { accountId: string; kind: LoginKind; generation: number }, config: TokenConfig): string {
  return jwt.sign({ kind: identity.kind, gen: identity.generation }, keyOf(config.secret), {
    algorithm: 'HS256',
    subject: identity.accountId,
    issuer: config.issuer,
    expiresIn: config.ttlSeconds,
  });
}

export type TokenCheck = { ok: true; identity: TokenIdentity } | { ok: false; reason: 'expired' | 'invalid' };

const VERIFIED_CACHE_SIZE = 5_000;
/**
 * Tokens already verified, per config, until they expire: a client sends the same token with
 * every request, and verifying it again costs a fifth of a millisecond each time. Only identity
 * is cached here; role and scope come from the account cache, which lives seconds, not hours.
 */
const verified = new WeakMap<TokenConfig, Map<string, TokenIdentity>>();

/** Verifies signature (HS256 only: `alg: none` and key-confusion tokens are refused), issuer and expiry. */
export function verifyAccessToken(token: string, config: TokenConfig): TokenCheck {
  let cache = verified.get(config);
  if (!cache) verified.set(config, (cache = new Map()));
  const hit = cache.get(token);
  if (hit) {
    if (Date.now() < hit.expiresAt * 1000) return { ok: true, identity: hit };
    cache.delete(token);
    return { ok: false, reason: 'expired' };
  }
  try {
    const payload = jwt.verify(token, keyOf(config.secret), { algorithms: ['HS256'], issuer: config.issuer });
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) return { ok: false, reason: 'invalid' };
    const { sub, kind, gen, iat, exp } = claims.data;
    const identity: TokenIdentity = { accountId: sub, kind, generation: gen, issuedAt: iat, expiresAt: exp };
    if (cache.size >= VERIFIED_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(token, identity);
    return { ok: true, identity };
  } catch (error) {
    return { ok: false, reason: error instanceof jwt.TokenExpiredError ? 'expired' : 'invalid' };
  }
}
