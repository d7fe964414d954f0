/**
 * Matching a place given only as text (a hotline work order's street and address, no coordinates)
 * to the district's compounds and streets. The result is a ranked list for a dispatcher and a
 * decision: confident only when one candidate is clearly ahead, otherwise a person confirms.
 *
 * Pure: reference data comes in, nothing is read or written. Build the index once per reference
 * data ({@link placeTextIndex}) and match many texts against it ({@link match}).
 */
import type { Compound, Street, Unit } from '../domain/places';

/** What the matcher knows about. Only residents' committees (`type: 'community'`) among `units` are used. */
export interface PlaceTextReference {
  streets: readonly Street[];
  compounds: readonly Compound[];
  units?: readonly Unit[];
}

export interface PlaceCandidate {
  kind: 'compound' | 'street';
  code: string;
  name: string;
  /** The street of a compound; a street's own code for a street. */
  streetCode: string;
  gridCode?: string;
  /** 0–1; comparable across candidates of one match only. */
  score: number;
  /** Why it was proposed, for the dispatcher (zh-CN). */
  why: string;
}

export type PlaceDecisionReason = 'clear_lead' | 'no_match' | 'weak' | 'close_rival';

export interface PlaceTextMatch {
  /** Best first; empty when nothing in the text names a known place. */
  candidates: PlaceCandidate[];
  /** `confident` lets the case be placed without a dispatcher; otherwise one confirms. */
  decision: { confident: boolean; reason: PlaceDecisionReason };
}

export interface PlaceMatchOptions {
  /** The work order's own street field, when it has one: a street found there counts as named outright. */
  street?: string;
  /** Most candidates returned (default 5). The decision is taken over all of them. */
  limit?: number;
}

// ---------------------------------------------------------------------------------------------
// Thresholds: how much each kind of evidence is worth.
// ---------------------------------------------------------------------------------------------

/**
 * A compound's full name alone is enough to place a case (0.8 ≥ {@link CONFIDENT_SCORE}); every
 * shortened form needs the street to agree before it gets there, because short forms repeat
 * across the district (the seed has eight 徽州… compounds).
 */
const NAME_SCORE = {
  full: 0.8,
  /** The name without a trailing 小区, which callers drop and add at will. */
  filler: 0.75,
  /** The name without its phase (徽州花园 for 徽州花园二期): the phases are different compounds. */
  phase: 0.6,
  /** The name without an area prefix (春融苑 for 滨湖世纪城春融苑), as the lakeside estates are called. */
  alias: 0.6,
  /** The name without its generic ending (望湖 for 望湖家园): shared by many, only the street tells them apart. */
  core: 0.45,
} as const;

/**
 * A street named outright is itself a placement the street's centre can dispatch from; a committee
 * or a bare place word only points towards one.
 */
const STREET_SCORE = { street: 0.8, committee: 0.6, street_bare: 0.4 } as const;
const STREET_STRENGTH = { street: 1, committee: 0.75, street_bare: 0.5 } as const;
/** A compound in the street the text names gains up to this much… */
const STREET_AGREES = 0.2;
/** …and one in another street loses up to this much: callers misname streets more often than compounds. */
const STREET_DIFFERS = 0.1;

/** The best candidate must reach this… */
export const CONFIDENT_SCORE = 0.75;
/** …and lead every rival (a candidate that is not the same place at another level) by this much. */
export const CLEAR_LEAD = 0.15;

const DEFAULT_LIMIT = 5;

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

/** Generic endings of compound names, longest first so 安置小区 is stripped before 小区. */
const GENERIC_SUFFIXES = [
  '职工公寓', '安置小区', '安置房', '安居苑', '宿舍区', '家属院', '家属区', '集资楼', '小区', '花园', '家园', '嘉园', '新村',
  '新苑', '南苑', '北苑', '东苑', '西苑', '和苑', '佳苑', '雅苑', '名邸', '华庭', '雅居', '公馆', '新城', '豪庭', '公寓',
  '名都', '世家', '一品', '华府', '宿舍', '苑', '园', '府', '湾', '城', '村', '居', '庭', '里', '坊', '舍',
].sort((a, b) => b.length - a.length);
const GENERIC_WORDS = new Set(GENERIC_SUFFIXES);

