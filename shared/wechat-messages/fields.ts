/**
 * WeChat's rules for the values of template fields, as pure functions. A subscribe template's
 * field names carry their type (`thing1`, `phrase2`, `time3`, `character_string4` …), and WeChat
 * refuses a whole message (errcode 47003) when one value breaks its type's rule, so every value is
 * made to fit here, before it is sent, rather than refused there.
 */

export const subscribeFieldTypes = [
  'thing',
  'number',
  'letter',
  'symbol',
  'character_string',
  'time',
  'date',
  'amount',
  'phone_number',
  'car_number',
  'name',
  'phrase',
] as const;
export type SubscribeFieldType = (typeof subscribeFieldTypes)[number];

/** The type of a subscribe template field from its key (`thing12` → `thing`), or undefined for a key WeChat does not define. */
export function subscribeFieldTypeOf(key: string): SubscribeFieldType | undefined {
  const match = /^([a-z_]+?)(\d+)$/.exec(key);
  const type = match?.[1];
  return (subscribeFieldTypes as readonly string[]).includes(type ?? '') ? (type as SubscribeFieldType) : undefined;
}

/** Longest value of each length-limited type, in characters. */
export const subscribeFieldLimits = {
  thing: 20,
  number: 32,
  letter: 32,
  symbol: 5,
  character_string: 32,
  amount: 10,
  phone_number: 17,
  car_number: 8,
  phrase: 5,
} as const satisfies Partial<Record<SubscribeFieldType, number>>;

/** The longest line of a service-account template message that WeChat shows whole. */
export const templateLineLimit = 20;

const hanOnly = /[^\p{Script=Han}]/gu;
const hasHan = /\p{Script=Han}/u;

/** At most `limit` characters (code points, as WeChat counts), the last one an ellipsis when cut. */
export function clip(text: string, limit: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= limit ? chars.join('') : `${chars.slice(0, limit - 1).join('')}…`;
}

/** Cut to `limit` without a mark: for types whose alphabet has no ellipsis. */
const cut = (text: string, limit: number) => [...text].slice(0, limit).join('');

/** An instant as WeChat's `time` type wants it, in Beijing time (UTC+8, no daylight saving): `2026年03月09日 09:30`. */
export function beijingTime(at: Date): string {
  const local = new Date(at.getTime() + 8 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${beijingDate(at)} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}

/** The Beijing calendar day of an instant, as WeChat's `date` type wants it: `2026年03月09日`. */
export function beijingDate(at: Date): string {
  const local = new Date(at.getTime() + 8 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local.getUTCFullYear()}年${pad(local.getUTCMonth() + 1)}月${pad(local.getUTCDate())}日`;
}

/**
 * A value made to fit its field type: cut to the type's length, stripped of characters the type
 * does not allow, dates in Beijing time. A value that keeps nothing becomes the type's neutral
 * placeholder, since WeChat refuses an empty field.
 */
export function formatSubscribeField(type: SubscribeFieldType, value: string | Date): string {
  if (value instanceof Date) return type === 'date' ? beijingDate(value) : beijingTime(value);
  const text = value.replace(/\s+/g, ' ').trim();
  switch (type) {
    case 'thing':
      return clip(text, subscribeFieldLimits.thing) || '无';
    case 'phrase':
      // Chinese characters only, at most five: 已受理, 待评价.
      return cut(text.replace(hanOnly, ''), subscribeFieldLimits.phrase) || '有更新';
    case 'character_string':
      // Digits, letters and symbols: no Chinese, no spaces.
      return cut(text.replace(/[^\x21-\x7e]/g, ''), subscribeFieldLimits.character_string) || '-';
    case 'number':
      return cut(text.replace(/[^0-9.]/g, ''), subscribeFieldLimits.number) || '0';
    case 'letter':
      return cut(text.replace(/[^A-Za-z]/g, ''), subscribeFieldLimits.letter) || 'NA';
    case 'symbol':
      return cut(text.replace(/[\p{L}\p{N}\s]/gu, ''), subscribeFieldLimits.symbol) || '-';
    case 'name':
      // Ten Chinese characters, or twenty letters for a name written in Latin script.
      return hasHan.test(text) ? cut(text, 10) : cut(text, 20) || '用户';
    case 'amount':
    case 'phone_number':
    case 'car_number':
      return cut(text.replace(/\s/g, ''), subscribeFieldLimits[type]) || '-';
    case 'time':
    case 'date':
      // Given as text, it is taken as already formatted (a time of day, a period).
      return text || '-';
  }
}

/** A line of a service-account template message, within what WeChat shows whole. */
export function formatTemplateLine(value: string | Date): string {
  return value instanceof Date ? beijingTime(value) : clip(value, templateLineLimit) || '无';
}
