/**
 * The roster import, pure: the columns the server reads (shared/membership/roster.ts), a sample
 * to copy, and what a refusal means (each bad row with its reasons, or the file's one problem).
 */

export const ROSTER_COLUMNS = ['小区编号', '楼栋编号', '单元', '房号', '姓名', '手机号', '关系'] as const;
export const ROSTER_RELATIONS = ['业主', '租户', '家属'] as const;

/** A file a community can start from: the header and one line for a compound of theirs. */
export function rosterSample(compoundCode = 'C001'): string {
  return `${ROSTER_COLUMNS.join(',')}\n${compoundCode},${compoundCode}-B03,1,302,张三,13800000000,业主\n`;
}

export interface RejectedRow {
  line: number;
  reasons: string[];
}

export type RosterRefusal = { kind: 'rows'; rows: RejectedRow[]; problem: string | null } | { kind: 'file'; problem: string };

/** What a refused import's details say: rows to fix (by line), or a problem of the whole file (empty, a column missing, not text). */
export function rosterRefusalOf(details: unknown, message: string): RosterRefusal {
  const record = typeof details === 'object' && details !== null ? (details as { rejected?: unknown; problem?: unknown }) : {};
  const problem = typeof record.problem === 'string' && record.problem !== '' ? record.problem : null;
  const rows = Array.isArray(record.rejected)
    ? record.rejected.filter((row): row is RejectedRow => typeof row === 'object' && row !== null && typeof (row as RejectedRow).line === 'number' && Array.isArray((row as RejectedRow).reasons))
    : [];
  if (rows.length > 0) return { kind: 'rows', rows: [...rows].sort((a, b) => a.line - b.line), problem };
  return { kind: 'file', problem: problem ?? message };
}

/** The file's name is the community's business; only its extension is checked, the contents are the server's. */
export function looksLikeCsv(fileName: string): boolean {
  return /\.csv$/i.test(fileName.trim());
}
