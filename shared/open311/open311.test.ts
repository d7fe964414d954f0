import { describe, expect, it } from 'vitest';
import { caseStatuses } from '../cases/states';
import { open311DateTime, parseOpen311DateTime } from './dates';
import { filingOf, formFields, postRequestSchema, windowOf } from './queries';
import { detailedStatusOf, detailedStatuses, open311StatusOf, statusesAlong } from './requests';

const DAY = 24 * 3600 * 1000;
const now = new Date('2026-11-28T12:00:00+08:00');

describe('Open311 mapping', () => {
  it('gives every status of ours an Open311 status and one of FixMyStreet’s detailed statuses', () => {
    for (const status of caseStatuses) {
      expect(detailedStatuses).toContain(detailedStatusOf(status, true));
      expect(['open', 'closed']).toContain(open311StatusOf(status));
    }
    expect(open311StatusOf('suspended')).toBe('open');
    expect(['closed', 'rejected', 'merged'].map((s) => open311StatusOf(s as 'closed'))).toEqual(['closed', 'closed', 'closed']);
    expect(detailedStatusOf('closed', true)).toBe('FIXED');
    expect(detailedStatusOf('closed', false)).toBe('CLOSED');
    expect(detailedStatusOf('merged', false)).toBe('DUPLICATE');
    expect(detailedStatusOf('rejected', false)).toBe('NOT_COUNCILS_RESPONSIBILITY');
  });

  it('follows the status along a timeline from the rules table, a resumption returning to what was suspended', () => {
    expect(statusesAlong(['file', 'accept', 'dispatch', 'claim', 'suspend', 'urge', 'resume', 'resolve', 'send_back', 'resolve', 'verify', 'close', 'rate'])).toEqual([
      'submitted',
      'accepted',
      'dispatched',
      'in_progress',
      'suspended',
      'suspended',
      'in_progress',
      'resolved',
      'in_progress',
      'resolved',
      'verified',
      'closed',
      'closed',
    ]);
  });

  it('writes instants in Beijing time with +08:00 and reads the spec’s date forms', () => {
    expect(open311DateTime(new Date('2026-11-27T16:30:05.123Z'))).toBe('2026-11-28T00:30:05+08:00');
    expect(parseOpen311DateTime('2026-11-28T00:00:00Z')?.toISOString()).toBe('2026-11-28T00:00:00.000Z');
    expect(parseOpen311DateTime('2026-11-28T08:00:00+0800')?.toISOString()).toBe('2026-11-28T00:00:00.000Z');
    expect(parseOpen311DateTime('2026-11-28')?.toISOString()).toBe('2026-11-27T16:00:00.000Z');
    expect(parseOpen311DateTime('28/11/2026')).toBeUndefined();
    expect(parseOpen311DateTime('2026-13-45T00:00:00Z')).toBeUndefined();
  });

  it('searches the last 90 days by default and never a window over 90 days', () => {
    const at = (days: number) => new Date(now.getTime() + days * DAY);
    expect(windowOf({}, now)).toEqual({ ok: true, from: at(-90), to: now });
    expect(windowOf({ start_date: at(-10) }, now)).toEqual({ ok: true, from: at(-10), to: at(80) });
    expect(windowOf({ end_date: at(-10) }, now)).toEqual({ ok: true, from: at(-100), to: at(-10) });
    expect(windowOf({ start_date: at(-90), end_date: now }, now).ok).toBe(true);
    expect(windowOf({ start_date: at(-91), end_date: now }, now).ok).toBe(false);
    expect(windowOf({ start_date: now, end_date: at(-1) }, now).ok).toBe(false);
  });

  it('reads a form with attribute[…] fields, a key named __proto__ being just a key', () => {
    const fields = formFields(new URLSearchParams('api_key=k&service_code=01.01&address_id=C001&description=%E8%B7%AF%E7%81%AF%E4%B8%8D%E4%BA%AE%E4%BA%86&attribute[title]=%E8%B7%AF%E7%81%AF&attribute[anonymous]=true&__proto__=x'));
    expect(fields.__proto__).toBe('x');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    const form = postRequestSchema.parse(fields);
    expect(filingOf(form)).toEqual({ subcategoryCode: '01.01', description: '路灯不亮了', compoundCode: 'C001', title: '路灯', anonymous: true });
  });
});
