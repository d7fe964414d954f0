import { z } from 'zod';
import type { HotlineChannel } from './work-order';

/** Where a hotline order stands on the centre's side, in our words; each channel has its own codes for these. */
export const hotlineOrderStates = ['sent', 'signed', 'returned', 'extension_requested', 'replied', 'visited', 'redo', 'closed'] as const;
export type HotlineOrderState = (typeof hotlineOrderStates)[number];

/** One channel's vocabulary, translated: category codes → [the centre's name path, our subcategory code]. */
export interface ChannelMapping {
  /** Our subcategory for an order whose code is not mapped: a dispatcher reclassifies it. */
  fallbackSubcategory: string;
  categories: Record<string, readonly [path: string, subcategoryCode: string]>;
  /** The centre's state codes → ours. */
  states: Record<string, HotlineOrderState>;
  /** The centre's 回访 satisfaction codes → our 1..5, and ours → the centre's. */
  satisfaction: { toOurs: Record<string, number>; fromOurs: Record<number, string> };
}

/** The mapping tables of both hotlines, as data, versioned like the catalog. */
export interface HotlineMapping {
  version: number;
  channels: Record<HotlineChannel, ChannelMapping>;
}

const subcategoryCode = z.string().regex(/^\d{2}\.\d{2}$/, '须为本平台小类编码（如 01.01）');
const channelMappingSchema = z.object({
  fallbackSubcategory: subcategoryCode,
  categories: z.record(z.string().min(1), z.tuple([z.string(), subcategoryCode])),
  states: z.record(z.string().min(1), z.enum(hotlineOrderStates)),
  satisfaction: z.object({
    toOurs: z.record(z.string().min(1), z.number().int().min(1).max(5)),
    fromOurs: z.record(z.string().regex(/^[1-5]$/), z.string().min(1)),
  }),
});

/** A mapping file as administrators publish it: the same shape as the shipped one. */
export const hotlineMappingSchema = z.object({
  version: z.number().int().min(1),
  channels: z.object({ '12345': channelMappingSchema, '12319': channelMappingSchema }),
});

/** Our subcategory for a centre's category code, and whether the mapping knew the code. */
export function subcategoryFor(mapping: HotlineMapping, channel: HotlineChannel, code: string): { subcategoryCode: string; mapped: boolean } {
  const table = mapping.channels[channel];
  const found = table.categories[code];
  return found ? { subcategoryCode: found[1], mapped: true } : { subcategoryCode: table.fallbackSubcategory, mapped: false };
}

/** Our 1..5 satisfaction for the centre's code; undefined for a code the channel does not use. */
export function satisfactionToOurs(mapping: HotlineMapping, channel: HotlineChannel, code: string): number | undefined {
  return mapping.channels[channel].satisfaction.toOurs[code];
}

/** The centre's satisfaction code for our 1..5. */
export function satisfactionFromOurs(mapping: HotlineMapping, channel: HotlineChannel, score: number): string | undefined {
  return mapping.channels[channel].satisfaction.fromOurs[score];
}

/** Our word for the centre's state code. */
export function stateToOurs(mapping: HotlineMapping, channel: HotlineChannel, code: string): HotlineOrderState | undefined {
  return mapping.channels[channel].states[code];
}

/** The centre's code for our state. */
export function stateFromOurs(mapping: HotlineMapping, channel: HotlineChannel, state: HotlineOrderState): string | undefined {
  return Object.entries(mapping.channels[channel].states).find(([, ours]) => ours === state)?.[0];
}

/** What an administrator is shown about a mapping before publishing it. */
export interface UnmappedReport {
  /** Codes seen (in orders, or in the centre's code list) that the mapping does not know, per channel, sorted. */
  categories: Record<HotlineChannel, string[]>;
  /** Mapped codes pointing at a subcategory the catalog does not have. */
  danglingTargets: { channel: HotlineChannel; code: string; subcategoryCode: string }[];
  /** Our satisfaction scores 1..5 with no code to send back, per channel. */
  satisfactionGaps: Record<HotlineChannel, number[]>;
}

/**
 * The report of unmapped codes: which codes the centres use (`seen`) that the mapping does not
 * translate, which targets the catalog lacks, which of our scores cannot be sent back.
 */
export function unmappedCodes(mapping: HotlineMapping, seen: Partial<Record<HotlineChannel, readonly string[]>>, subcategoryCodes: ReadonlySet<string>): UnmappedReport {
  const channels = Object.keys(mapping.channels) as HotlineChannel[];
  const report: UnmappedReport = { categories: { '12345': [], '12319': [] }, danglingTargets: [], satisfactionGaps: { '12345': [], '12319': [] } };
  for (const channel of channels) {
    const table = mapping.channels[channel];
    report.categories[channel] = [...new Set(seen[channel] ?? [])].filter((code) => !table.categories[code]).sort();
    for (const [code, [, target]] of Object.entries(table.categories)) {
      if (!subcategoryCodes.has(target)) report.danglingTargets.push({ channel, code, subcategoryCode: target });
    }
    if (!subcategoryCodes.has(table.fallbackSubcategory)) report.danglingTargets.push({ channel, code: '(fallback)', subcategoryCode: table.fallbackSubcategory });
    report.satisfactionGaps[channel] = [1, 2, 3, 4, 5].filter((score) => table.satisfaction.fromOurs[score] === undefined);
  }
  return report;
}

/** How many centre category codes a mapping translates, per channel and in all. */
export function mappedCodeCount(mapping: HotlineMapping): Record<HotlineChannel | 'total', number> {
  const a = Object.keys(mapping.channels['12345'].categories).length;
  const b = Object.keys(mapping.channels['12319'].categories).length;
  return { '12345': a, '12319': b, total: a + b };
}
