import { describe, expect, it } from 'vitest';
import { summary } from '../../testing/case-fixtures';
import { appendPage, applyUpdate, matchesFilter, overdueFirst } from './case-list';

const a = summary({ id: 'a', filedAt: '2026-03-20T03:00:00.000Z' });
const b = summary({ id: 'b', filedAt: '2026-03-20T02:00:00.000Z' });

describe('a live case list', () => {
  it('appends a page without repeating a case already shown', () => {
    expect(appendPage([a], [a, b]).map((item) => item.id)).toEqual(['a', 'b']);
  });

  it('replaces a changed case in place and keeps whether I follow it', () => {
    const followed = { ...b, followed: true };
    const changed = summary({ id: 'b', filedAt: b.filedAt, status: 'in_progress', statusLabel: '处置中' });
    const next = applyUpdate([a, followed], { type: 'summary', caseId: 'b', summary: changed }, {});
    expect(next[1]).toMatchObject({ id: 'b', statusLabel: '处置中', followed: true });
  });

  it('drops a case that left, or no longer matches the tab', () => {
    expect(applyUpdate([a, b], { type: 'left', caseId: 'a' }, {}).map((item) => item.id)).toEqual(['b']);
    const closed = { ...a, status: 'closed' as const, statusGroup: 'closed' as const };
    expect(applyUpdate([a, b], { type: 'summary', caseId: 'a', summary: closed }, { group: 'open' }).map((item) => item.id)).toEqual(['b']);
  });

  it('adds a newly filed case on top, but not one that belongs to a page not loaded yet', () => {
    const newer = summary({ id: 'c', filedAt: '2026-03-20T04:00:00.000Z' });
    const older = summary({ id: 'd', filedAt: '2026-03-19T04:00:00.000Z' });
    expect(applyUpdate([a, b], { type: 'summary', caseId: 'c', summary: newer }, {}).map((item) => item.id)).toEqual(['c', 'a', 'b']);
    expect(applyUpdate([a, b], { type: 'summary', caseId: 'd', summary: older }, {}).map((item) => item.id)).toEqual(['a', 'b']);
  });

  it('matches the one filter a tab uses', () => {
    expect(matchesFilter(summary({ caseOverdue: true }), { overdue: 'true' })).toBe(true);
    expect(matchesFilter(summary(), { overdue: 'true' })).toBe(false);
    expect(matchesFilter(summary({ supervised: true }), { supervised: 'true' })).toBe(true);
    expect(matchesFilter(summary({ status: 'resolved' }), { status: 'dispatched' })).toBe(false);
  });

  it('puts the overdue cases first, each part in its order', () => {
    const late1 = summary({ id: 'l1', overdue: true });
    const late2 = summary({ id: 'l2', caseOverdue: true });
    const closedLate = summary({ id: 'cl', overdue: true, statusGroup: 'closed', status: 'closed' });
    expect(overdueFirst([a, late1, b, closedLate, late2]).map((item) => item.id)).toEqual(['l1', 'l2', 'a', 'b', 'cl']);
  });
});