/** Endings of a street's name, and the ways callers write them (望湖街道办, 大圩镇政府). */
const STREET_NAME_ENDINGS = ['街道', '镇', '社区', '片区'];
const STREET_WRITTEN_ENDINGS = ['街道办事处', '街道办', '街道', '街', '镇政府', '镇', '大社区', '社区', '片区', '办事处'];

/**
 * Area words that lead many names and that callers leave out: 滨湖世纪城春融苑 is "春融苑" on the
 * phone. Longest first.
 */
const AREA_PREFIXES = ['滨湖世纪城', '滨湖新区', '滨湖', '合肥'];

/**
 * What follows a short form when it names something else: 徽州大道 is a road, 包河区 the district,
 * 包河公园 a park, not the 包河… compounds.
 */
const NOT_A_COMPOUND_AFTER = [
  '大道', '路', '街', '巷', '桥', '高架', '区', '市', '县', '省', '村', '公园', '广场', '大厦', '商场', '小学', '中学', '学校', '医院',
  '派出所', '站', '河', '湖', '山',
];
const ROAD_ENDINGS = ['大道', '路', '街', '巷', '桥'];

const CHINESE_DIGITS = '零一二三四五六七八九';

// ---------------------------------------------------------------------------------------------
// Normalisation
// ---------------------------------------------------------------------------------------------

/**
 * The text as matched: full-width forms folded (ＡＢ１ → ab1), spaces, punctuation and symbols
 * dropped, phone numbers (7 or more digits in a row) dropped, and 2期 written 二期 as names are.
 */
export function normalizePlaceText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '')
    .replace(/\d{7,}/g, '')
    .replace(/(\d{1,2})期/g, (_, n: string) => `${chineseNumeral(Number(n))}期`);
}

function chineseNumeral(n: number): string {
  if (n < 10) return CHINESE_DIGITS[n];
  if (n < 20) return `十${n % 10 ? CHINESE_DIGITS[n % 10] : ''}`;
  return `${CHINESE_DIGITS[Math.floor(n / 10)]}十${n % 10 ? CHINESE_DIGITS[n % 10] : ''}`;
}

// ---------------------------------------------------------------------------------------------
// Index
// ---------------------------------------------------------------------------------------------

type CompoundForm = keyof typeof NAME_SCORE;
type StreetForm = keyof typeof STREET_SCORE;

/** One thing a key can mean. */
export type PlaceTextEntry =
  | { form: CompoundForm; compound: Compound }
  | { form: StreetForm; street: Street };

/** Prepared once per reference data by {@link placeTextIndex}; treat as opaque. */
export interface PlaceTextIndex {
  readonly keys: ReadonlyMap<string, readonly PlaceTextEntry[]>;
  /** Key lengths by first character, longest first: a scan tries only lengths that exist. */
  readonly lengthsByFirstChar: ReadonlyMap<string, readonly number[]>;
  readonly streets: ReadonlyMap<string, Street>;
  readonly compoundCount: number;
}

const FORM_RANK: Record<PlaceTextEntry['form'], number> = {
  full: 0, filler: 1, phase: 2, alias: 3, core: 4, street: 0, committee: 1, street_bare: 2,
};

/**
 * Prepares the reference data for {@link match}: every name and the short forms callers use, each
 * mapped to what it may mean. Takes a few milliseconds for the seed's 522 compounds.
 */
