import { z } from 'zod';
import { unitTypes } from '../domain/places';
import { riskLevels, visitorRoles, type VisitCategory, type VisitCategoryConfig, type VisitQuestion } from './types';

const span = z.union([z.strictObject({ hours: z.number().positive().max(24 * 366) }), z.strictObject({ workingDays: z.number().int().min(1).max(250) })]);
const riskRule = z.strictObject({
  frequency: z.strictObject({
    every: z.union([z.strictObject({ days: z.number().int().min(1).max(366) }), z.strictObject({ months: z.number().int().min(1).max(12) })]),
    onDayOff: z.enum(['keep', 'next_working_day']),
  }),
  warnBefore: span,
  escalations: z.array(z.strictObject({ to: z.enum(['grid_leader', 'community']), after: span })).max(4),
});
const question = z
  .strictObject({
    key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/, '问题编号只能由字母和数字组成'),
    label: z.string().min(1).max(60),
    kind: z.enum(['text', 'boolean', 'integer', 'choice']),
    required: z.boolean(),
    min: z.number().int().optional(),
    max: z.number().int().optional(),
    options: z.array(z.string().min(1).max(30)).min(2).max(20).optional(),
    sensitive: z.boolean(),
  })
  .refine((q) => q.kind !== 'choice' || !!q.options, { message: '选择题须列出选项', path: ['options'] });

const category = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, '类别编号只能由小写字母、数字和下划线组成'),
  name: z.string().min(1).max(40),
  ownerUnitType: z.enum(unitTypes),
  handledBy: z.array(z.enum(visitorRoles)).min(1),
  rules: z.strictObject(Object.fromEntries(riskLevels.map((level) => [level, riskRule])) as Record<(typeof riskLevels)[number], typeof riskRule>),
  majorChangeWithinHours: z.number().positive().max(24 * 30).optional(),
  minVisitsPerYear: z.number().int().min(1).max(52).optional(),
  signOffOnDanger: z.array(z.enum(unitTypes)).optional(),
  questions: z.array(question).max(30),
});

/** Schema of the category list a district uploads: categories are data, so a new one needs no code. */
export const visitCategoryConfigSchema = z
  .strictObject({ version: z.number().int().min(1), effectiveFrom: z.iso.datetime({ offset: true }), categories: z.array(category).min(1) })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.categories.forEach((c, i) => {
      if (seen.has(c.code)) ctx.addIssue({ code: 'custom', path: ['categories', i, 'code'], message: '类别编号重复' });
      seen.add(c.code);
      const keys = new Set<string>();
      c.questions.forEach((q, j) => {
        if (keys.has(q.key)) ctx.addIssue({ code: 'custom', path: ['categories', i, 'questions', j, 'key'], message: '问题编号重复' });
        keys.add(q.key);
      });
    });
  });

/** Validates an uploaded category list; throws the zod error listing every problem. */
export function parseVisitCategoryConfig(input: unknown): VisitCategoryConfig {
  return visitCategoryConfigSchema.parse(input) as VisitCategoryConfig;
}

/** A new version of the list with the district's own categories added (社区矫正 for the justice office, …). */
export function withDistrictCategories(base: VisitCategoryConfig, added: VisitCategory[], effectiveFrom: string): VisitCategoryConfig {
  return parseVisitCategoryConfig({ version: base.version + 1, effectiveFrom, categories: [...base.categories, ...added] });
}

export function findVisitCategory(config: VisitCategoryConfig, code: string): VisitCategory | undefined {
  return config.categories.find((c) => c.code === code);
}

/** One answer to a category question: what the visit form sends. */
export type Answer = string | number | boolean;

/**
 * Checks a visit's answers against its category's questions.
 * @returns field errors keyed by question (empty when all is well), in Chinese.
 */
export function answerErrors(category: { questions: readonly VisitQuestion[] }, answers: Record<string, Answer>): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const add = (key: string, message: string) => (errors[key] = [...(errors[key] ?? []), message]);
  const known = new Set(category.questions.map((q) => q.key));
  for (const key of Object.keys(answers)) if (!known.has(key)) add(key, '该类别没有这个问题');
  for (const question of category.questions) {
    const value = Object.hasOwn(answers, question.key) ? answers[question.key] : undefined;
    if (value === undefined || value === '') {
      if (question.required) add(question.key, `请回答：${question.label}`);
      continue;
    }
    switch (question.kind) {
      case 'boolean':
        if (typeof value !== 'boolean') add(question.key, '应为是或否');
        break;
      case 'integer':
        if (typeof value !== 'number' || !Number.isInteger(value)) add(question.key, '应为整数');
        else if ((question.min !== undefined && value < question.min) || (question.max !== undefined && value > question.max)) add(question.key, `应在 ${question.min ?? '…'}–${question.max ?? '…'} 之间`);
        break;
      case 'choice':
        if (typeof value !== 'string' || !question.options?.includes(value)) add(question.key, '不是可选的答案');
        break;
      case 'text':
        if (typeof value !== 'string' || value.length > 500) add(question.key, '应为不超过500字的文字');
        break;
    }
  }
  return errors;
}

/** Whether the visit's answers report danger that the owning departments must sign (a danger grade of 3 or more). */
export function foundDanger(category: VisitCategory, answers: Record<string, Answer>): boolean {
  if (!category.signOffOnDanger?.length) return false;
  const grade = answers.dangerGrade;
  return typeof grade === 'number' && grade >= 3;
}
