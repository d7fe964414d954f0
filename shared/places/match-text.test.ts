import { describe, expect, it } from 'vitest';
import type { Compound, Street, Unit } from '../domain/places';
import { CLEAR_LEAD, CONFIDENT_SCORE, match, matchPlaceText, normalizePlaceText, placeTextIndex, type PlaceTextReference } from './match-text';

const buildStreet = (code: string, name: string, overrides: Partial<Street> = {}): Street => ({ code, name, kind: 'street', ...overrides });

let compoundSerial = 0;
const buildCompound = (name: string, streetCode: string, overrides: Partial<Compound> = {}): Compound => {
  const code = overrides.code ?? `C${String(++compoundSerial).padStart(3, '0')}`;
  return {
    code,
    name,
    kind: 'commodity',
    gridCode: `${streetCode}-G01`,
    streetCode,
    location: { lng: 117.3, lat: 31.8 },
    boundary: [
      { lng: 117.3, lat: 31.8 },
      { lng: 117.301, lat: 31.8 },
      { lng: 117.301, lat: 31.801 },
    ],
    buildings: [{ code: `${code}-B01`, name: '1栋' }],
    ...overrides,
  };
};

const buildCommittee = (code: string, name: string, streetCode: string): Unit => ({ code, name, type: 'community', streetCode, phone: '0551-63000000' });

const wanghu = buildStreet('ST03', '望湖街道');
const yandun = buildStreet('ST11', '烟墩街道');
const dawei = buildStreet('ST12', '大圩镇', { kind: 'town' });
const binhu = buildStreet('ST08', '滨湖世纪社区', { kind: 'large_community' });

const buildReference = (overrides: Partial<PlaceTextReference> = {}): PlaceTextReference => ({
  streets: [wanghu, yandun, dawei, binhu],
  compounds: [
    buildCompound('望湖家园', 'ST03', { code: 'C-WH-JY' }),
    buildCompound('望湖嘉园', 'ST03', { code: 'C-WH-JIA' }),
    buildCompound('望湖城华庭', 'ST03', { code: 'C-WHC' }),
    buildCompound('徽州花园', 'ST03', { code: 'C-HZ-HY', gridCode: 'ST03-G07' }),
    buildCompound('徽州南苑', 'ST11', { code: 'C-HZ-NY' }),
    buildCompound('曙光安置小区', 'ST11', { code: 'C-SG', kind: 'resettlement' }),
    buildCompound('花园嘉园', 'ST11', { code: 'C-HYJY' }),
    buildCompound('包河花园', 'ST11', { code: 'C-BH' }),
    buildCompound('滨湖世纪城春融苑', 'ST08', { code: 'C-CRY' }),
    buildCompound('大圩新村', 'ST12', { code: 'C-DW', kind: 'resettlement' }),
  ],
  units: [buildCommittee('U-CM-FH', '烟墩街道凤凰社区居委会', 'ST11')],
  ...overrides,
});

const reference = buildReference();
const index = placeTextIndex(reference);
const codes = (text: string, options?: Parameters<typeof match>[2]) => match(index, text, options).candidates.map((c) => c.code);

describe('normalizePlaceText', () => {
  it('folds full-width forms and drops spaces, punctuation and phone numbers', () => {
    expect(normalizePlaceText('望湖 家园（３栋）， 电话：139-5511-2345')).toBe('望湖家园3栋电话');
  });

  it('writes a phase given in digits in Chinese numerals, as names are', () => {
    expect(normalizePlaceText('徽州花园2期')).toBe('徽州花园二期');
    expect(normalizePlaceText('徽州花园12期')).toBe('徽州花园十二期');
  });
});

