import { describe, expect, it } from 'vitest';
import { exportFileName, statsExportUrl } from './stats';

describe('stats service', () => {
  it('builds the export address with the dashboard’s filter, leaving out what is not set', () => {
    expect(statsExportUrl({ from: '2026-11-01', to: '2026-11-28', streetCode: 'ST01', categoryCode: undefined }, 'units', 'xlsx')).toBe(
      '/api/v1/stats/export?from=2026-11-01&to=2026-11-28&streetCode=ST01&table=units&format=xlsx',
    );
  });

  it('names the file by table and period', () => {
    expect(exportFileName({ from: '2026-11-01', to: '2026-11-28' }, 'grids', 'csv')).toBe('统计-grids-2026-11-01至2026-11-28.csv');
  });
});