export function placeTextIndex(reference: PlaceTextReference): PlaceTextIndex {
  const keys = new Map<string, PlaceTextEntry[]>();
  const add = (rawKey: string, entry: PlaceTextEntry) => {
    const key = normalizePlaceText(rawKey);
    if (key.length < 2) return;
    const entries = keys.get(key) ?? [];
    const target = (e: PlaceTextEntry) => ('compound' in e ? `c:${e.compound.code}` : `s:${e.street.code}`);
    const same = entries.findIndex((e) => target(e) === target(entry));
    // One place reached by a key twice keeps its strongest reading.
    if (same < 0) entries.push(entry);
    else if (FORM_RANK[entry.form] < FORM_RANK[entries[same].form]) entries[same] = entry;
    keys.set(key, entries);
  };

  const streets = new Map(reference.streets.map((s) => [s.code, s]));
  for (const street of reference.streets) {
    add(street.name, { form: 'street', street });
    const short = stripEnding(street.name, STREET_NAME_ENDINGS);
    if (short) {
      for (const ending of STREET_WRITTEN_ENDINGS) add(short + ending, { form: 'street', street });
      add(short, { form: 'street_bare', street });
    }
  }

  for (const unit of reference.units ?? []) {
    const street = unit.type === 'community' && unit.streetCode ? streets.get(unit.streetCode) : undefined;
    if (!street) continue;
    // 包公街道凤凰社区居委会 is called 凤凰社区: its street's name is implied by the caller.
    const own = stripEnding(unit.name.startsWith(street.name) ? unit.name.slice(street.name.length) : unit.name, ['居民委员会', '居委会']);
    add(unit.name, { form: 'committee', street });
    if (own && own.endsWith('社区') && own.length >= 4) {
      add(own, { form: 'committee', street });
      add(`${own}居委会`, { form: 'committee', street });
    }
  }

  for (const compound of reference.compounds) {
    const name = normalizePlaceText(compound.name);
    add(name, { form: 'full', compound });
    const phase = /^(.{2,}?)[一二三四五六七八九十]+期$/u.exec(name);
    const base = phase ? phase[1] : name;
    if (phase) add(base, { form: 'phase', compound });
    const filler = stripEnding(base, ['小区']);
    if (filler && !GENERIC_WORDS.has(filler)) add(filler, { form: 'filler', compound });
    const core = stripEnding(base, GENERIC_SUFFIXES);
    // A core that is itself a generic word (花园嘉园 → 花园) or a road (太湖路和苑 → 太湖路) names nothing.
    if (core && core.length >= 2 && !GENERIC_WORDS.has(core) && !ROAD_ENDINGS.some((r) => core.endsWith(r))) {
      add(core, { form: 'core', compound });
    }
    const prefix = AREA_PREFIXES.find((p) => base.startsWith(p));
    const rest = prefix && base.slice(prefix.length);
    if (rest && rest.length >= 2 && !GENERIC_WORDS.has(rest)) add(rest, { form: 'alias', compound });
  }

  const lengths = new Map<string, Set<number>>();
  for (const key of keys.keys()) {
    const set = lengths.get(key[0]) ?? new Set<number>();
    set.add(key.length);
    lengths.set(key[0], set);
  }
  return {
    keys,
    lengthsByFirstChar: new Map([...lengths].map(([c, set]) => [c, [...set].sort((a, b) => b - a)])),
    streets,
    compoundCount: reference.compounds.length,
  };
}

/** The word without the first of `endings` it ends with, or undefined when it ends with none. */
function stripEnding(word: string, endings: readonly string[]): string | undefined {
  const ending = endings.find((e) => word.endsWith(e) && word.length > e.length);
  return ending && word.slice(0, -ending.length);
}

// ---------------------------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------------------------

interface Hit {
  start: number;
  end: number;
  key: string;
  entries: readonly PlaceTextEntry[];
}

/** Every key found in the text, as found. */
function scan(index: PlaceTextIndex, text: string): Hit[] {
  const hits: Hit[] = [];
  for (let i = 0; i < text.length; i++) {
    const lengths = index.lengthsByFirstChar.get(text[i]);
    if (!lengths) continue;
    for (const length of lengths) {
      if (i + length > text.length) continue;
      const key = text.slice(i, i + length);
      const entries = index.keys.get(key);
      if (entries) hits.push({ start: i, end: i + length, key, entries });
    }
  }
  return hits;
}

