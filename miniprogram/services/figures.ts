import type { z } from 'zod';
import type { districtFiguresSchema, figureBreakdownSchema, periodFiguresSchema } from '../../shared/api/figures';
import { request } from './http';

/**
 * The district's public figures (全区数据): what was reported and closed, and how well, for this
 * week, this month and since launch, each by category and by street. Anyone may read them.
 */
export type DistrictFigures = z.input<typeof districtFiguresSchema>;
export type PeriodFigures = z.input<typeof periodFiguresSchema>;
export type FiguresRow = z.input<typeof figureBreakdownSchema>;

export function getFigures(): Promise<DistrictFigures> {
  return request<DistrictFigures>('GET', '/api/v1/figures');
}
