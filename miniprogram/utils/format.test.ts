import { describe, expect, it } from 'vitest';
import { formatDateTime, formatRate, formatRemaining, formatTime, maskPhone, statusTone } from './format';

// 2026-11-27 14:00 in Beijing.
const now = new Date('2026-11-27T06:00:00Z');

describe('formatTime', () => {
  it('says how long ago within the hour', () => {
    expect(formatTime(new Date(now.getTime() - 20_000), now)).toBe('刚刚');
    expect(formatTime(new Date(now.getTime() - 5 * 60_000), now)).toBe('5分钟前');
  });

  it('names today and yesterday by Beijing calendar days, not by 24 hours', () => {
    expect(formatTime('2026-11-27T00:30:00Z', now)).toBe('今天 08:30');
    // 23:50 on the 26th in Beijing is yesterday even though it is under 24 hours ago.
    expect(formatTime('2026-11-26T15:50:00Z', now)).toBe('昨天 23:50');
    // 07:59 UTC on the 26th is 15:59 on the 26th Beijing: yesterday.
    expect(formatTime('2026-11-26T07:59:00Z', now)).toBe('昨天 15:59');
  });

  it('gives month and day this year and the full date before', () => {
    expect(formatTime('2026-03-05T02:00:00Z', now)).toBe('03-05 10:00');
    // New Year's Eve in UTC is already this year in Beijing.
    expect(formatTime('2025-12-31T17:00:00Z', now)).toBe('01-01 01:00');
    expect(formatTime('2025-06-01T02:00:00Z', now)).toBe('2025-06-01');
  });
});

describe('formatDateTime', () => {
  it('writes Beijing wall-clock time', () => {
    expect(formatDateTime('2026-11-27T16:05:00Z')).toBe('2026-11-28 00:05');
  });
});

describe('formatRemaining', () => {
  it('gives at most two units, largest first', () => {
    expect(formatRemaining((2 * 24 + 3) * 3600_000 + 59 * 60_000)).toBe('剩 2天3小时');
    expect(formatRemaining(3 * 24 * 3600_000)).toBe('剩 3天');
    expect(formatRemaining(5 * 3600_000 + 7 * 60_000)).toBe('剩 5小时7分钟');
    expect(formatRemaining(45 * 60_000)).toBe('剩 45分钟');
  });

  it('counts lateness once the deadline has passed, never "0 minutes late"', () => {
    expect(formatRemaining(-5 * 3600_000)).toBe('已超时 5小时');
    expect(formatRemaining(-10_000)).toBe('已超时 1分钟');
  });
});

describe('statusTone', () => {
  const open = { statusGroup: 'open', status: 'dispatched', overdue: false, caseOverdue: false };
  it('marks overdue open cases as danger and closed ones as success', () => {
    expect(statusTone(open)).toBe('primary');
    expect(statusTone({ ...open, overdue: true })).toBe('danger');
    expect(statusTone({ ...open, caseOverdue: true })).toBe('danger');
    expect(statusTone({ ...open, statusGroup: 'closed', status: 'closed', overdue: true })).toBe('success');
    expect(statusTone({ ...open, statusGroup: 'closed', status: 'rejected' })).toBe('default');
    expect(statusTone({ ...open, statusGroup: 'paused', status: 'suspended' })).toBe('warning');
  });
});

describe('maskPhone', () => {
  it('hides the middle four digits of every mobile number in a text', () => {
    expect(maskPhone('联系13812345678或15900001111')).toBe('联系138****5678或159****1111');
  });
});

describe('formatRate', () => {
  it('writes rates to one decimal, with a dash before anything is known', () => {
    expect(formatRate(0.958)).toBe('95.8%');
    expect(formatRate(1)).toBe('100.0%');
    expect(formatRate(0.0004)).toBe('0.0%');
    expect(formatRate(null)).toBe('—');
  });
});
