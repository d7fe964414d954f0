import type { Dashboard, FigureRow, PublicStats } from '../../services/stats';

/** A figure row with every count at zero and nothing known, but for what a test sets. */
export function buildFigureRow(overrides: Partial<FigureRow> = {}): FigureRow {
  return {
    code: 'ALL',
    name: '包河区',
    filed: 0,
    accepted: 0,
    rejected: 0,
    merged: 0,
    dispatched: 0,
    returned: 0,
    reassigned: 0,
    resolved: 0,
    closed: 0,
    closedOnTime: 0,
    onTimeRate: null,
    overdue: 0,
    warned: 0,
    urged: 0,
    escalated: 0,
    supervised: 0,
    reopened: 0,
    ratings: 0,
    satisfactionAverage: null,
    satisfiedRate: null,
    resolvedRate: null,
    medianHandlingHours: null,
    averageHandlingHours: null,
    averageHeldHours: null,
    ...overrides,
  };
}

/** A district dashboard for November 2026 (to the 28th), as the API would answer it. */
export function buildDashboard(overrides: Partial<Dashboard> = {}): Dashboard {
  return {
    scope: { kind: 'district', name: '包河区' },
    period: { from: '2026-11-01', to: '2026-11-28', days: 28 },
    previous: { from: '2026-10-04', to: '2026-10-31' },
    countedUntil: '2026-11-28T02:00:00.000Z',
    generatedAt: '2026-11-28T02:00:05.000Z',
    totals: buildFigureRow({ filed: 1200, closed: 1100, closedOnTime: 1045, onTimeRate: 0.95, overdue: 55, ratings: 300, satisfactionAverage: 4.6, medianHandlingHours: 20.5 }),
    previousTotals: buildFigureRow({ filed: 1000, closed: 1100, closedOnTime: 990, onTimeRate: 0.9, overdue: 80, ratings: 250, satisfactionAverage: 4.6, medianHandlingHours: 26 }),
    trend: {
      granularity: 'day',
      points: [
        { from: '2026-11-01', filed: 40, closed: 38, closedOnTime: 36, overdue: 2 },
        { from: '2026-11-02', filed: 45, closed: 41, closedOnTime: 40, overdue: 1 },
      ],
    },
    streets: [buildFigureRow({ code: 'ST01', name: '滨湖世纪社区', filed: 500, closed: 480 }), buildFigureRow({ code: 'ST02', name: '方兴社区', filed: 300, closed: 280 })],
    categories: [buildFigureRow({ code: 'C01', name: '市容环境', filed: 600, closed: 570 })],
    subcategories: [buildFigureRow({ code: 'C01-01', name: '暴露垃圾', filed: 200, closed: 190 })],
    units: [
      buildFigureRow({ code: 'U-CG-001', name: '区城管局', closed: 400, onTimeRate: 0.98, satisfactionAverage: 4.8, returned: 3, urged: 5, supervised: 1, escalated: 2, medianHandlingHours: 18 }),
      buildFigureRow({ code: 'U-PM-030', name: '绿城物业', closed: 120, onTimeRate: 0.85, satisfactionAverage: 4.1, returned: 9, urged: 12, supervised: 4, escalated: 3, medianHandlingHours: 60 }),
    ],
    grids: [buildFigureRow({ code: 'ST01-G01', name: '滨湖世纪第一网格', filed: 90, closed: 85 })],
    filters: { streets: [{ code: 'ST01', name: '滨湖世纪社区' }, { code: 'ST02', name: '方兴社区' }], categories: [{ code: 'C01', name: '市容环境' }] },
    ...overrides,
  };
}

export function buildPublicStats(): PublicStats {
  const period = (key: 'week' | 'month' | 'sinceLaunch', label: string, from: string, filed: number) => ({
    key,
    label,
    from,
    to: '2026-11-28',
    totals: { filed, closed: filed - 10, closedOnTime: filed - 20, onTimeRate: 0.9, satisfactionAverage: 4.5, ratings: 40 },
    byCategory: [{ code: 'C01', name: '市容环境', filed: filed - 5, closed: filed - 12 }],
    byStreet: [
      { code: 'ST02', name: '方兴社区', filed: 5, closed: 2 },
      { code: 'ST01', name: '滨湖世纪社区', filed: filed - 5, closed: filed - 12 },
    ],
  });
  return {
    generatedAt: '2026-11-28T02:00:05.000Z',
    countedUntil: '2026-11-28T02:00:00.000Z',
    periods: [period('week', '本周', '2026-11-23', 120), period('month', '本月', '2026-11-01', 1200), period('sinceLaunch', '上线以来', '2026-01-01', 84896)],
  };
}
