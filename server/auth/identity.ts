import { actorFromAccount } from '../../shared/domain/roles';
import type { AccountIdentity, AccountStore, IdentityPort } from '../commands/ports';

export interface IdentityCacheOptions {
  /** How long an account read is reused: the delay before another process's change counts here. */
  ttlMs?: number;
  /** Accounts held at most; the oldest read goes first. */
  maxEntries?: number;
  /** Milliseconds from a monotonic clock; tests pass their own. */
  clock?: () => number;
}

export const IDENTITY_TTL_MS = 5_000;
const IDENTITY_CACHE_SIZE = 10_000;

/**
 * The identity port over the account store, with a short cache: every authenticated request needs
 * the account's role and scope, and most arrive in bursts from the same few accounts. Changes made
 * in this process call `forget`, so they count from the next request; another process's change
 * counts here once the entry is older than `ttlMs` (5 s). The cache holds the lookup's promise, so
 * a burst of requests for one account shares one read, and a lookup started before `forget` can
 * never put its stale answer back.
 */
export function cachedIdentities(accounts: Pick<AccountStore, 'findById'>, options: IdentityCacheOptions = {}): IdentityPort {
  const ttlMs = options.ttlMs ?? IDENTITY_TTL_MS;
  const maxEntries = options.maxEntries ?? IDENTITY_CACHE_SIZE;
  const clock = options.clock ?? (() => performance.now());
  const entries = new Map<string, { loadedAt: number; identity: Promise<AccountIdentity | undefined> }>();

  const load = async (accountId: string): Promise<AccountIdentity | undefined> => {
    const account = await accounts.findById(accountId);
    if (!account) return undefined;
    return {
      actor: actorFromAccount({ id: account.id, name: account.displayName, role: account.role, scope: account.scope }),
      kind: account.kind,
      disabled: account.disabled,
      credentialGeneration: account.credentialGeneration,
    };
  };

  return {
    identityOf(accountId) {
      const now = clock();
      const hit = entries.get(accountId);
      if (hit && now - hit.loadedAt < ttlMs) return hit.identity;
      entries.delete(accountId);
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      const identity = load(accountId);
      const entry = { loadedAt: now, identity };
      entries.set(accountId, entry);
      // A failed read is not remembered: the next request tries again.
      identity.catch(() => {
        if (entries.get(accountId) === entry) entries.delete(accountId);
      });
      return identity;
    },
    forget(accountId) {
      entries.delete(accountId);
    },
  };
}
