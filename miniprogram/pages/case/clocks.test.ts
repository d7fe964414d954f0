import { describe, expect, it } from 'vitest';
import { clockLine } from './clocks';

const base = {
  stage: 'handle' as const,
  stageLabel: '处置',
  limitMs: 86_400_000,
  warnAt: null,
  warned: false,
  overdue: false,
  paused: false,
};

describe('clockLine', () => {
  const readAt = Date.parse('2026-03-20T00:00:00.000Z');

  it('counts a natural-day clock down to its deadline', () => {
    const clock = { ...base, basis: 'natural' as const, remainingMs: 2 * 3600_000, deadline: '2026-03-20T02:00:00.000Z' };
    expect(clockLine('本环节', clock, readAt, readAt + 30 * 60_000)).toMatchObject({ text: '剩 1小时30分钟', late: false, deadline: '2026-03-20 10:00' });
    expect(clockLine('本环节', clock, readAt, readAt + 3 * 3600_000)).toMatchObject({ text: '已超时 1小时', late: true });
  });

  it('lets a working-time clock fall only while the page is open', () => {
    const clock = { ...base, basis: 'working' as const, remainingMs: 3600_000, deadline: '2026-03-23T01:00:00.000Z' };
    expect(clockLine('办结', clock, readAt, readAt + 10 * 60_000)?.text).toBe('剩 50分钟');
  });

  it('says a paused clock is paused, and shows nothing without a clock', () => {
    expect(clockLine('本环节', { ...base, basis: 'natural', remainingMs: 5, deadline: null, paused: true }, readAt, readAt)?.text).toBe('已暂停');
    expect(clockLine('本环节', null, readAt, readAt)).toBeNull();
  });
});
