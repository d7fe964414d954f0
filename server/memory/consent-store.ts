import type { ConsentStore, StoredConsent } from '../commands/ports';

/** Subscribe-message consents in a map, with the mongo store's rules (server/db/wechat-store.ts). */
export function memoryConsentStore(): ConsentStore {
  const consents = new Map<string, StoredConsent>();
  const keyOf = (accountId: string, templateId: string) => `${accountId}|${templateId}`;
  const upsert = (accountId: string, templateId: string, kind: StoredConsent['kind']) => {
    const existing = consents.get(keyOf(accountId, templateId)) ?? { templateId, kind, remaining: 0, active: false, spentKeys: [] };
    existing.kind = kind;
    consents.set(keyOf(accountId, templateId), existing);
    return existing;
  };
  return {
    async record(accountId, decisions) {
      for (const { templateId, kind, decision } of decisions) {
        if (kind === 'one_time') {
          if (decision === 'accept') upsert(accountId, templateId, kind).remaining += 1;
          else if (decision === 'ban') upsert(accountId, templateId, kind).remaining = 0;
        } else if (decision !== 'filter') {
          upsert(accountId, templateId, kind).active = decision === 'accept';
        }
      }
    },
    async consentsOf(accountId) {
      return [...consents.entries()].filter(([key]) => key.startsWith(`${accountId}|`)).map(([, consent]) => structuredClone(consent));
    },
    async spend(accountId, templateId, key, keepBack) {
      const consent = consents.get(keyOf(accountId, templateId));
      if (consent?.spentKeys.includes(key)) return 'already_spent';
      if (!consent || consent.kind !== 'one_time' || consent.remaining <= keepBack) return 'none_left';
      consent.remaining -= 1;
      consent.spentKeys.push(key);
      return 'spent';
    },
    async settle(accountId, templateId, key, refund) {
      const consent = consents.get(keyOf(accountId, templateId));
      if (!consent?.spentKeys.includes(key)) return;
      consent.spentKeys = consent.spentKeys.filter((spent) => spent !== key);
      if (refund) consent.remaining += 1;
    },
    async revoke(accountId, templateId) {
      const consent = consents.get(keyOf(accountId, templateId));
      if (!consent) return;
      consent.remaining = 0;
      consent.active = false;
    },
  };
}
