import type { Open311Filing, Open311Key, Open311Store } from '../commands/ports';

/** Open311 keys and filings in maps: the use-case tests' adapter. */
export function memoryOpen311Store(): Open311Store {
  const keys = new Map<string, Open311Key>();
  const filings = new Map<string, Open311Filing>();
  return {
    async insertKey(key) {
      if (keys.has(key.id)) throw Object.assign(new Error('duplicate key'), { code: 11000 });
      keys.set(key.id, { ...key });
    },
    findKey: async (id) => (keys.has(id) ? { ...keys.get(id)! } : undefined),
    listKeys: async () => [...keys.values()].map((key) => ({ ...key })).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()),
    async revokeKey(id, at) {
      const key = keys.get(id);
      if (!key || key.revokedAt) return false;
      keys.set(id, { ...key, revokedAt: at });
      return true;
    },
    async insertFiling(filing) {
      if (filings.has(filing.token)) throw Object.assign(new Error('duplicate key'), { code: 11000 });
      filings.set(filing.token, { ...filing });
    },
    findFiling: async (token) => (filings.has(token) ? { ...filings.get(token)! } : undefined),
  };
}
