/**
 * The states of a case. Code asks for a state's group (`isOpen`, `isClosed`) instead of listing
 * states, so that adding a state touches this file only.
 */
export const caseStatuses = [
  'submitted',
  'accepted',
  'dispatched',
  'in_progress',
  'resolved',
  'verified',
  'closed',
  'returned',
  'suspended',
  'rejected',
  'merged',
] as const;

export type CaseStatus = (typeof caseStatuses)[number];

/** open: someone owes work on it; paused: its clock is stopped (挂起); closed: no further work. */
export type StatusGroup = 'open' | 'paused' | 'closed';

export const caseStatusInfo: Record<CaseStatus, { label: string; group: StatusGroup }> = {
  submitted: { label: '已提交', group: 'open' },
  accepted: { label: '已受理', group: 'open' },
  dispatched: { label: '已派单', group: 'open' },
  in_progress: { label: '处置中', group: 'open' },
  resolved: { label: '已回单', group: 'open' },
  verified: { label: '已审核', group: 'open' },
  closed: { label: '已结案', group: 'closed' },
  // A unit sent it back as not theirs: it waits for the centre to dispatch it again.
  returned: { label: '已退回', group: 'open' },
  suspended: { label: '已挂起', group: 'paused' },
  rejected: { label: '不予受理', group: 'closed' },
  merged: { label: '已合并', group: 'closed' },
};

export const caseStatusLabels: Record<CaseStatus, string> = Object.fromEntries(
  caseStatuses.map((s) => [s, caseStatusInfo[s].label]),
) as Record<CaseStatus, string>;

/** The group of a status: open, paused or closed. */
export function statusGroup(status: CaseStatus): StatusGroup {
  return caseStatusInfo[status].group;
}

/** Whether someone owes work on the case now (a suspended case is not open: its clock is stopped). */
export function isOpen(status: CaseStatus): boolean {
  return statusGroup(status) === 'open';
}

/** Whether the case is finished: closed, rejected or merged into another. */
export function isClosed(status: CaseStatus): boolean {
  return statusGroup(status) === 'closed';
}

/** Every status of a group, in lifecycle order. */
export function statusesIn(group: StatusGroup): CaseStatus[] {
  return caseStatuses.filter((s) => statusGroup(s) === group);
}
