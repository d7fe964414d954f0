import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxMessage, InboxStore } from '../commands/ports';

/** An inbox under test and how to dispose of it (a database per file for the mongo one). */
export interface InboxUnderTest {
  inbox: InboxStore;
  close(): Promise<void>;
}

const T0 = new Date('2026-03-09T01:00:00Z');
let serial = 0;

/** A message for `recipient`, `minutes` after T0, with an effect key of its own unless given. */
function aMessage(recipient: string, minutes: number, overrides: Partial<InboxMessage> = {}): InboxMessage {
  serial += 1;
  return {
    effectKey: `case${serial}:2:0`,
    recipient,
    caseId: `case${serial}`,
    caseNumber: `BH20260309-${String(serial).padStart(4, '0')}`,
    template: 'case.accept',
    text: `案件 ${serial}：已受理`,
    at: new Date(T0.getTime() + minutes * 60_000),
    ...overrides,
  };
}

/** Every page of a list, following cursors. */
async function allPages(inbox: InboxStore, query: Parameters<InboxStore['list']>[0], limit: number): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = await inbox.list(query, { limit, ...(cursor ? { cursor } : {}) });
    pages.push(page.items.map((message) => message.text));
    cursor = page.nextCursor ?? undefined;
  } while (cursor && pages.length < 20);
  return pages;
}

/**
 * What every inbox store does, whatever keeps it: once per (effect key, recipient), newest first
 * with a cursor over equal instants, per-account read state on shared messages, and nothing of
 * another inbox reachable by id.
 */
export function describeInboxStoreContract(name: string, open: () => Promise<InboxUnderTest>): void {
  describe(`inbox store contract: ${name}`, () => {
    let subject: InboxUnderTest;
    beforeAll(async () => {
      subject = await open();
    });
    afterAll(async () => subject.close());

    it('stores a message once per (effect key, recipient), however often it is delivered', async () => {
      const message = aMessage('account:once', 0);
      expect(await subject.inbox.deliver([message, { ...message, recipient: 'unit:U-ONCE' }])).toBe(2);
      expect(await subject.inbox.deliver([message])).toBe(0);
      const page = await subject.inbox.list({ recipients: ['account:once'], accountId: 'once' }, { limit: 10 });
      expect(page.items).toHaveLength(1);
      expect(page.items[0]).toMatchObject({ ...message, readBy: [] });
    });

    it('lists the inboxes asked for, newest first, paging through equal instants each message once', async () => {
      const recipients = ['account:pager', 'unit:U-PAGER'];
      await subject.inbox.deliver([
        aMessage('account:pager', 1, { text: 'a' }),
        aMessage('unit:U-PAGER', 2, { text: 'b' }),
        aMessage('account:pager', 2, { text: 'c' }),
        aMessage('unit:U-PAGER', 2, { text: 'd' }),
        aMessage('account:someone-else', 3, { text: 'x' }),
        aMessage('unit:U-OTHER', 4, { text: 'y' }),
        aMessage('account:pager', 5, { text: 'e' }),
      ]);
      const pages = await allPages(subject.inbox, { recipients, accountId: 'pager' }, 2);
      expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
      const texts = pages.flat();
      expect(texts[0]).toBe('e');
      expect(texts[4]).toBe('a');
      expect(new Set(texts.slice(1, 4))).toEqual(new Set(['b', 'c', 'd']));
    });

    it('keeps read state per account: one colleague reading a shared message leaves it unread for the other', async () => {
      const recipients = ['unit:U-SHARED'];
      await subject.inbox.deliver([aMessage('unit:U-SHARED', 10, { text: 'shared' })]);
      const [message] = (await subject.inbox.list({ recipients, accountId: 'first' }, { limit: 10 })).items;

      expect(await subject.inbox.markRead(message!.id, { recipients, accountId: 'first' })).toBe(true);
      expect(await subject.inbox.markRead(message!.id, { recipients, accountId: 'first' })).toBe(true);

      expect(await subject.inbox.countUnread({ recipients, accountId: 'first' })).toBe(0);
      expect(await subject.inbox.countUnread({ recipients, accountId: 'second' })).toBe(1);
      expect((await subject.inbox.list({ recipients, accountId: 'first', unreadOnly: true }, { limit: 10 })).items).toEqual([]);
      expect((await subject.inbox.list({ recipients, accountId: 'second', unreadOnly: true }, { limit: 10 })).items.map((m) => m.text)).toEqual(['shared']);
      expect((await subject.inbox.list({ recipients, accountId: 'second' }, { limit: 10 })).items[0]!.readBy).toEqual(['first']);
    });

    it('refuses to mark a message of another inbox, and an id it never issued', async () => {
      await subject.inbox.deliver([aMessage('account:owner', 20, { text: 'private' })]);
      const [message] = (await subject.inbox.list({ recipients: ['account:owner'], accountId: 'owner' }, { limit: 1 })).items;

      expect(await subject.inbox.markRead(message!.id, { recipients: ['account:intruder', 'unit:U-PAGER'], accountId: 'intruder' })).toBe(false);
      expect(await subject.inbox.markRead('0123456789abcdef01234567', { recipients: ['account:owner'], accountId: 'owner' })).toBe(false);
      expect(await subject.inbox.markRead('not-an-id', { recipients: ['account:owner'], accountId: 'owner' })).toBe(false);
      expect(await subject.inbox.countUnread({ recipients: ['account:owner'], accountId: 'owner' })).toBe(1);
    });

    it('marks every unread message of the inboxes read for one account, and counts only those it changed', async () => {
      const recipients = ['account:bulk', 'street:ST-BULK'];
      await subject.inbox.deliver([aMessage('account:bulk', 30), aMessage('street:ST-BULK', 31), aMessage('street:ST-BULK', 32), aMessage('account:not-bulk', 33)]);
      const [newest] = (await subject.inbox.list({ recipients, accountId: 'bulk' }, { limit: 1 })).items;
      await subject.inbox.markRead(newest!.id, { recipients, accountId: 'bulk' });

      expect(await subject.inbox.markAllRead({ recipients, accountId: 'bulk' })).toBe(2);
      expect(await subject.inbox.markAllRead({ recipients, accountId: 'bulk' })).toBe(0);
      expect(await subject.inbox.countUnread({ recipients, accountId: 'bulk' })).toBe(0);
      expect(await subject.inbox.countUnread({ recipients: ['street:ST-BULK'], accountId: 'colleague' })).toBe(2);
      expect(await subject.inbox.countUnread({ recipients: ['account:not-bulk'], accountId: 'not-bulk' })).toBe(1);
    });

    it('refuses a cursor it never issued', async () => {
      for (const cursor of ['garbage', Buffer.from('12:not-hex').toString('base64url')]) {
        await expect(subject.inbox.list({ recipients: ['account:x'], accountId: 'x' }, { limit: 5, cursor })).rejects.toMatchObject({ code: 'list.invalid_cursor' });
      }
    });
  });
}
