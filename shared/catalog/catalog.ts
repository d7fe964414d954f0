import { unitTypes, type UnitType } from '../domain/places';
import {
  priorityClasses,
  stageKeys,
  stageLabels,
  type Catalog,
  type Category,
  type StageKey,
  type StageRule,
  type Subcategory,
  type TimeLimit,
} from './types';

export interface SubcategoryEntry {
  category: Category;
  subcategory: Subcategory;
}

/** The largest duplicate radius an administrator may set: beyond it, "nearby" stops meaning anything. */
export const maxDuplicateRadiusM = 5000;

const categoryCodePattern = /^(0[1-9]|[1-9]\d)$/;
const subcategoryCodePattern = /^(0[1-9]|[1-9]\d)\.(0[1-9]|[1-9]\d)$/;

/** Finds a subcategory by its `CC.SS` code, with the category that holds it. */
export function findSubcategory(catalog: Catalog, code: string): SubcategoryEntry | undefined {
  for (const category of catalog.categories) {
    const subcategory = category.subcategories.find((s) => s.code === code);
    if (subcategory) return { category, subcategory };
  }
  return undefined;
}

/** Every subcategory of the catalog, in catalog order. */
export function listSubcategories(catalog: Catalog): Subcategory[] {
  return catalog.categories.flatMap((c) => c.subcategories);
}

/** The owner and time limit of one stage of a subcategory. */
export function stageRule(subcategory: Subcategory, stage: StageKey): StageRule {
  return subcategory.stages[stage];
}

/** The longest case-level deadline the schema accepts, as for any stage: 30 natural days. */
export const maxLimitHours = 720;

/**
 * The case-level deadline a subcategory gets when its catalog does not state one (catalogs
 * published before 办结时限 existed): one run of each stage a case passes after acceptance —
 * dispatch, handle, verify (claiming overlaps handling) — with no slack, so every return or
 * reassignment eats into it. Mixed bases add up on the working calendar, the more lenient one.
 */
export function defaultCaseLimit(stages: Record<StageKey, StageRule>): TimeLimit {
  const parts = (['dispatch', 'handle', 'verify'] as const).map((stage) => stages[stage].limit);
  const basis = parts.every((limit) => limit.basis === 'natural') ? 'natural' : 'working';
  const hours = parts.reduce((sum, limit) => sum + limit.hours, 0);
  return { hours: Math.min(maxLimitHours, Math.round(hours * 100) / 100), basis };
}

/**
 * A stored subcategory as the domain needs it: an old catalog version without `caseLimit` gets
 * the default derived from its stages, so cases filed under it still run a case clock.
 */
export function withCaseLimit<T extends Omit<Subcategory, 'caseLimit'> & { caseLimit?: TimeLimit }>(subcategory: T): T & { caseLimit: TimeLimit } {
  return subcategory.caseLimit ? (subcategory as T & { caseLimit: TimeLimit }) : { ...subcategory, caseLimit: defaultCaseLimit(subcategory.stages) };
}

/** A stored catalog with every subcategory's case-level deadline filled in (see {@link withCaseLimit}). */
export function withCaseLimits(catalog: Catalog): Catalog {
  return {
    ...catalog,
    categories: catalog.categories.map((category) => ({ ...category, subcategories: category.subcategories.map(withCaseLimit) })),
  };
}

/** The unit that leads the case (主办): the one that handles it. */
export function leadUnit(subcategory: Subcategory): UnitType {
  return subcategory.stages.handle.owner;
}

const knownUnitTypes: ReadonlySet<string> = new Set(unitTypes);
const knownPriorities: ReadonlySet<string> = new Set(priorityClasses);

const isBlank = (text: unknown): boolean => typeof text !== 'string' || text.trim() === '';

/**
 * Everything wrong with a catalog, one readable sentence per problem; empty when it can be
 * published. The schema checks shapes one field at a time; this checks what only the whole catalog
 * shows (codes that collide or disagree with their category) and what the domain forbids.
 * Defensive about missing fields, because it also runs on administrators' edits.
 */
