import ExcelJS from 'exceljs';
import { tableTitles, type ColumnKind, type ExportSheet } from '../commands/stats/export';
import { csvOf, type CsvCell } from './csv';

/** A statistics table as a file to download. */
export interface ExportFile {
  /** ASCII, for the plain `filename` of Content-Disposition. */
  filename: string;
  /** Chinese, for `filename*`. */
  title: string;
  contentType: string;
  body: string | Buffer;
}

/** CSV: UTF-8 with a BOM; rates as percentages, an empty cell for a rate with nothing under it. */
function csvFile(sheet: ExportSheet): string {
  const cell = (value: string | number | null, kind: ColumnKind): CsvCell => (value === null ? '' : kind === 'rate' && typeof value === 'number' ? `${(value * 100).toFixed(2)}%` : value);
  return csvOf([[sheet.title], ...sheet.about, [], sheet.headers, ...sheet.rows.map((row) => row.map((value, index) => cell(value, sheet.kinds[index]!)))]);
}

/** Excel: one sheet, the title in bold, the header row frozen, rates as percentages of real numbers. */
async function xlsxFile(sheet: ExportSheet): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '共治包河';
  const worksheet = workbook.addWorksheet(tableTitles[sheet.table]);
  worksheet.addRow([sheet.title]).font = { bold: true, size: 14 };
  for (const line of sheet.about) worksheet.addRow(line);
  worksheet.addRow([]);
  const header = worksheet.addRow(sheet.headers);
  header.font = { bold: true };
  for (const row of sheet.rows) worksheet.addRow(row.map((value) => value ?? ''));
  sheet.kinds.forEach((kind, index) => {
    const column = worksheet.getColumn(index + 1);
    column.width = Math.max(10, sheet.headers[index]!.length * 2 + 2);
    if (kind === 'rate') column.numFmt = '0.00%';
  });
  worksheet.views = [{ state: 'frozen', ySplit: header.number }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The sheet as the file asked for: `stats-<table>-<from>-<to>.csv|xlsx`, titled in Chinese. */
export async function statsExportFile(sheet: ExportSheet, format: 'csv' | 'xlsx'): Promise<ExportFile> {
  const base = `stats-${sheet.table}-${sheet.period.from}-${sheet.period.to}`;
  const title = `${sheet.title}-${sheet.period.from}至${sheet.period.to}`;
  return format === 'csv'
    ? { filename: `${base}.csv`, title: `${title}.csv`, contentType: 'text/csv; charset=utf-8', body: csvFile(sheet) }
    : { filename: `${base}.xlsx`, title: `${title}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: await xlsxFile(sheet) };
}
