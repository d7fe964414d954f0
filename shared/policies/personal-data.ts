/**
 * Personal data in free text: what residents and staff type into descriptions, notes and public
 * summaries often carries a phone number, an ID number, a licence plate or an e-mail address.
 * Anything shown beyond the case's parties passes through {@link maskPersonalData}.
 */

/** The kinds of personal data recognised in free text. */
export type PersonalDataKind = 'id_number' | 'phone' | 'plate' | 'email';

export const personalDataLabels: Record<PersonalDataKind, string> = {
  id_number: '身份证号',
  phone: '电话号码',
  plate: '车牌号',
  email: '电子邮箱',
};

/** `138****5678`: the form phone numbers take wherever a number must be shown but not given away. */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

// Digits that are not part of a longer run, so an order number is not mistaken for a phone.
const notAfterDigit = '(?<![0-9０-９])';
const notBeforeDigit = '(?![0-9０-９])';
/** Separators people type inside numbers: spaces, hyphens, dots (ASCII and full-width). */
const sep = '[ \\-－.·]?';

const provinces = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';

const patterns: { kind: PersonalDataKind; pattern: RegExp; mask: (match: string) => string }[] = [
  // First, so that a number used as an address's local part is masked as part of the address.
  {
    kind: 'email',
    pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g,
    mask: (m) => {
      const at = m.indexOf('@');
      return `${m.slice(0, 1)}***${m.slice(at)}`;
    },
  },
  {
    // 18-digit resident ID (last character may be X), and the old 15-digit form; also any bank-card-like run of 15–19 digits.
    kind: 'id_number',
    pattern: new RegExp(`${notAfterDigit}(?!0086)(?:[0-9]{17}[0-9Xx]|[0-9]{15,19})${notBeforeDigit}`, 'g'),
    mask: (m) => `${m.slice(0, 2)}${'*'.repeat(m.length - 4)}${m.slice(-2)}`,
  },
  {
    // Mobile numbers (1[3-9]x), with an optional +86/0086 prefix and separators: 138 0000 0000, 138-0000-0000.
    kind: 'phone',
    pattern: new RegExp(`(?:(?:\\+|00)86${sep}|${notAfterDigit})1[3-9][0-9]${sep}[0-9]{4}${sep}[0-9]{4}${notBeforeDigit}`, 'g'),
    mask: (m) => {
      const digits = m.replace(/[^0-9]/g, '').slice(-11);
      return maskPhone(digits);
    },
  },
  {
    // Landlines with an area code: 0551-12345678, (0551)1234567, 0551 6335 6789.
    kind: 'phone',
    pattern: new RegExp(`${notAfterDigit}(?:\\(0[0-9]{2,3}\\)|（0[0-9]{2,3}）|0[0-9]{2,3}${sep})[0-9]{3,4}${sep}[0-9]{4}${notBeforeDigit}`, 'g'),
    mask: (m) => {
      const digits = m.replace(/[^0-9]/g, '');
      return `${digits.slice(0, 4)}****${digits.slice(-2)}`;
    },
  },
  {
    // Licence plates: province + letter + 5 (ordinary) or 6 (new-energy) characters, optional dot or space: 皖A12345, 皖AD12345, 皖A·D1234.
    kind: 'plate',
    pattern: new RegExp(`[${provinces}][A-HJ-NP-Za-hj-np-z][ ·•.]?[A-HJ-NP-Za-hj-np-z0-9]{4,5}[A-HJ-NP-Za-hj-np-z0-9挂学警]?(?![A-Za-z0-9])`, 'g'),
    mask: (m) => `${m.slice(0, 2)}${'*'.repeat(Math.max(3, m.replace(/[ ·•.]/g, '').length - 3))}${m.slice(-1)}`,
  },
];

/**
 * The text with every phone number, ID number, licence plate and e-mail address masked; the rest
 * unchanged. Pure and idempotent: masking masked text changes nothing.
 */
export function maskPersonalData(text: string): string {
  return patterns.reduce((masked, { pattern, mask }) => masked.replace(pattern, mask), text);
}

/** The kinds of personal data found in the text, in a fixed order, each once: to warn a filer before it goes anywhere. */
export function findPersonalData(text: string): PersonalDataKind[] {
  const kinds = new Set<PersonalDataKind>();
  let rest = text;
  for (const { kind, pattern, mask } of patterns) {
    if (new RegExp(pattern.source, pattern.flags).test(rest)) kinds.add(kind);
    rest = rest.replace(pattern, mask);
  }
  return (['phone', 'id_number', 'plate', 'email'] as const).filter((kind) => kinds.has(kind));
}
