import { z } from 'zod';
import { unitTypes } from '../domain/places';
import { defaultCaseLimit, maxDuplicateRadiusM } from './catalog';
import { priorityClasses, type Catalog } from './types';

/**
 * Shapes of the management service list, for validating an administrator's edited catalog at the
 * HTTP edge (and in the app before sending). Cross-field rules (unique codes, codes that agree with
 * their category) are `validateCatalog`'s job; run it after parsing.
 */

const text = (max: number) => z.string().max(max).regex(/\S/, '不能为空');

/** 720 hours is 30 natural days: no stage of a grid case should ever be given longer. */
export const timeLimitSchema = z.strictObject({
  /** Hours; fractions allowed, so danger stages can be given half an hour. */
  hours: z.number().positive().max(720),
  basis: z.enum(['working', 'natural']),
});

export const stageRuleSchema = z.strictObject({
  owner: z.enum(unitTypes),
  limit: timeLimitSchema,
});

const subcategoryShape = z.strictObject({
  code: z.string().regex(/^\d{2}\.\d{2}$/, '小类编码应为「两位数字.两位数字」，如 01.03'),
  name: text(30),
  description: text(200),
  priority: z.enum(priorityClasses),
  stages: z.strictObject({
    accept: stageRuleSchema,
    dispatch: stageRuleSchema,
    claim: stageRuleSchema,
    handle: stageRuleSchema,
    verify: stageRuleSchema,
  }),
  /** The case-level deadline (办结时限); derived from the stage limits when omitted. */
  caseLimit: timeLimitSchema,
  cohandlers: z.array(z.enum(unitTypes)).max(8),
  steps: z.array(text(200)).min(1).max(10),
  closingStandard: text(300),
  photoRequiredToFile: z.boolean(),
  photoRequiredToClose: z.boolean(),
  anonymousAllowed: z.boolean(),
  duplicateRadiusM: z.number().int().min(0).max(maxDuplicateRadiusM),
});

/**
 * A subcategory; one without `caseLimit` (written before the case-level deadline existed) gets
 * the default derived from its stage limits, so old catalogs still load.
 */
export const subcategorySchema = z.preprocess((value) => {
  if (!value || typeof value !== 'object' || 'caseLimit' in value) return value;
  const parsed = subcategoryShape.shape.stages.safeParse((value as { stages?: unknown }).stages);
  return parsed.success ? { ...value, caseLimit: defaultCaseLimit(parsed.data) } : value;
}, subcategoryShape);

export const categorySchema = z.strictObject({
  code: z.string().regex(/^\d{2}$/, '大类编码应为两位数字'),
  name: text(30),
  /** Two-digit subcategory codes cap a category at 99. */
  subcategories: z.array(subcategorySchema).min(1).max(99),
});

export const catalogSchema = z.strictObject({
  version: z.number().int().positive(),
  publishedAt: z.iso.datetime({ offset: true }),
  categories: z.array(categorySchema).min(1).max(99),
});

/** What an administrator sends (`caseLimit` may be left out of a subcategory). */
export type CatalogInput = z.input<typeof catalogSchema>;

// Hand-kept duplicate shapes drift; this stops compiling the day the schema and `Catalog` disagree.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type CatalogSchemaMatchesType = Assert<Same<z.infer<typeof catalogSchema>, Catalog>>;
