import Taro from '@tarojs/taro';
import type { z } from 'zod';
import type { DashboardTable, dashboardQuerySchema, dashboardSchema, figureRowSchema, publicStatsSchema, trendPointSchema } from '../../shared/api/stats';
import { saveInBrowser } from './browser-download';
import { API_BASE, ApiError, NETWORK_ERROR_MESSAGE, readToken, request, toApiError, withQuery } from './http';

/**
 * Statistics (统计分析) as the app receives them: the JSON side of the shared schemas. The only
 * code that calls `/api/v1/stats/*`.
 */
export type Dashboard = z.input<typeof dashboardSchema>;
export type DashboardQuery = z.input<typeof dashboardQuerySchema>;
export type FigureRow = z.input<typeof figureRowSchema>;
export type TrendPoint = z.input<typeof trendPointSchema>;
export type PublicStats = z.input<typeof publicStatsSchema>;
export type PublicPeriod = PublicStats['periods'][number];
export type { DashboardTable } from '../../shared/api/stats';
export type ExportFormat = 'csv' | 'xlsx';

/** The account's dashboard for a period; 403 `stats.forbidden` / `stats.out_of_scope` outside its scope. */
export function getDashboard(query: DashboardQuery): Promise<Dashboard> {
  return request<Dashboard>('GET', '/api/v1/stats/dashboard', undefined, { query: { ...query } });
}

/** The district's public figures: this week, this month and since launch. No login. */
export function getPublicStats(): Promise<PublicStats> {
  return request<PublicStats>('GET', '/api/v1/stats/public');
}

/** Where one table of the dashboard downloads, with the same filter as the dashboard shows. */
export function statsExportUrl(query: DashboardQuery, table: DashboardTable, format: ExportFormat): string {
  return `${API_BASE}${withQuery('/api/v1/stats/export', { ...query, table, format })}`;
}

const mimeTypes: Record<ExportFormat, string> = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The file name a download is saved under, e.g. `统计-units-2026-11-01至2026-11-30.xlsx`. */
export function exportFileName(query: DashboardQuery, table: DashboardTable, format: ExportFormat): string {
  return `统计-${table}-${query.from}至${query.to}.${format}`;
}

/**
 * Saves one table as CSV or Excel. The export, like every staff route, wants the bearer token in
 * a header, never in an address (addresses end up in logs and histories): on H5 the file is
 * fetched with the token and handed to the browser as a Blob download; in the mini-program it is
 * downloaded with the token and opened in WeChat's document viewer (which can forward or save it).
 */
export async function saveStatsExport(query: DashboardQuery, table: DashboardTable, format: ExportFormat): Promise<void> {
  const url = statsExportUrl(query, table, format);
  const fileName = exportFileName(query, table, format);
  if (process.env.TARO_ENV === 'h5') {
    // Through `Taro.request`, so the interceptor adds the token and turns failures into ApiErrors.
    const res = await Taro.request<ArrayBuffer>({ url, method: 'GET', responseType: 'arraybuffer', dataType: 'binary', timeout: 30000 });
    saveInBrowser(new Blob([res.data], { type: mimeTypes[format] }), fileName);
    return;
  }
  const token = readToken();
  let downloaded: Taro.downloadFile.FileSuccessCallbackResult;
  try {
    downloaded = await Taro.downloadFile({ url, header: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch (cause) {
    throw new ApiError('network', NETWORK_ERROR_MESSAGE, 0, cause);
  }
  if (downloaded.statusCode !== 200) throw toApiError(downloaded.statusCode, undefined);
  await Taro.openDocument({ filePath: downloaded.tempFilePath, fileType: format, showMenu: true } as Taro.openDocument.Option);
}