export function validateCatalog(catalog: Catalog): string[] {
  const problems: string[] = [];

  if (!Number.isInteger(catalog.version) || catalog.version < 1) {
    problems.push(`清单版本号必须是正整数（当前为 ${String(catalog.version)}）`);
  }
  if (isBlank(catalog.publishedAt) || Number.isNaN(Date.parse(catalog.publishedAt))) {
    problems.push(`清单发布时间不是有效的 ISO 时间：「${String(catalog.publishedAt)}」`);
  }
  if (!Array.isArray(catalog.categories) || catalog.categories.length === 0) {
    problems.push('清单至少需要一个大类');
    return problems;
  }

  const categoryCodes = new Set<string>();
  const subcategoryCodes = new Set<string>();

  for (const category of catalog.categories) {
    const where = `大类 ${String(category.code)}「${String(category.name)}」`;
    if (!categoryCodePattern.test(String(category.code))) {
      problems.push(`${where}：编码格式错误，应为两位数字（01–99）`);
    } else if (categoryCodes.has(category.code)) {
      problems.push(`${where}：大类编码重复`);
    }
    categoryCodes.add(category.code);
    if (isBlank(category.name)) problems.push(`${where}：名称不能为空`);
    if (!Array.isArray(category.subcategories) || category.subcategories.length === 0) {
      problems.push(`${where}：至少需要一个小类`);
      continue;
    }

    for (const sub of category.subcategories) {
      const subWhere = `小类 ${String(sub.code)}「${String(sub.name)}」`;
      if (!subcategoryCodePattern.test(String(sub.code))) {
        problems.push(`${subWhere}：编码格式错误，应为「大类编码.两位数字」，如 01.03`);
      } else {
        if (sub.code.slice(0, 2) !== category.code) {
          problems.push(`${subWhere}：编码前缀与所属大类 ${String(category.code)} 不一致`);
        }
        if (subcategoryCodes.has(sub.code)) problems.push(`${subWhere}：小类编码重复`);
      }
      subcategoryCodes.add(sub.code);
      problems.push(...subcategoryProblems(sub).map((p) => `${subWhere}：${p}`));
    }
  }
  return problems;
}

function subcategoryProblems(sub: Subcategory): string[] {
  const problems: string[] = [];
  if (isBlank(sub.name)) problems.push('名称不能为空');
  if (isBlank(sub.description)) problems.push('说明不能为空');
  if (!knownPriorities.has(sub.priority)) problems.push(`未知的优先级「${String(sub.priority)}」`);
  if (!Array.isArray(sub.steps) || sub.steps.length === 0) {
    problems.push('处置流程至少需要一个步骤');
  } else {
    sub.steps.forEach((step, i) => {
      if (isBlank(step)) problems.push(`处置流程第 ${i + 1} 步不能为空`);
    });
  }
  if (isBlank(sub.closingStandard)) problems.push('结案标准不能为空');

  for (const stage of stageKeys) {
    const rule = sub.stages?.[stage];
    const label = `${stageLabels[stage]}环节`;
    if (!rule) {
      problems.push(`缺少${label}的规则`);
      continue;
    }
    if (!knownUnitTypes.has(rule.owner)) problems.push(`${label}的责任单位类型「${String(rule.owner)}」未知`);
    const hours = rule.limit?.hours;
    if (typeof hours !== 'number' || !Number.isFinite(hours) || hours <= 0) {
      problems.push(`${label}的时限必须是正数小时（当前为 ${String(hours)}）`);
    }
    if (rule.limit?.basis !== 'working' && rule.limit?.basis !== 'natural') {
      problems.push(`${label}的时限计算方式必须是工作时（working）或自然时（natural）`);
    }
  }

  // Both clocks start at dispatch, so a claim limit past the handle limit could never be met in time.
  const claim = sub.stages?.claim?.limit;
  const handle = sub.stages?.handle?.limit;
  if (claim && handle && claim.basis === handle.basis && claim.hours > handle.hours) {
    problems.push(`接单时限（${claim.hours} 小时）不能超过处置时限（${handle.hours} 小时）`);
  }

  if (!Array.isArray(sub.cohandlers)) {
    problems.push('协办单位必须是列表');
  } else {
    for (const unit of sub.cohandlers) {
      if (!knownUnitTypes.has(unit)) problems.push(`协办单位类型「${String(unit)}」未知`);
    }
    const lead = sub.stages?.handle?.owner;
    if (lead && sub.cohandlers.includes(lead)) problems.push(`主办单位「${lead}」不能同时列为协办单位`);
    if (new Set(sub.cohandlers).size !== sub.cohandlers.length) problems.push('协办单位重复');
  }

  const radius = sub.duplicateRadiusM;
  if (typeof radius !== 'number' || !Number.isFinite(radius) || radius < 0 || radius > maxDuplicateRadiusM) {
    problems.push(`重复案件判定半径必须在 0–${maxDuplicateRadiusM} 米之间（当前为 ${String(radius)}）`);
  }
  return problems;
}
