import { describe, expect, it } from 'vitest';
import { phaseClock, phaseTag, windowText } from './poll-phase';

describe('poll phases, as people read them', () => {
  it('names each phase in Chinese with its colour', () => {
    expect(phaseTag('voting')).toEqual({ label: '投票中', tone: 'success' });
    expect(phaseTag('scheduled').label).toBe('未开始');
    expect(phaseTag('ended').label).toBe('已结束');
  });

  it('writes the window in Beijing time', () => {
    expect(windowText('2026-03-20T02:00:00.000Z', '2026-03-27T10:00:00.000Z')).toBe('2026-03-20 10:00 至 2026-03-27 18:00');
  });

  it('tells how long is left to vote, or until voting starts, and nothing once ended', () => {
    const now = new Date('2026-03-20T00:00:00.000Z');
    expect(phaseClock('voting', '2026-03-19T00:00:00.000Z', '2026-03-22T03:00:00.000Z', now)).toBe('还剩 2天3小时截止');
    expect(phaseClock('scheduled', '2026-03-20T05:00:00.000Z', '2026-03-22T00:00:00.000Z', now)).toBe('5小时后开始');
    expect(phaseClock('ended', '2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z', now)).toBeNull();
  });
});