describe('match: full names', () => {
  it('places a compound named in full, confidently, with its street and grid', () => {
    const result = match(index, '徽州花园');
    expect(result.decision).toEqual({ confident: true, reason: 'clear_lead' });
    expect(result.candidates[0]).toMatchObject({ kind: 'compound', code: 'C-HZ-HY', name: '徽州花园', streetCode: 'ST03', gridCode: 'ST03-G07' });
    expect(result.candidates[0].score).toBeGreaterThanOrEqual(CONFIDENT_SCORE);
    expect(result.candidates[0].why).toContain('徽州花园');
  });

  it('finds the name inside a hotline address among building numbers, phone numbers and 附近/旁边', () => {
    for (const text of ['包河区徽州花园3栋2单元附近', '徽州花园小区旁边，联系电话13955112345', '来电人称在徽州花园东门对面']) {
      const result = match(index, text);
      expect(result.candidates[0]?.code, text).toBe('C-HZ-HY');
      expect(result.decision.confident, text).toBe(true);
    }
  });

  it('ignores full-width forms, spaces and punctuation inside the name', () => {
    expect(codes('徽 州 花 园（３栋）')[0]).toBe('C-HZ-HY');
    expect(codes('望湖城·华庭')[0]).toBe('C-WHC');
  });

  it('scores a compound higher when the street the text names is its own, and lists that street after it', () => {
    const alone = match(index, '徽州花园').candidates[0].score;
    const result = match(index, '望湖街道徽州花园');
    expect(result.candidates[0].code).toBe('C-HZ-HY');
    expect(result.candidates[0].score).toBeGreaterThan(alone);
    expect(result.candidates[1]).toMatchObject({ kind: 'street', code: 'ST03' });
    expect(result.decision.confident).toBe(true);
  });

  it('does not decide when the text puts a compound in another street than its own', () => {
    const result = match(index, '烟墩街道徽州花园');
    expect(result.decision).toEqual({ confident: false, reason: 'close_rival' });
    expect(result.candidates.map((c) => c.code).sort()).toEqual(['C-HZ-HY', 'ST11']);
    expect(result.candidates.find((c) => c.code === 'C-HZ-HY')!.why).toContain('该小区属望湖街道');
  });

  it('does not decide when the text names two compounds', () => {
    const result = match(index, '徽州花园与望湖家园之间');
    expect(result.decision).toEqual({ confident: false, reason: 'close_rival' });
    expect(codes('徽州花园与望湖家园之间').sort()).toEqual(['C-HZ-HY', 'C-WH-JY']);
  });

  it('accepts the name without its 小区 and with one added', () => {
    expect(match(index, '曙光安置').candidates[0].code).toBe('C-SG');
    expect(match(index, '曙光安置').decision.confident).toBe(true);
    expect(match(index, '大圩新村小区').candidates[0].code).toBe('C-DW');
  });
});

describe('match: compounds that share a name', () => {
  const twins = buildReference({
    compounds: [buildCompound('春江花园', 'ST03', { code: 'C-CJ-WH' }), buildCompound('春江花园', 'ST11', { code: 'C-CJ-YD' })],
  });

  it('offers both and does not decide when the text gives no street', () => {
    const result = matchPlaceText('春江花园5栋', twins);
    expect(result.candidates.map((c) => c.code)).toEqual(['C-CJ-WH', 'C-CJ-YD']);
    expect(result.candidates[0].score).toBe(result.candidates[1].score);
    expect(result.decision).toEqual({ confident: false, reason: 'close_rival' });
  });

  it('lets the street in the text decide', () => {
    const result = matchPlaceText('烟墩街道春江花园5栋', twins);
    expect(result.candidates[0].code).toBe('C-CJ-YD');
    expect(result.decision.confident).toBe(true);
  });

  it('lets the work order’s own street field decide', () => {
    const result = matchPlaceText('春江花园5栋', twins, { street: '望湖' });
    expect(result.candidates[0].code).toBe('C-CJ-WH');
    expect(result.decision.confident).toBe(true);
  });

  it('tells phases apart: 2期 is the second phase, and the name without a phase is not sure of either', () => {
    const phases = buildReference({
      compounds: [buildCompound('徽州花园', 'ST03', { code: 'C-P1' }), buildCompound('徽州花园二期', 'ST03', { code: 'C-P2' })],
    });
    const second = matchPlaceText('徽州花园2期8栋', phases);
    expect(second.candidates.map((c) => c.code)).toEqual(['C-P2']);
    expect(second.decision.confident).toBe(true);
    const onlySecond = buildReference({ compounds: [buildCompound('徽州花园二期', 'ST03', { code: 'C-P2' })] });
    expect(matchPlaceText('徽州花园', onlySecond).candidates[0].code).toBe('C-P2');
    expect(matchPlaceText('徽州花园', onlySecond).decision.confident).toBe(false);
  });
});

