import { describe, expect, it } from 'vitest';
import { caseStatuses, caseStatusLabels, isClosed, isOpen, statusesIn, statusGroup } from './states';

describe('case statuses', () => {
  it('groups every status as open, paused or closed', () => {
    expect(statusesIn('open')).toEqual(['submitted', 'accepted', 'dispatched', 'in_progress', 'resolved', 'verified', 'returned']);
    expect(statusesIn('paused')).toEqual(['suspended']);
    expect(statusesIn('closed')).toEqual(['closed', 'rejected', 'merged']);
  });

  it('treats a suspended case as neither open nor closed', () => {
    expect(isOpen('suspended')).toBe(false);
    expect(isClosed('suspended')).toBe(false);
    expect(statusGroup('suspended')).toBe('paused');
  });

  it('treats a returned case as open: it waits for the centre to dispatch it again', () => {
    expect(isOpen('returned')).toBe(true);
  });

  it('has a Chinese label for every status', () => {
    expect(caseStatuses.map((s) => caseStatusLabels[s])).toEqual([
      '已提交',
      '已受理',
      '已派单',
      '处置中',
      '已回单',
      '已审核',
      '已结案',
      '已退回',
      '已挂起',
      '不予受理',
      '已合并',
    ]);
  });
});
