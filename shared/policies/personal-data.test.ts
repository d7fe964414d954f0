import { describe, expect, it } from 'vitest';
import { findPersonalData, maskPersonalData } from './personal-data';

/** Input → what anyone beyond the case's parties reads. Written by hand, not by running the function. */
const cases: [string, string, string][] = [
  // phones
  ['mobile', '我是王女士，电话13812345678，请联系', '我是王女士，电话138****5678，请联系'],
  ['mobile with spaces', '手机 138 1234 5678', '手机 138****5678'],
  ['mobile with hyphens', '138-1234-5678', '138****5678'],
  ['mobile with +86', '+8613812345678', '138****5678'],
  ['mobile with +86 and a space', '+86 13812345678', '138****5678'],
  ['mobile with 0086', '008613812345678', '138****5678'],
  ['two mobiles', '13812345678或15955556666', '138****5678或159****6666'],
  ['landline with area code', '物业电话0551-63356789', '物业电话0551****89'],
  ['landline in brackets', '(0551)63356789', '0551****89'],
  ['landline in full-width brackets', '（0551）6335678', '0551****78'],
  // ID numbers
  ['18-digit ID', '身份证340104199003071234', '身份证34**************34'],
  ['18-digit ID ending in X', '身份证号34010419900307123X。', '身份证号34**************3X。'],
  ['15-digit old ID', '旧证号340104900307123', '旧证号34***********23'],
  ['bank card', '卡号6222021234567890123', '卡号62***************23'],
  // plates
  ['plate', '车牌皖A12345的车堵住消防通道', '车牌皖A****5的车堵住消防通道'],
  ['new-energy plate', '皖AD12345', '皖A*****5'],
  ['plate with a dot', '皖A·12345', '皖A****5'],
  ['plate in lower case', '皖a12345', '皖a****5'],
  ['plate of another province', '苏E8K2L9 停在路口', '苏E****9 停在路口'],
  ['trailer plate', '皖A1234挂', '皖A****挂'],
  // e-mail
  ['e-mail', '邮箱 wang.li@example.com', '邮箱 w***@example.com'],
  ['e-mail with a number as name', '13812345678@qq.com', '1***@qq.com'],
  // left alone
  ['the hotline', '请拨打12345热线', '请拨打12345热线'],
  ['building and unit numbers', '3号楼2单元1102室', '3号楼2单元1102室'],
  ['a date and a time', '2026年3月9日 09:30 发现', '2026年3月9日 09:30 发现'],
  ['a 12-digit order number', '工单号202603090001', '工单号202603090001'],
  ['a word with a province character', '新建的A区1号门', '新建的A区1号门'],
  ['empty text', '', ''],
  // a public summary written by staff that still carries everything
  [
    'a public summary',
    '居民王女士（13812345678，身份证340104199003071234）反映皖AD12345长期占用消防通道，可联系wang@example.com。已由交警处置。',
    '居民王女士（138****5678，身份证34**************34）反映皖A*****5长期占用消防通道，可联系w***@example.com。已由交警处置。',
  ],
];

describe('maskPersonalData', () => {
  it.each(cases)('%s', (_name, input, expected) => {
    expect(maskPersonalData(input)).toBe(expected);
  });

  it.each(cases)('leaves masked text unchanged: %s', (_name, _input, expected) => {
    expect(maskPersonalData(expected)).toBe(expected);
  });
});

describe('findPersonalData', () => {
  it('names each kind found once, in a fixed order', () => {
    expect(findPersonalData('皖A12345 13812345678 a@b.cn 13900001111')).toEqual(['phone', 'plate', 'email']);
    expect(findPersonalData('身份证340104199003071234')).toEqual(['id_number']);
  });

  it('finds nothing in plain text', () => {
    expect(findPersonalData('3号楼电梯突然下坠，请尽快处理')).toEqual([]);
  });
});
