import { describe, expect, it } from 'vitest';
import { unitTypes, type UnitType } from '../domain/places';
import { baoheCatalog } from './baohe-catalog';
import { findSubcategory, leadUnit, listSubcategories, stageRule, validateCatalog, withCaseLimits } from './catalog';
import { catalogSchema } from './schema';
import { stageKeys, type Catalog, type PriorityClass, type Subcategory } from './types';

const all = listSubcategories(baoheCatalog);
const byPriority = (p: PriorityClass) => all.filter((s) => s.priority === p);
const handleHours = (subs: Subcategory[]) => subs.map((s) => s.stages.handle.limit.hours);

/** A deep copy of the shipped catalog with one subcategory changed by `edit`. */
function withSubcategory(code: string, edit: (s: Subcategory) => void): Catalog {
  const copy = structuredClone(baoheCatalog);
  const found = findSubcategory(copy, code);
  if (!found) throw new Error(`no subcategory ${code}`);
  edit(found.subcategory);
  return copy;
}

function expectOneProblem(catalog: Catalog, pattern: RegExp): void {
  const problems = validateCatalog(catalog);
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatch(pattern);
}

describe('the shipped Baohe catalog', () => {
  it('has exactly 11 categories coded 01 to 11 and 118 subcategories', () => {
    expect(baoheCatalog.categories.map((c) => c.code)).toEqual(
      Array.from({ length: 11 }, (_, i) => String(i + 1).padStart(2, '0')),
    );
    expect(all).toHaveLength(118);
  });

  it('passes validateCatalog with no problems', () => {
    expect(validateCatalog(baoheCatalog)).toEqual([]);
  });

  it('passes catalogSchema unchanged', () => {
    const parsed = catalogSchema.safeParse(baoheCatalog);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(parsed.data).toEqual(baoheCatalog);
  });

  it('has unique, well-formed codes, each prefixed by its category', () => {
    const codes = all.map((s) => s.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const category of baoheCatalog.categories) {
      for (const sub of category.subcategories) expect(sub.code).toMatch(new RegExp(`^${category.code}\\.\\d{2}$`));
    }
  });

  it('gives the street center accept and dispatch, the lead unit claim and handle, and a center or station verify', () => {
    for (const sub of all) {
      expect(sub.stages.accept.owner).toBe('street_center');
      expect(sub.stages.dispatch.owner).toBe('street_center');
      expect(sub.stages.claim.owner).toBe(sub.stages.handle.owner);
      expect(['street_center', 'grid_station']).toContain(sub.stages.verify.owner);
    }
  });

  it('runs every danger stage on natural hours, with 2 to 4 hours to handle', () => {
    for (const sub of byPriority('danger')) {
      for (const stage of stageKeys) expect(sub.stages[stage].limit.basis).toBe('natural');
      expect(sub.stages.handle.limit.hours).toBeGreaterThanOrEqual(2);
      expect(sub.stages.handle.limit.hours).toBeLessThanOrEqual(4);
    }
  });

  it('runs every non-danger stage on working hours', () => {
    for (const sub of all.filter((s) => s.priority !== 'danger')) {
      for (const stage of stageKeys) expect(sub.stages[stage].limit.basis).toBe('working');
    }
  });

  // Danger limits are natural hours, the rest working hours; N working hours never elapse sooner
  // than N natural hours, so comparing hour counts understates the real gap.
  it('gives no danger subcategory a longer handle limit than any other, and a shorter one than any general', () => {
    const danger = Math.max(...handleHours(byPriority('danger')));
    const others = all.filter((s) => s.priority !== 'danger');
    expect(danger).toBeLessThanOrEqual(Math.min(...handleHours(others)));
    expect(danger).toBeLessThan(Math.min(...handleHours(byPriority('general'))));
  });

  it('gives no general subcategory a shorter handle limit than a visibility or disorder one', () => {
    const urgent = [...byPriority('visibility'), ...byPriority('disorder')];
    expect(Math.min(...handleHours(byPriority('general')))).toBeGreaterThanOrEqual(
      Math.max(...handleHours(urgent)),
    );
  });

  it('uses every priority class and only known unit types', () => {
    for (const p of ['danger', 'visibility', 'disorder', 'general'] as const) expect(byPriority(p).length).toBeGreaterThan(0);
    const units = new Set<string>(unitTypes);
    for (const sub of all) {
      for (const stage of stageKeys) expect(units.has(sub.stages[stage].owner)).toBe(true);
      for (const unit of sub.cohandlers) expect(units.has(unit)).toBe(true);
    }
  });

  it('gives every subcategory 3 to 5 handling steps', () => {
    for (const sub of all) {
      expect(sub.steps.length, sub.code).toBeGreaterThanOrEqual(3);
      expect(sub.steps.length, sub.code).toBeLessThanOrEqual(5);
    }
  });

  it('refuses anonymous reports of disputes', () => {
    const disputes = all.filter((s) => s.name.includes('纠纷'));
    expect(disputes.length).toBeGreaterThan(0);
    for (const sub of disputes) expect(sub.anonymousAllowed, sub.code).toBe(false);
  });
});