describe('match: short forms', () => {
  it('proposes every compound a short form may mean, without deciding', () => {
    const result = match(index, '徽州小区门口');
    expect(result.candidates.map((c) => c.code).sort()).toEqual(['C-HZ-HY', 'C-HZ-NY']);
    expect(result.decision).toEqual({ confident: false, reason: 'weak' });
    expect(result.candidates[0].why).toContain('2个小区同此简称');
  });

  it('ranks first the compound with that short form in the street the text names', () => {
    expect(codes('烟墩街道徽州小区')[0]).toBe('ST11');
    expect(codes('烟墩街道徽州小区').filter((c) => c.startsWith('C-'))).toEqual(['C-HZ-NY', 'C-HZ-HY']);
  });

  it('does not let the word that names a compound also vouch for its street', () => {
    // 望湖 is both the short form of 望湖家园 and the bare name of 望湖街道.
    const plainShortForm = match(index, '徽州小区').candidates[0];
    const result = match(index, '望湖小区');
    const compounds = result.candidates.filter((c) => c.kind === 'compound');
    expect(compounds.map((c) => c.code).sort()).toEqual(['C-WH-JIA', 'C-WH-JY']);
    for (const c of compounds) expect(c).toMatchObject({ score: plainShortForm.score, why: expect.not.stringContaining('相符') });
    expect(result.decision.confident).toBe(false);
  });

  it('matches the lakeside estates by the part after their area prefix', () => {
    const result = match(index, '春融苑东门');
    expect(result.candidates[0].code).toBe('C-CRY');
    expect(result.candidates[0].why).toContain('春融苑');
  });

  it('offers both the estate and the street of a hotline address that disagree, and leaves the choice to a dispatcher', () => {
    // 春融苑 lies in 滨湖世纪社区, the caller said 望湖街道; 徽州大道 and 太湖路 are roads.
    const result = match(index, '包河区望湖街道徽州大道与太湖路交口滨湖世纪城春融苑东门');
    expect(result.candidates.map((c) => c.code)).toEqual(['ST03', 'C-CRY']);
    expect(result.decision).toEqual({ confident: false, reason: 'close_rival' });
  });

  it('reads a short form followed by 路, 大道, 区 or 公园 as that road, district or park, not as a compound', () => {
    expect(codes('徽州大道与紫云路交口')).toEqual([]);
    expect(codes('合肥市包河区')).toEqual([]);
    expect(codes('包河公园南门')).toEqual([]);
    expect(codes('包河花园')).toEqual(['C-BH']);
  });

  it('does not count the shorter names a longer name contains', () => {
    expect(codes('望湖城华庭')).toEqual(['C-WHC']);
    expect(codes('望湖街道')).toEqual(['ST03']);
  });

  it('never reads a generic word as a short form (花园 is not short for 花园嘉园)', () => {
    expect(codes('春晖花园')).toEqual([]);
  });
});

describe('match: streets and committees', () => {
  it('places the case in a street named outright when no compound is named', () => {
    for (const text of ['望湖街道', '望湖街道办事处附近', '望湖街']) {
      const result = match(index, text);
      expect(result.candidates, text).toHaveLength(1);
      expect(result.candidates[0], text).toMatchObject({ kind: 'street', code: 'ST03', streetCode: 'ST03', name: '望湖街道' });
      expect(result.decision.confident, text).toBe(true);
    }
    expect(match(index, '大圩镇政府').candidates[0].code).toBe('ST12');
  });

  it('does not decide on a street mentioned only by its bare name', () => {
    const result = match(index, '烟墩一带');
    expect(result.candidates[0]).toMatchObject({ kind: 'street', code: 'ST11' });
    expect(result.decision).toEqual({ confident: false, reason: 'weak' });
  });

  it('does not decide between two streets named outright', () => {
    expect(match(index, '望湖街道与烟墩街道交界处').decision).toEqual({ confident: false, reason: 'close_rival' });
  });

  it('points a residents’ committee (凤凰社区) to its street, without deciding', () => {
    const result = match(index, '凤凰社区居委会旁边');
    expect(result.candidates[0]).toMatchObject({ kind: 'street', code: 'ST11' });
    expect(result.candidates[0].why).toContain('凤凰社区');
    expect(result.decision.confident).toBe(false);
  });
});

describe('match: nothing found', () => {
  it('returns no candidates and is not confident when the text names no known place', () => {
    for (const text of ['', '   ', '蜀山区长江西路100号', '13955112345']) {
      expect(match(index, text), text).toEqual({ candidates: [], decision: { confident: false, reason: 'no_match' } });
    }
  });
});

describe('match: output', () => {
  it('returns at most `limit` candidates, best first, in a stable order on ties', () => {
    const many = buildReference({
      compounds: ['望湖家园', '望湖嘉园', '望湖新村', '望湖花园', '望湖和苑', '望湖佳苑', '望湖新苑'].map((name, i) =>
        buildCompound(name, 'ST03', { code: `C${7 - i}` }),
      ),
    });
    const result = matchPlaceText('望湖小区', many, { limit: 3 });
    expect(result.candidates.map((c) => c.code)).toEqual(['C1', 'C2', 'C3']);
    expect(matchPlaceText('望湖小区', many).candidates).toHaveLength(5);
  });

  it('keeps every score within 0–1, and a clear lead is at least CLEAR_LEAD', () => {
    for (const text of ['望湖街道望湖家园', '徽州花园', '烟墩街道徽州小区', '春融苑']) {
      const { candidates, decision } = match(index, text);
      for (const c of candidates) expect(c.score).toBeGreaterThanOrEqual(0);
      for (const c of candidates) expect(c.score).toBeLessThanOrEqual(1);
      if (decision.confident && candidates[1]?.kind === 'compound') expect(candidates[0].score - candidates[1].score).toBeGreaterThanOrEqual(CLEAR_LEAD);
    }
  });

  it('gives the same answer through matchPlaceText as through a prepared index', () => {
    expect(matchPlaceText('望湖街道徽州花园3栋', reference)).toEqual(match(index, '望湖街道徽州花园3栋'));
  });
});
