/** One cell of a CSV line: text or a number; an empty line is `[]`. */
export type CsvCell = string | number;

function csvCell(value: CsvCell): string {
  const text = String(value);
  // A text with a leading = + - @ would be a formula in Excel: quoted with an apostrophe (CSV injection).
  const safe = typeof value === 'string' && /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Lines as a CSV for a spreadsheet: UTF-8 with a BOM (Excel in Chinese reads it right), CRLF, no cell read as a formula. */
export function csvOf(lines: readonly (readonly CsvCell[])[]): string {
  return `\uFEFF${lines.map((line) => line.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