describe('the stories of the domain', () => {
  const story = (code: string, name: string, lead: UnitType) => {
    const found = findSubcategory(baoheCatalog, code);
    expect(found?.subcategory.name).toBe(name);
    expect(leadUnit(found!.subcategory)).toBe(lead);
    expect(stageRule(found!.subcategory, 'claim').owner).toBe(lead);
    return found!.subcategory;
  };

  it('sends illegal parking to the traffic police', () => {
    expect(story('04.01', '机动车违法停车', 'traffic_police').priority).toBe('disorder');
  });

  it('sends dumped construction waste to sanitation (the street\'s contracted cleaners)', () => {
    story('01.04', '建筑垃圾乱倒', 'sanitation');
  });

  it('sends broken paving to municipal works', () => {
    story('02.02', '人行道板破损', 'municipal_works');
  });

  it('sends a damaged green belt to greening, re-turfed now and replanted in season', () => {
    const sub = story('03.01', '绿化带损毁', 'greening');
    expect(sub.steps.join()).toMatch(/种植季/);
  });

  it('treats an elevator fault as danger, led by the property company with market supervision', () => {
    const sub = story('05.01', '电梯故障', 'property_company');
    expect(sub.priority).toBe('danger');
    expect(sub.cohandlers).toContain('market_supervision');
  });

  it('treats e-bikes parked and charged in hallways as a danger led by the property company', () => {
    const sub = story('05.03', '电动自行车楼道停放充电', 'property_company');
    expect(sub.priority).toBe('danger');
  });
});

describe('findSubcategory', () => {
  it('returns the subcategory with its category', () => {
    const found = findSubcategory(baoheCatalog, '05.01');
    expect(found?.category.code).toBe('05');
    expect(found?.subcategory.code).toBe('05.01');
  });

  it('returns undefined for an unknown code', () => {
    expect(findSubcategory(baoheCatalog, '12.01')).toBeUndefined();
    expect(findSubcategory(baoheCatalog, '05')).toBeUndefined();
  });
});

describe('validateCatalog', () => {
  it('reports a duplicate subcategory code', () => {
    expectOneProblem(withSubcategory('01.02', (s) => (s.code = '01.01')), /01\.01.*编码重复/);
  });

  it('reports a duplicate category code', () => {
    const copy = structuredClone(baoheCatalog);
    copy.categories[1]!.code = '01';
    for (const sub of copy.categories[1]!.subcategories) sub.code = `01.${String(Number(sub.code.slice(3)) + 50)}`;
    expectOneProblem(copy, /大类 01.*编码重复/);
  });

  it('reports a subcategory code that does not match its category', () => {
    expectOneProblem(withSubcategory('01.01', (s) => (s.code = '02.99')), /02\.99.*与所属大类 01 不一致/);
  });

  it('reports a malformed subcategory code', () => {
    expectOneProblem(withSubcategory('01.01', (s) => (s.code = '1.1')), /1\.1.*编码格式错误/);
  });

  it('reports a malformed category code', () => {
    const copy = structuredClone(baoheCatalog);
    copy.categories[0]!.code = 'A1';
    // Its subcategories now disagree with it too; the format problem is the one to see.
    expect(validateCatalog(copy)[0]).toMatch(/大类 A1.*编码格式错误/);
  });

  it('reports an empty subcategory name', () => {
    expectOneProblem(withSubcategory('01.01', (s) => (s.name = '  ')), /01\.01.*名称不能为空/);
  });

  it('reports an empty category name', () => {
    const copy = structuredClone(baoheCatalog);
    copy.categories[0]!.name = '';
    expectOneProblem(copy, /大类 01.*名称不能为空/);
  });

  it('reports an empty description', () => {
    expectOneProblem(withSubcategory('01.01', (s) => (s.description = '')), /说明不能为空/);
  });

  it('reports a category without subcategories', () => {
    const copy = structuredClone(baoheCatalog);
    copy.categories[2]!.subcategories = [];
    expectOneProblem(copy, /大类 03.*至少需要一个小类/);
  });

  it('reports empty handling steps', () => {
    expectOneProblem(withSubcategory('01.01', (s) => (s.steps = [])), /处置流程至少需要一个步骤/);
  });

  it('reports a blank handling step', () => {
    expectOneProblem(withSubcategory('01.01', (s) => (s.steps[1] = ' ')), /处置流程第 2 步不能为空/);
  });

  it('reports an empty closing standard', () => {
    expectOneProblem(withSubcategory('01.01', (s) => (s.closingStandard = '')), /结案标准不能为空/);
  });

  it('reports a zero time limit', () => {
    expectOneProblem(withSubcategory('01.01', (s) => (s.stages.verify.limit.hours = 0)), /审核环节的时限必须是正数/);
  });

  it('reports a negative or non-numeric time limit', () => {
    expectOneProblem(withSubcategory('01.01', (s) => (s.stages.accept.limit.hours = -1)), /受理环节的时限必须是正数/);
    expectOneProblem(withSubcategory('01.01', (s) => (s.stages.accept.limit.hours = Number.NaN)), /受理环节的时限/);
  });

  it('reports an unknown time basis', () => {
    const catalog = withSubcategory('01.01', (s) => ((s.stages.verify.limit as { basis: string }).basis = 'lunar'));
    expectOneProblem(catalog, /审核环节的时限计算方式/);
  });

  it('reports a claim limit longer than the handle limit', () => {
    expectOneProblem(withSubcategory('01.01', (s) => (s.stages.claim.limit.hours = 100)), /接单时限.*不能超过处置时限/);
  });

  it('reports an unknown stage owner', () => {
    const catalog = withSubcategory('01.01', (s) => (s.stages.dispatch.owner = 'wizards' as UnitType));
    expectOneProblem(catalog, /派单环节的责任单位类型「wizards」未知/);
  });

  it('reports an unknown cohandler', () => {
    expectOneProblem(withSubcategory('01.01', (s) => (s.cohandlers = ['wizards' as UnitType])), /协办单位类型「wizards」未知/);
  });

  it('reports the lead unit listed again as a cohandler', () => {
    expectOneProblem(withSubcategory('01.01', (s) => (s.cohandlers = ['sanitation'])), /不能同时列为协办单位/);
  });

  it('reports an unknown priority class', () => {
    expectOneProblem(withSubcategory('01.01', (s) => (s.priority = 'urgent' as PriorityClass)), /未知的优先级「urgent」/);
  });

  it('reports a duplicate radius below 0 or above 5000 m', () => {
    expectOneProblem(withSubcategory('01.01', (s) => (s.duplicateRadiusM = -1)), /判定半径必须在 0–5000 米之间/);
    expectOneProblem(withSubcategory('01.01', (s) => (s.duplicateRadiusM = 5001)), /判定半径/);
  });

  it('accepts radii of exactly 0 and 5000 m', () => {
    expect(validateCatalog(withSubcategory('01.01', (s) => (s.duplicateRadiusM = 0)))).toEqual([]);
    expect(validateCatalog(withSubcategory('01.01', (s) => (s.duplicateRadiusM = 5000)))).toEqual([]);
  });

  it('reports a bad version and publication time', () => {
    expectOneProblem({ ...baoheCatalog, version: 0 }, /版本号/);
    expectOneProblem({ ...baoheCatalog, publishedAt: 'yesterday' }, /发布时间/);
  });
});

