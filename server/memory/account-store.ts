import type { AccountStore, StoredAccount } from '../commands/ports';

/**
 * The account store as plain maps, for use-case and HTTP tests that start no engine: the same
 * revision guard as the mongo adapter, newest first, usernames unique.
 */
export function memoryAccountStore(initial: readonly StoredAccount[] = []): AccountStore {
  const accounts = new Map(initial.map((account) => [account.id, structuredClone(account)]));
  let nextId = 1;
  return {
    async findById(id) {
      const account = accounts.get(id);
      return account && structuredClone(account);
    },
    async list(filter, page) {
      const matching = [...accounts.values()]
        .filter((account) => !filter.role || account.role === filter.role)
        .filter((account) => !filter.gridCode || account.scope.gridCode === filter.gridCode)
        .filter((account) => !filter.streetCode || account.scope.streetCode === filter.streetCode || (account.scope.unitCode !== undefined && (filter.unitCodes ?? []).includes(account.scope.unitCode)))
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
      const start = page.cursor ? matching.findIndex((account) => account.id === page.cursor) + 1 : 0;
      const items = matching.slice(start, start + page.limit).map((account) => structuredClone(account));
      return { items, nextCursor: start + page.limit < matching.length ? items[items.length - 1]!.id : null };
    },
    async insertStaff(input) {
      if ([...accounts.values()].some((account) => account.username === input.username)) return 'username_taken';
      const now = input.audit[0]?.at ?? new Date(0);
      const account: StoredAccount = {
        id: `mem-${nextId++}`,
        kind: 'password',
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        scope: input.scope,
        disabled: false,
        credentialGeneration: 0,
        revision: 0,
        createdAt: now,
        updatedAt: now,
        audit: input.audit,
      };
      accounts.set(account.id, account);
      return structuredClone(account);
    },
    async updateIfRevision(id, expectedRevision, changes) {
      const account = accounts.get(id);
      if (!account || account.revision !== expectedRevision) return false;
      const { passwordHash: _passwordHash, ...visible } = changes;
      accounts.set(id, { ...account, ...visible, revision: account.revision + 1, updatedAt: changes.audit.at(-1)?.at ?? account.updatedAt });
      return true;
    },
  };
}
