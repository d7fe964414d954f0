import { describe, expect, it } from 'vitest';
import { beijingTime, clip, formatSubscribeField, formatTemplateLine, subscribeFieldTypeOf } from './fields';

describe('subscribeFieldTypeOf', () => {
  it.each([
    ['thing1', 'thing'],
    ['phrase12', 'phrase'],
    ['character_string3', 'character_string'],
    ['time4', 'time'],
    ['phone_number5', 'phone_number'],
  ])('reads the type %s → %s from the key', (key, type) => {
    expect(subscribeFieldTypeOf(key)).toBe(type);
  });

  it.each(['thing', 'keyword1', 'color1', 'Thing1', '1thing'])('knows no type for %s', (key) => {
    expect(subscribeFieldTypeOf(key)).toBeUndefined();
  });
});

describe('formatSubscribeField', () => {
  it('cuts a thing to 20 characters, counting Chinese as one each, the last an ellipsis', () => {
    const long = '小区东门垃圾桶满溢三天无人清理，气味很大影响出行';
    const value = formatSubscribeField('thing', long);
    expect([...value]).toHaveLength(20);
    expect(value.endsWith('…')).toBe(true);
    expect(formatSubscribeField('thing', '楼道灯坏了')).toBe('楼道灯坏了');
  });

  it('keeps a phrase to five Chinese characters and nothing else', () => {
    expect(formatSubscribeField('phrase', '已受理')).toBe('已受理');
    expect(formatSubscribeField('phrase', 'OK 已派单 (1)')).toBe('已派单');
    expect(formatSubscribeField('phrase', '案件办理已经全部完成')).toBe('案件办理已');
    expect(formatSubscribeField('phrase', 'done')).toBe('有更新');
  });

  it('writes a time in Beijing time as YYYY年MM月DD日 HH:mm, whatever the server time zone', () => {
    expect(formatSubscribeField('time', new Date('2026-03-08T17:05:00Z'))).toBe('2026年03月09日 01:05');
    expect(formatSubscribeField('date', new Date('2026-12-31T16:00:00Z'))).toBe('2027年01月01日');
    expect(beijingTime(new Date('2026-03-09T01:30:00Z'))).toMatch(/^\d{4}年\d{2}月\d{2}日 \d{2}:\d{2}$/);
  });

  it('keeps a character_string to 32 digits, letters and symbols: no Chinese, no spaces', () => {
    expect(formatSubscribeField('character_string', 'BH20260309-0001')).toBe('BH20260309-0001');
    expect(formatSubscribeField('character_string', '编号 BH-1')).toBe('BH-1');
    expect(formatSubscribeField('character_string', 'x'.repeat(40))).toHaveLength(32);
  });

  it('keeps numbers to digits, letters to letters, a name to ten Chinese characters', () => {
    expect(formatSubscribeField('number', '共 12.5 件')).toBe('12.5');
    expect(formatSubscribeField('letter', 'A-1 b')).toBe('Ab');
    expect(formatSubscribeField('name', '包河区城市管理局执法大队第一中队')).toBe('包河区城市管理局执法');
    expect(formatSubscribeField('name', 'Zhang San Feng The Third Of Baohe')).toHaveLength(20);
  });

  it('never sends an empty value: WeChat refuses a message with one', () => {
    expect(formatSubscribeField('thing', '   ')).toBe('无');
    expect(formatSubscribeField('character_string', '案件')).toBe('-');
  });
});

describe('service-account template lines', () => {
  it('cuts each line to 20 characters and writes instants in Beijing time', () => {
    expect([...formatTemplateLine('关于包河区某某街道某某小区某某楼道堆放杂物的反映')]).toHaveLength(20);
    expect(formatTemplateLine(new Date('2026-03-09T01:30:00Z'))).toBe('2026年03月09日 09:30');
    expect(clip('a\n  b', 20)).toBe('a b');
  });
});
