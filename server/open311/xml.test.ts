import { describe, expect, it } from 'vitest';
import { parseXml, plainOfJson, plainOfXml } from '../testing/open311';
import { escapeXml, toXmlDocument } from './xml';

describe('the Open311 XML writer', () => {
  it('escapes markup and drops what XML cannot carry, so any text makes a well-formed document that reads back', () => {
    const nasty = `井盖<破损> & "引号" 'apos' ]]> \u0001\u0008控制\uD800字符 😀`;
    const xml = toXmlDocument('service_requests', [{ description: nasty, lat: 31.8, nothing: null }]);
    const read = plainOfXml(parseXml(xml).root);
    expect(read).toEqual(plainOfJson([{ description: `井盖<破损> & "引号" 'apos' ]]> 控制字符 😀`, lat: 31.8, nothing: null }]));
    expect(escapeXml('a<b')).toBe('a&lt;b');
  });

  it('refuses to write a list it has no item name for, rather than inventing markup', () => {
    expect(() => toXmlDocument('things', [1])).toThrow(/item name/);
  });
});
