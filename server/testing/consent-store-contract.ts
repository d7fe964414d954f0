import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsentStore } from '../commands/ports';

/** A consent store under test and how to dispose of it. */
export interface ConsentsUnderTest {
  consents: ConsentStore;
  close(): Promise<void>;
}

const now = new Date('2026-03-09T01:00:00Z');
let serial = 0;
/** An account of its own per behaviour, so they can share one store. */
const anAccount = () => `acct-${++serial}-${Math.random().toString(36).slice(2, 8)}`;
const accept = (templateId: string, kind: 'one_time' | 'long_term' = 'one_time') => ({ templateId, kind, decision: 'accept' as const });

/**
 * What every consent store does: one-time consents counted and spent once per message key,
 * whatever re-runs; long-term consents on and off; 43101 revokes; settling drops the key.
 */
export function describeConsentStoreContract(name: string, open: () => Promise<ConsentsUnderTest>): void {
  describe(`consent store contract: ${name}`, () => {
    let subject: ConsentsUnderTest;
    beforeAll(async () => {
      subject = await open();
    });
    afterAll(async () => subject.close());
    const remaining = async (accountId: string, templateId: string) => (await subject.consents.consentsOf(accountId)).find((c) => c.templateId === templateId)?.remaining;

    it('counts one consent per accepted one-time answer, and none for reject or filter', async () => {
      const account = anAccount();
      await subject.consents.record(account, [accept('T'), { templateId: 'T2', kind: 'one_time', decision: 'reject' }], now);
      await subject.consents.record(account, [accept('T'), { templateId: 'T', kind: 'one_time', decision: 'filter' }], now);
      expect(await subject.consents.consentsOf(account)).toEqual([{ templateId: 'T', kind: 'one_time', remaining: 2, active: false, spentKeys: [] }]);
    });

    it('spends a consent once per message key, however often the message is retried', async () => {
      const account = anAccount();
      await subject.consents.record(account, [accept('T'), accept('T')], now);
      expect(await subject.consents.spend(account, 'T', 'k1', 0)).toBe('spent');
      expect(await subject.consents.spend(account, 'T', 'k1', 0)).toBe('already_spent');
      expect(await remaining(account, 'T')).toBe(1);
      expect((await subject.consents.consentsOf(account))[0]!.spentKeys).toEqual(['k1']);
      expect(await subject.consents.spend(account, 'T', 'k2', 0)).toBe('spent');
      expect(await subject.consents.spend(account, 'T', 'k3', 0)).toBe('none_left');
      expect(await remaining(account, 'T')).toBe(0);
    });

    it('keeps back the last consents when asked to: a less important message finds none left', async () => {
      const account = anAccount();
      await subject.consents.record(account, [accept('T')], now);
      expect(await subject.consents.spend(account, 'T', 'minor', 1)).toBe('none_left');
      expect(await subject.consents.spend(account, 'T', 'major', 0)).toBe('spent');
    });

    it('settles once: drops the key, and gives the consent back when WeChat never used it', async () => {
      const account = anAccount();
      await subject.consents.record(account, [accept('T')], now);
      await subject.consents.spend(account, 'T', 'k', 0);
      await subject.consents.settle(account, 'T', 'k', true);
      await subject.consents.settle(account, 'T', 'k', true);
      expect(await subject.consents.consentsOf(account)).toEqual([{ templateId: 'T', kind: 'one_time', remaining: 1, active: false, spentKeys: [] }]);
    });

    it('turns a long-term template on with accept and off with reject, and never spends it', async () => {
      const account = anAccount();
      await subject.consents.record(account, [accept('L', 'long_term')], now);
      expect((await subject.consents.consentsOf(account))[0]).toMatchObject({ kind: 'long_term', active: true });
      expect(await subject.consents.spend(account, 'L', 'k', 0)).toBe('none_left');
      await subject.consents.record(account, [{ templateId: 'L', kind: 'long_term', decision: 'reject' }], now);
      expect((await subject.consents.consentsOf(account))[0]).toMatchObject({ active: false });
    });

    it('revokes what WeChat says the user no longer has (43101), and a ban empties a one-time count', async () => {
      const account = anAccount();
      await subject.consents.record(account, [accept('T'), accept('T'), accept('U'), accept('L', 'long_term')], now);
      await subject.consents.revoke(account, 'T', now);
      await subject.consents.revoke(account, 'L', now);
      await subject.consents.record(account, [{ templateId: 'U', kind: 'one_time', decision: 'ban' }], now);
      const byTemplate = Object.fromEntries((await subject.consents.consentsOf(account)).map((c) => [c.templateId, [c.remaining, c.active]]));
      expect(byTemplate).toEqual({ T: [0, false], U: [0, false], L: [0, false] });
    });
  });
}