describe('catalogSchema', () => {
  it('rejects unknown fields', () => {
    const copy = withSubcategory('01.01', (s) => Object.assign(s, { colour: 'red' }));
    expect(catalogSchema.safeParse(copy).success).toBe(false);
  });

  it('rejects an over-long name and too many steps', () => {
    expect(catalogSchema.safeParse(withSubcategory('01.01', (s) => (s.name = '长'.repeat(31)))).success).toBe(false);
    expect(catalogSchema.safeParse(withSubcategory('01.01', (s) => (s.steps = Array(11).fill('步骤')))).success).toBe(false);
  });

  it('rejects an unknown unit type', () => {
    const copy = withSubcategory('01.01', (s) => (s.stages.handle.owner = 'wizards' as UnitType));
    expect(catalogSchema.safeParse(copy).success).toBe(false);
  });
});

describe('the case-level deadline (办结时限)', () => {
  it('gives every shipped subcategory one run of dispatch, handle and verify, on their common basis', () => {
    // 01.01 暴露垃圾 (visibility): 1 + 8 + 8 working hours; 02.03 路面塌陷 (danger): 0.5 + 4 + 4 natural hours.
    expect(findSubcategory(baoheCatalog, '01.01')!.subcategory.caseLimit).toEqual({ hours: 17, basis: 'working' });
    expect(findSubcategory(baoheCatalog, '02.03')!.subcategory.caseLimit).toEqual({ hours: 8.5, basis: 'natural' });
    for (const sub of all) expect(sub.caseLimit.hours, sub.code).toBeGreaterThanOrEqual(sub.stages.handle.limit.hours);
  });

  it('is derived from the stage limits for a catalog stored before it existed', () => {
    const old = structuredClone(baoheCatalog) as unknown as { categories: { subcategories: Record<string, unknown>[] }[] };
    for (const category of old.categories) for (const sub of category.subcategories) delete sub.caseLimit;
    const parsed = catalogSchema.safeParse(old);
    expect(parsed.success).toBe(true);
    expect(findSubcategory(parsed.data!, '01.01')!.subcategory.caseLimit).toEqual({ hours: 17, basis: 'working' });
    expect(findSubcategory(withCaseLimits(old as unknown as Catalog), '02.03')!.subcategory.caseLimit).toEqual({ hours: 8.5, basis: 'natural' });
  });

  it('keeps a stated limit, and refuses one beyond 720 hours', () => {
    const stated = withSubcategory('01.01', (s) => (s.caseLimit = { hours: 40, basis: 'working' }));
    expect(findSubcategory(catalogSchema.parse(stated), '01.01')!.subcategory.caseLimit).toEqual({ hours: 40, basis: 'working' });
    expect(catalogSchema.safeParse(withSubcategory('01.01', (s) => (s.caseLimit = { hours: 721, basis: 'working' }))).success).toBe(false);
  });
});
