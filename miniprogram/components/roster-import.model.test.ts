import { describe, expect, it } from 'vitest';
import { looksLikeCsv, rosterRefusalOf, rosterSample, ROSTER_COLUMNS } from './roster-import.model';

describe('the roster import', () => {
  it('offers a sample whose header is the columns the server reads, in order', () => {
    const [header, line] = rosterSample('C012').trim().split('\n');
    expect(header.split(',')).toEqual([...ROSTER_COLUMNS]);
    expect(line.split(',')).toEqual(['C012', 'C012-B03', '1', '302', '张三', '13800000000', '业主']);
  });

  it('lists the rejected rows by line with their reasons', () => {
    const refusal = rosterRefusalOf({ rejected: [{ line: 4, reasons: ['手机号须为11位'] }, { line: 2, reasons: ['楼栋编号 X 不存在', '关系须为业主、租户或家属'] }], problem: '' }, '花名册有错误');
    expect(refusal).toEqual({ kind: 'rows', problem: null, rows: [{ line: 2, reasons: ['楼栋编号 X 不存在', '关系须为业主、租户或家属'] }, { line: 4, reasons: ['手机号须为11位'] }] });
  });

  it("names the whole file's problem when no row is at fault, else the server's message", () => {
    expect(rosterRefusalOf({ rejected: [], problem: '缺少列：手机号' }, '花名册有错误')).toEqual({ kind: 'file', problem: '缺少列：手机号' });
    expect(rosterRefusalOf(undefined, '文件编码无法识别')).toEqual({ kind: 'file', problem: '文件编码无法识别' });
  });

  it('ignores malformed rows in the details rather than showing nonsense', () => {
    expect(rosterRefusalOf({ rejected: [{ line: 'x' }, null, { line: 3, reasons: ['重复'] }] }, '')).toEqual({ kind: 'rows', problem: null, rows: [{ line: 3, reasons: ['重复'] }] });
  });

  it('takes only .csv files', () => {
    expect(looksLikeCsv('花名册.CSV')).toBe(true);
    expect(looksLikeCsv('花名册.xlsx')).toBe(false);
  });
});
