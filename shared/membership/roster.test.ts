import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeRoster, readRoster } from './roster';

const compounds = new Map([
  ['C001', { code: 'C001', buildings: [{ code: 'B01', name: '1栋' }, { code: 'B03', name: '3栋' }] }],
  ['C002', { code: 'C002', buildings: [{ code: 'B01', name: '1栋' }] }],
]);

const header = '小区编号,楼栋编号,单元,房号,姓名,手机号,关系';
const utf8 = (text: string) => new TextEncoder().encode(text);
const gbk = (text: string) => new Uint8Array(iconv.encode(text, 'gbk'));

describe('decodeRoster', () => {
  it('reads UTF-8 (with or without a BOM) and GBK, and refuses bytes that fit neither', () => {
    expect(decodeRoster(utf8('\uFEFF姓名'))).toEqual({ text: '姓名', encoding: 'utf-8' });
    expect(decodeRoster(gbk('姓名,业主'))).toEqual({ text: '姓名,业主', encoding: 'gb18030' });
    // 0x81 0x20 is a broken lead byte in both.
    expect(decodeRoster(new Uint8Array([0x81, 0x20, 0x81]))).toBeNull();
  });
});

describe('readRoster', () => {
  const rows = [header, 'C001,B03,2,201,王秀英,13800000001,业主', 'C001,B03,2,201,李建国,13800000002,家属', 'C002,B01,1,101,赵敏,13800000003,租户'].join('\n');

  it('groups the residents of one room into a household, from UTF-8 and from GBK alike', () => {
    for (const bytes of [utf8(rows), gbk(rows)]) {
      const reading = readRoster(bytes, compounds);
      expect(reading.ok).toBe(true);
      if (!reading.ok) return;
      expect(reading.rows).toBe(3);
      expect(reading.households).toEqual([
        {
          compoundCode: 'C001',
          buildingCode: 'B03',
          unit: '2',
          room: '201',
          residents: [
            { line: 2, name: '王秀英', phone: '13800000001', relation: 'owner' },
            { line: 3, name: '李建国', phone: '13800000002', relation: 'family' },
          ],
        },
        { compoundCode: 'C002', buildingCode: 'B01', unit: '1', room: '101', residents: [{ line: 4, name: '赵敏', phone: '13800000003', relation: 'tenant' }] },
      ]);
    }
  });

  it('rejects every bad row with its reasons and imports nothing', () => {
    const bad = [
      header,
      'C001,B03,2,201,王秀英,13800000001,业主',
      'C009,B01,1,101,张三,13800000004,业主',
      'C001,B09,1,101,李四,1380000,房东',
      'C001,B03,2,201,王秀英,13800000001,业主',
      ',,,,,,',
    ].join('\n');
    const reading = readRoster(utf8(bad), compounds);
    expect(reading).toEqual({
      ok: false,
      encoding: 'utf-8',
      rejected: [
        { line: 3, reasons: ['小区编号 C009 不存在或不在本社区范围内'] },
        { line: 4, reasons: ['楼栋 B09 不属于该小区', '手机号须为11位', '关系须为业主、租户或家属'] },
        { line: 5, reasons: ['与第 2 行重复（同一房间同一手机号）'] },
        { line: 6, reasons: ['缺少小区编号', '缺少楼栋编号', '缺少单元', '缺少房号', '缺少姓名', '手机号须为11位', '关系须为业主、租户或家属'] },
      ],
    });
  });

  it('names the missing columns and the unreadable file instead of guessing', () => {
    expect(readRoster(utf8('小区编号,姓名\nC001,王秀英'), compounds)).toMatchObject({ ok: false, problem: '缺少列：楼栋编号、单元、房号、手机号、关系' });
    expect(readRoster(new Uint8Array([0x81, 0x20]), compounds)).toMatchObject({ ok: false, encoding: null });
    expect(readRoster(utf8(''), compounds)).toMatchObject({ ok: false, problem: '文件为空' });
    expect(readRoster(utf8(`${header}\n"C001,B03`), compounds)).toMatchObject({ ok: false, problem: expect.stringContaining('CSV 格式有误') });
  });

  it('takes English field names as headers too', () => {
    const reading = readRoster(utf8('compoundCode,buildingCode,unit,room,name,phone,relation\nC001,B01,1,101,王秀英,13800000001,owner'), compounds);
    expect(reading).toMatchObject({ ok: true, rows: 1 });
  });
});
