import { parse } from 'csv-parse/sync';
import type { Compound } from '../domain/places';

/**
 * A community's roster (住户花名册) as a CSV file, read into households, pure: bytes in, either
 * every row accepted or the list of rejected rows with their reasons. Nothing is guessed — not the
 * encoding of a byte that fits neither, not a building that is not the compound's, not which of
 * two identical rows is meant — and nothing is imported while any row is rejected.
 */

export const rosterRelations = { 业主: 'owner', 租户: 'tenant', 家属: 'family' } as const;
export type RosterRelation = (typeof rosterRelations)[keyof typeof rosterRelations];

/** The columns, by the header a community writes (Chinese) or the field names (English). */
const columns = {
  compoundCode: ['小区编号', 'compoundCode'],
  buildingCode: ['楼栋编号', 'buildingCode'],
  unit: ['单元', 'unit'],
  room: ['房号', 'room'],
  name: ['姓名', 'name'],
  phone: ['手机号', 'phone'],
  relation: ['关系', 'relation'],
} as const;
type Column = keyof typeof columns;

export interface RosterResident {
  line: number;
  name: string;
  phone: string;
  relation: RosterRelation;
}

export interface RosterHousehold {
  compoundCode: string;
  buildingCode: string;
  unit: string;
  room: string;
  residents: RosterResident[];
}

export interface RejectedRow {
  /** The line in the file (the header is line 1). */
  line: number;
  reasons: string[];
}

export type RosterReading =
  | { ok: true; encoding: 'utf-8' | 'gb18030'; households: RosterHousehold[]; rows: number }
  | { ok: false; encoding: 'utf-8' | 'gb18030' | null; rejected: RejectedRow[]; problem?: string };

/** UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), else GB18030, the superset of GBK that Excel in Chinese writes. */
export function decodeRoster(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' } | null {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'utf-8' };
  } catch {
    try {
      return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
    } catch {
      return null;
    }
  }
}

export function readRoster(bytes: Uint8Array, compoundsInScope: ReadonlyMap<string, Pick<Compound, 'code' | 'buildings'>>): RosterReading {
  const decoded = decodeRoster(bytes);
  if (!decoded) return { ok: false, encoding: null, rejected: [], problem: '文件编码无法识别：请保存为 UTF-8 或 GBK 编码的 CSV' };
  let records: string[][];
  try {
    records = parse(decoded.text, { relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (error) {
    return { ok: false, encoding: decoded.encoding, rejected: [], problem: `CSV 格式有误：${(error as Error).message}` };
  }
  const [header, ...rows] = records;
  if (!header) return { ok: false, encoding: decoded.encoding, rejected: [], problem: '文件为空' };
  const index = columnIndex(header);
  const missing = (Object.keys(columns) as Column[]).filter((column) => index[column] === undefined);
  if (missing.length > 0) return { ok: false, encoding: decoded.encoding, rejected: [], problem: `缺少列：${missing.map((column) => columns[column][0]).join('、')}` };

  const rejected: RejectedRow[] = [];
  const households = new Map<string, RosterHousehold>();
  const seen = new Map<string, number>();
  rows.forEach((row, position) => {
    const line = position + 2;
    const cell = (column: Column) => row[index[column]!] ?? '';
    const reasons: string[] = [];
    const compound = compoundsInScope.get(cell('compoundCode'));
    if (!cell('compoundCode')) reasons.push('缺少小区编号');
    else if (!compound) reasons.push(`小区编号 ${cell('compoundCode')} 不存在或不在本社区范围内`);
    if (!cell('buildingCode')) reasons.push('缺少楼栋编号');
    else if (compound && !compound.buildings.some((building) => building.code === cell('buildingCode'))) reasons.push(`楼栋 ${cell('buildingCode')} 不属于该小区`);
    if (!cell('unit')) reasons.push('缺少单元');
    if (!cell('room')) reasons.push('缺少房号');
    if (!cell('name')) reasons.push('缺少姓名');
    if (!/^1[3-9]\d{9}$/.test(cell('phone'))) reasons.push('手机号须为11位');
    const relation = rosterRelations[cell('relation') as keyof typeof rosterRelations] ?? (Object.values(rosterRelations) as string[]).find((value) => value === cell('relation'));
    if (!relation) reasons.push('关系须为业主、租户或家属');
    const room = [cell('compoundCode'), cell('buildingCode'), cell('unit'), cell('room')].join('/');
    const person = `${room}/${cell('phone')}`;
    const earlier = seen.get(person);
    if (earlier !== undefined) reasons.push(`与第 ${earlier} 行重复（同一房间同一手机号）`);
    if (reasons.length > 0) {
      rejected.push({ line, reasons });
      return;
    }
    seen.set(person, line);
    const household = households.get(room) ?? { compoundCode: cell('compoundCode'), buildingCode: cell('buildingCode'), unit: cell('unit'), room: cell('room'), residents: [] };
    household.residents.push({ line, name: cell('name'), phone: cell('phone'), relation: relation as RosterRelation });
    households.set(room, household);
  });
  if (rejected.length > 0) return { ok: false, encoding: decoded.encoding, rejected };
  return { ok: true, encoding: decoded.encoding, households: [...households.values()], rows: rows.length };
}

function columnIndex(header: string[]): Partial<Record<Column, number>> {
  const cleaned = header.map((name) => name.replace(/^\uFEFF/, '').trim());
  return Object.fromEntries(
    (Object.keys(columns) as Column[]).flatMap((column) => {
      const at = cleaned.findIndex((name) => (columns[column] as readonly string[]).includes(name));
      return at === -1 ? [] : [[column, at]];
    }),
  );
}
