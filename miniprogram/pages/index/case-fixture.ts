import type { CaseSummary } from '../../services/cases';

/** An open, accepted case as lists show it: tests of the list pages change what they need. */
export function summary(id: string, title: string): CaseSummary {
  return {
    id,
    number: `BH-${id}`,
    status: 'accepted',
    statusLabel: '已受理',
    statusGroup: 'open',
    priority: 'general',
    priorityLabel: '一般',
    title,
    category: { code: '01', name: '市容环境' },
    subcategory: { code: '01.02', name: '垃圾桶满溢' },
    street: { code: 'ST01', name: '包公街道' },
    grid: { code: 'ST01-G01', name: '一网格' },
    compound: null,
    address: '包公街道',
    leadUnit: null,
    deadline: new Date(Date.now() + 3600_000).toISOString(),
    overdue: false,
    caseDeadline: null,
    caseOverdue: false,
    supervised: false,
    followers: 0,
    thumbnail: null,
    filedAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
  } as CaseSummary;
}