const isShortForm = (form: PlaceTextEntry['form']) => form === 'core' || form === 'alias' || form === 'street_bare';

/**
 * Keeps the readings the text supports: a short form followed by 路, 区, 公园… names that thing and
 * is dropped; then a hit lying inside a longer one is dropped (望湖 inside 望湖街道 or 望湖家园),
 * so a name never also counts as the shorter names it contains.
 */
function plausible(text: string, hits: Hit[]): Hit[] {
  const kept = hits
    .map((hit) => {
      const after = text.slice(hit.end);
      if (!NOT_A_COMPOUND_AFTER.some((word) => after.startsWith(word))) return hit;
      const entries = hit.entries.filter((e) => !isShortForm(e.form));
      return entries.length ? { ...hit, entries } : undefined;
    })
    .filter((hit): hit is Hit => hit !== undefined);
  return kept.filter(
    (hit) => !kept.some((other) => other.start <= hit.start && other.end >= hit.end && other.end - other.start > hit.end - hit.start),
  );
}

interface StreetEvidence {
  street: Street;
  form: StreetForm;
  key: string;
  /** Where in the text it was read ('' for the street field). */
  span: string;
}

interface CompoundEvidence {
  compound: Compound;
  form: CompoundForm;
  key: string;
  span: string;
  sharedBy: number;
}

/**
 * Ranks the compounds and streets the text may mean and decides whether the best is clear enough
 * to place the case without a dispatcher. Never throws: text naming nothing known gives no
 * candidates and a decision that is not confident.
 */
