import { describe, expect, it } from 'vitest';
import { auditWhat, dueLine, figure, lastVisitLine } from './labels';

const now = new Date('2026-11-28T02:00:00Z'); // 10:00 in Beijing
const schedule = (over: Partial<Parameters<typeof dueLine>[0]>): Parameters<typeof dueLine>[0] => ({
  dueAt: '2026-11-27T02:00:00Z',
  warnAt: '2026-11-26T02:00:00Z',
  reason: 'routine',
  state: 'overdue',
  latenessHours: 24,
  escalatedTo: [],
  ...over,
});

describe('the worklist’s due line', () => {
  it('says how late a visit is and who has been told, in red', () => {
    expect(dueLine(schedule({ dueAt: '2026-11-25T23:00:00Z', escalatedTo: ['grid_leader', 'community'] }), now)).toEqual({ text: '逾期 2天3小时，已提醒网格长、社区', tone: 'danger' });
  });

  it('says by when a visit due soon must be made, and why when a major change set it', () => {
    expect(dueLine(schedule({ state: 'due_soon', dueAt: '2026-11-28T08:00:00Z', reason: 'major_change' }), now)).toEqual({ text: '今天 16:00 前走访（重大变化后）', tone: 'warning' });
  });

  it('gives the planned date of a visit not yet due', () => {
    expect(dueLine(schedule({ state: 'scheduled', dueAt: '2027-01-05T01:00:00Z' }), now)).toEqual({ text: '下次走访 2027-01-05', tone: 'default' });
  });

  it('says when nobody has visited yet', () => {
    expect(lastVisitLine(null, now)).toBe('尚未走访');
    expect(lastVisitLine('2026-11-27T01:30:00Z', now)).toBe('上次走访 昨天 09:30');
  });
});

describe('the audit and the figures', () => {
  it('names what was done and to which field, and passes an unknown action through', () => {
    expect(auditWhat('unmask', 'phone')).toBe('查看明文：电话');
    expect(auditWhat('read', null)).toBe('打开档案');
    expect(auditWhat('reopen', null)).toBe('reopen');
  });

  it('shows a hidden group as under the threshold', () => {
    expect(figure(null, 5)).toBe('<5');
    expect(figure(0, 5)).toBe('0');
    expect(figure(12, 5)).toBe('12');
  });
});
