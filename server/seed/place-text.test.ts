import { describe, expect, it } from 'vitest';
import type { Compound } from '../../shared/domain/places';
import { match, placeTextIndex, type PlaceMatchOptions } from '../../shared/places/match-text';
import { COMPOUND_COUNT, generateDistrict } from './district';

/**
 * The place-text matcher (shared/places/match-text.ts) over the seed's real names: hotline-style
 * addresses built from them with the noise callers add. Lives here because shared/ may not import
 * the seed. Figures on the 2-core dev box, 2026-11-28: 522 compounds → 1,007 index keys built in
 * ~10 ms; ~10 µs per match of a 20–40 character address.
 */
const district = generateDistrict();
const index = placeTextIndex(district);
const streetOf = new Map(district.streets.map((s) => [s.code, s]));

const FULL_WIDTH_OFFSET = 0xfee0;
/** What an old hotline system's full-width input gives: ASCII digits and letters as ＡＢ１２. */
const fullWidth = (text: string) => text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + FULL_WIDTH_OFFSET));
const streetShort = (name: string) => name.replace(/(街道|镇|社区|片区)$/, '');
/** The name without its generic ending, as callers shorten it (望湖家园 → 望湖). */
const shortName = (name: string) => name.replace(/(安置小区|安居苑|宿舍区|家属院|集资楼|职工公寓|宿舍|花园|家园|嘉园|新村|新苑|南苑|北苑|和苑|佳苑|雅苑|名邸|华庭|雅居|公馆|新城|豪庭|公寓|名都|世家|一品|华府|苑|园|府|湾)$/, '');

interface Address {
  text: string;
  options?: PlaceMatchOptions;
  expected: string;
  form: 'full' | 'short';
}

/** Six ways a work order writes a compound's place; the last one shortens the name. */
function addressesFor(compound: Compound, i: number): Address {
  const street = streetOf.get(compound.streetCode)!;
  const n = (i % 23) + 1;
  const phone = `139551${String(10_000 + i * 37).slice(-5)}`;
  const forms: Address[] = [
    { text: `合肥市包河区${street.name}${compound.name}${n}栋${(i % 3) + 1}单元附近`, expected: compound.code, form: 'full' },
    { text: `${compound.name}小区旁边，来电人电话：${phone}`, expected: compound.code, form: 'full' },
    { text: fullWidth(`包河区 ${compound.name.split('').join(' ')} ${n}栋 门口`), expected: compound.code, form: 'full' },
    { text: `${compound.name}东门对面`, options: { street: streetShort(street.name) }, expected: compound.code, form: 'full' },
    {
      text: `包河区${street.name}徽州大道与太湖路交口${compound.name}${n}栋1502室，来电人王先生（${phone}）反映夜间施工噪音扰民`,
      expected: compound.code,
      form: 'full',
    },
    { text: `${street.name}${shortName(compound.name)}小区${n}号楼`, expected: compound.code, form: 'short' },
  ];
  return forms[i % forms.length];
}

// Every 9th compound of each street: 63 addresses, every street and all three housing kinds.
const sample = district.streets
  .flatMap((street) => district.compounds.filter((c) => c.streetCode === street.code).filter((_, i) => i % 9 === 0))
  .map((c, i) => addressesFor(c, i));
const results = sample.map((address) => ({ address, result: match(index, address.text, address.options) }));
const firstIsRight = (r: (typeof results)[number]) => r.result.candidates[0]?.code === r.address.expected;

describe('place text over the seed district', () => {
  it('covers the seed: every compound, all streets, a few dozen addresses', () => {
    expect(index.compoundCount).toBe(COMPOUND_COUNT);
    expect(sample.length).toBeGreaterThanOrEqual(50);
    const sampled = sample.map((a) => district.compounds.find((c) => c.code === a.expected)!);
    expect(new Set(sampled.map((c) => c.streetCode)).size).toBe(district.streets.length);
    expect(new Set(sampled.map((c) => c.kind)).size).toBe(3);
  });

  it('places every address that gives the full name first and confidently, whatever the noise', () => {
    const full = results.filter((r) => r.address.form === 'full');
    const wrong = full.filter((r) => !firstIsRight(r) || !r.result.decision.confident).map((r) => r.address.text);
    expect(wrong).toEqual([]);
  });

  it('never decides wrongly on a shortened name: it places the compound, or its street, or leaves it to a dispatcher', () => {
    const short = results.filter((r) => r.address.form === 'short');
    const streetOfExpected = (r: (typeof results)[number]) => district.compounds.find((c) => c.code === r.address.expected)!.streetCode;
    const confidentlyWrong = short.filter(
      (r) => r.result.decision.confident && !firstIsRight(r) && r.result.candidates[0].code !== streetOfExpected(r),
    );
    expect(short.length).toBeGreaterThanOrEqual(8);
    expect(confidentlyWrong.map((r) => r.address.text)).toEqual([]);
  });

  it('lists the right compound among the candidates for most shortened names with their street', () => {
    const short = results.filter((r) => r.address.form === 'short');
    const listed = short.filter((r) => r.result.candidates.some((c) => c.code === r.address.expected));
    // Short forms repeat within a street (望湖家园, 望湖嘉园, 望湖新村… all say 望湖), and 5 is the list's length.
    expect(listed.length / short.length).toBeGreaterThanOrEqual(0.75);
  });

  it('matches an address in well under a millisecond', () => {
    const texts = district.compounds.map((c, i) => addressesFor(c, i));
    const started = performance.now();
    for (let round = 0; round < 5; round++) for (const a of texts) match(index, a.text, a.options);
    const microsPerMatch = ((performance.now() - started) * 1000) / (texts.length * 5);
    // ~10 µs measured; the bound leaves room for a busy shared machine.
    expect(microsPerMatch).toBeLessThan(500);
  });
});