export function match(index: PlaceTextIndex, text: string, options: PlaceMatchOptions = {}): PlaceTextMatch {
  const streetEvidence = new Map<string, StreetEvidence>();
  const compoundEvidence = new Map<string, CompoundEvidence>();
  const noteStreet = (evidence: StreetEvidence) => {
    const known = streetEvidence.get(evidence.street.code);
    if (!known || STREET_SCORE[evidence.form] > STREET_SCORE[known.form]) streetEvidence.set(evidence.street.code, evidence);
  };

  if (options.street) {
    const field = normalizePlaceText(options.street);
    for (const hit of plausible(field, scan(index, field))) {
      for (const entry of hit.entries) {
        // The street field is the street: a bare 望湖 there is as good as 望湖街道.
        if ('street' in entry) noteStreet({ street: entry.street, form: 'street', key: hit.key, span: '' });
      }
    }
  }

  const address = normalizePlaceText(text);
  for (const hit of plausible(address, scan(index, address))) {
    const sharedBy = hit.entries.filter((e) => 'compound' in e).length;
    const span = `${hit.start}:${hit.end}`;
    for (const entry of hit.entries) {
      if ('street' in entry) {
        noteStreet({ street: entry.street, form: entry.form, key: hit.key, span });
        continue;
      }
      const known = compoundEvidence.get(entry.compound.code);
      if (!known || NAME_SCORE[entry.form] > NAME_SCORE[known.form]) {
        compoundEvidence.set(entry.compound.code, { compound: entry.compound, form: entry.form, key: hit.key, span, sharedBy });
      }
    }
  }

  const streetsByStrength = [...streetEvidence.values()].sort((a, b) => STREET_STRENGTH[b.form] - STREET_STRENGTH[a.form]);
  const candidates: PlaceCandidate[] = [];
  for (const evidence of compoundEvidence.values()) {
    const { compound } = evidence;
    let score: number = NAME_SCORE[evidence.form];
    const reasons = [nameReason(evidence)];
    // The word that named the compound cannot also vouch for its street (望湖 in 望湖小区 is both a
    // short name and a street's bare name): only street evidence read elsewhere counts.
    const own = streetEvidence.get(compound.streetCode);
    const strongestStreet = streetsByStrength.find((s) => s.span !== evidence.span);
    if (own && own.span !== evidence.span) {
      score += STREET_AGREES * STREET_STRENGTH[own.form];
      reasons.push(`与${streetPhrase(own)}相符`);
    } else if (strongestStreet) {
      score -= STREET_DIFFERS * STREET_STRENGTH[strongestStreet.form];
      reasons.push(`但${streetPhrase(strongestStreet)}，该小区属${index.streets.get(compound.streetCode)?.name ?? compound.streetCode}`);
    }
    candidates.push({
      kind: 'compound',
      code: compound.code,
      name: compound.name,
      streetCode: compound.streetCode,
      gridCode: compound.gridCode,
      score: round2(score),
      why: reasons.join('，'),
    });
  }
  for (const evidence of streetEvidence.values()) {
    candidates.push({
      kind: 'street',
      code: evidence.street.code,
      name: evidence.street.name,
      streetCode: evidence.street.code,
      score: STREET_SCORE[evidence.form],
      why: streetPhrase(evidence),
    });
  }

  candidates.sort(
    (a, b) => b.score - a.score || (a.kind === b.kind ? 0 : a.kind === 'compound' ? -1 : 1) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
  return { candidates: candidates.slice(0, options.limit ?? DEFAULT_LIMIT), decision: decide(candidates) };
}

/** The decision over all candidates, best first. */
function decide(candidates: readonly PlaceCandidate[]): PlaceTextMatch['decision'] {
  const [best, ...rest] = candidates;
  if (!best) return { confident: false, reason: 'no_match' };
  if (best.score < CONFIDENT_SCORE) return { confident: false, reason: 'weak' };
  // A compound and its own street are one place at two levels, not rivals.
  const sameplace = (c: PlaceCandidate) =>
    (best.kind === 'compound' && c.kind === 'street' && c.code === best.streetCode) ||
    (best.kind === 'street' && c.kind === 'compound' && c.streetCode === best.code);
  const rival = rest.find((c) => !sameplace(c));
  // Scores are rounded to hundredths; the epsilon keeps 0.8 − 0.65 from missing 0.15.
  if (rival && best.score - rival.score < CLEAR_LEAD - 1e-9) return { confident: false, reason: 'close_rival' };
  return { confident: true, reason: 'clear_lead' };
}

const cache = new WeakMap<PlaceTextReference, PlaceTextIndex>();

/**
 * Matches one text against reference data. The index is built on the first call for a given
 * reference object and kept while that object lives: pass the same object each time (or build the
 * index yourself with {@link placeTextIndex} and call {@link match}).
 */
export function matchPlaceText(text: string, reference: PlaceTextReference, options?: PlaceMatchOptions): PlaceTextMatch {
  let index = cache.get(reference);
  if (!index) {
    index = placeTextIndex(reference);
    cache.set(reference, index);
  }
  return match(index, text, options);
}

function nameReason(evidence: CompoundEvidence): string {
  switch (evidence.form) {
    case 'full':
      return `小区全称「${evidence.compound.name}」`;
    case 'filler':
      return `小区名「${evidence.key}」（省略“小区”）`;
    case 'phase':
      return `小区名「${evidence.key}」未写期数`;
    case 'alias':
      return `小区简称「${evidence.key}」`;
    case 'core':
      return evidence.sharedBy > 1 ? `简称「${evidence.key}」（${evidence.sharedBy}个小区同此简称）` : `简称「${evidence.key}」`;
  }
}

function streetPhrase(evidence: StreetEvidence): string {
  switch (evidence.form) {
    case 'street':
      return `写明街镇「${evidence.street.name}」`;
    case 'committee':
      return `写明「${evidence.key}」，属${evidence.street.name}`;
    case 'street_bare':
      return `提到「${evidence.key}」（${evidence.street.name}）`;
  }
}

const round2 = (x: number) => Math.round(Math.min(1, Math.max(0, x)) * 100) / 100;
