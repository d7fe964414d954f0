import { request } from './http';

/**
 * The district's public figures (全区数据): what was reported and closed, and how well, over three
 * periods, by category and by street. Anyone may read them, signed in or not.
 */
export interface PeriodFigures {
  /** When the period starts (ISO); for `all` the day the platform went live. */
  from: string;
  reported: number;
  closed: number;
  closedOnTime: number;
  /** Share of closed cases closed within their time limit, 0–1; null before anything closed. */
  onTimeRate: number | null;
  satisfaction: { average: number | null; count: number };
}

export interface FiguresRow {
  code: string;
  name: string;
  reported: number;
  closed: number;
}

export interface DistrictFigures {
  generatedAt: string;
  periods: { week: PeriodFigures; month: PeriodFigures; all: PeriodFigures };
  byCategory: FiguresRow[];
  byStreet: FiguresRow[];
}

export function getFigures(): Promise<DistrictFigures> {
  return request<DistrictFigures>('GET', '/api/v1/figures');
}
