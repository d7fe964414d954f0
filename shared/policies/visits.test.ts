import { describe, expect, it } from 'vitest';
import type { Actor } from '../domain/roles';
import { baoheVisitCategories, communityCorrectionCategory } from '../visits/baohe-categories';
import { findVisitCategory, withDistrictCategories } from '../visits/config';
import { maskField, maySignVisit, mayOnVisits, suppressSmallCount, visitAccessTable, visitActions, visitScopeOf, type ActorUnit, type VisitAction, type VisitPlace } from './visits';

const config = withDistrictCategories(baoheVisitCategories, [communityCorrectionCategory], '2026-12-01T00:00:00+08:00');
const cat = (code: string) => findVisitCategory(config, code)!;

const street1Grid1: VisitPlace = { streetCode: 'ST01', communityUnitCode: 'U-ST01-CM01', gridCode: 'G0101' };
const street1Grid2: VisitPlace = { streetCode: 'ST01', communityUnitCode: 'U-ST01-CM02', gridCode: 'G0102' };
const street2: VisitPlace = { streetCode: 'ST02', communityUnitCode: 'U-ST02-CM01', gridCode: 'G0201' };

const member: Actor = { id: 'm', name: '网格员', role: 'grid_member', scope: { streetCode: 'ST01', gridCode: 'G0101' } };
const leader: Actor = { id: 'l', name: '网格长', role: 'grid_leader', scope: { streetCode: 'ST01', gridCode: 'G0101' } };
const community: Actor = { id: 'c', name: '居委会', role: 'community', scope: { streetCode: 'ST01', unitCode: 'U-ST01-CM01', compoundCodes: [] } };
const dept = (unitCode: string): Actor => ({ id: unitCode, name: unitCode, role: 'department', scope: { unitCode } });
const units: Record<string, ActorUnit> = {
  'U-ST01-HEALTH': { type: 'health', streetCode: 'ST01' },
  'U-ST01-JUSTICE': { type: 'justice', streetCode: 'ST01' },
  'U-ST01-POLICE': { type: 'police_station', streetCode: 'ST01' },
  'U-CIVIL': { type: 'civil_affairs' },
};
const unitOf = (actor: Actor) => (actor.role === 'department' ? units[actor.scope.unitCode] : undefined);
const nobody = (role: 'resident' | 'property_manager' | 'street_dispatcher' | 'district_dispatcher' | 'admin'): Actor =>
  role === 'resident' ? { id: 'r', name: '居民', role, scope: { compoundCodes: ['C1'] } } : role === 'property_manager' ? { id: 'p', name: '物业', role, scope: { unitCode: 'U-PM' } } : role === 'street_dispatcher' ? { id: 's', name: '街道', role, scope: { streetCode: 'ST01' } } : { id: role, name: role, role, scope: {} };

type Row = [string, Actor, VisitAction, string, VisitPlace, boolean];
const rows: Row[] = [
  // Grid member: their grid, the categories their role handles.
  ['member reads an elderly person of their grid', member, 'read', 'elderly', street1Grid1, true],
  ['member records a visit in their grid', member, 'visit', 'low_income', street1Grid1, true],
  ['member cannot see another grid of the same street', member, 'read', 'elderly', street1Grid2, false],
  ['member cannot see a category outside their role (mental disorder)', member, 'read', 'severe_mental_disorder', street1Grid1, false],
  ['member cannot see the district-added community correction', member, 'read', 'community_correction', street1Grid1, false],
  ['member cannot register people', member, 'register', 'elderly', street1Grid1, false],
  ['member cannot read the audit', member, 'audit', 'elderly', street1Grid1, false],
  // Grid leader: their grid, including the categories only leaders handle.
  ['leader reads a mental disorder in their grid', leader, 'read', 'severe_mental_disorder', street1Grid1, true],
  ['leader reads community correction in their grid', leader, 'read', 'community_correction', street1Grid1, true],
  ['leader registers in their grid', leader, 'register', 'elderly', street1Grid1, true],
  ['leader cannot read street 2', leader, 'read', 'elderly', street2, false],
  ['leader cannot read the audit', leader, 'audit', 'elderly', street1Grid1, false],
  // Community committee: its community, every category, and the audit.
  ['community reads any category of its community', community, 'read', 'severe_mental_disorder', street1Grid1, true],
  ['community reads the audit of its community', community, 'audit', 'community_correction', street1Grid1, true],
  ['community cannot read a neighbouring community', community, 'read', 'elderly', street1Grid2, false],
  ['community does not record visits', community, 'visit', 'elderly', street1Grid1, false],
  // Retention: leaders archive in their grid, the committee in its community; only the committee
  // reads the archived and answers a person's own access request.
  ['leader archives an elderly person of their grid', leader, 'archive', 'elderly', street1Grid1, true],
  ['leader cannot archive in another grid', leader, 'archive', 'elderly', street1Grid2, false],
  ['member cannot archive', member, 'archive', 'elderly', street1Grid1, false],
  ['community archives any category of its community', community, 'archive', 'community_correction', street1Grid1, true],
  ['community cannot archive in a neighbouring community', community, 'archive', 'elderly', street1Grid2, false],
  ['community reads the archived of its community', community, 'read_archived', 'severe_mental_disorder', street1Grid1, true],
  ['leader cannot read the archived', leader, 'read_archived', 'elderly', street1Grid1, false],
  ['department cannot read the archived', dept('U-CIVIL'), 'read_archived', 'extreme_poverty', street1Grid1, false],
  ['community exports for a person of its community', community, 'export', 'elderly', street1Grid1, true],
  ['community cannot export for a neighbouring community', community, 'export', 'elderly', street1Grid2, false],
  ['leader cannot export', leader, 'export', 'elderly', street1Grid1, false],
  ['member cannot export', member, 'export', 'elderly', street1Grid1, false],
  ['department cannot export', dept('U-CIVIL'), 'export', 'extreme_poverty', street1Grid1, false],
  // Departments: what they own, where they serve.
  ['health centre of street 1 reads a mental disorder in street 1', dept('U-ST01-HEALTH'), 'read', 'severe_mental_disorder', street1Grid2, true],
  ['health centre of street 1 cannot read street 2', dept('U-ST01-HEALTH'), 'read', 'severe_mental_disorder', street2, false],
  ['health centre cannot read a category it does not own', dept('U-ST01-HEALTH'), 'read', 'elderly', street1Grid1, false],
  ['justice office reads the category the district added for it', dept('U-ST01-JUSTICE'), 'read', 'community_correction', street1Grid1, true],
  ['justice office of street 1 cannot read it in street 2', dept('U-ST01-JUSTICE'), 'read', 'community_correction', street2, false],
  ['justice office cannot read the elderly', dept('U-ST01-JUSTICE'), 'read', 'elderly', street1Grid1, false],
  ['police station owns no category', dept('U-ST01-POLICE'), 'read', 'severe_mental_disorder', street1Grid1, false],
  ['district civil affairs reads its categories in every street', dept('U-CIVIL'), 'read', 'extreme_poverty', street2, true],
  ['district civil affairs cannot read disability', dept('U-CIVIL'), 'read', 'severe_disability', street2, false],
  ['a department cannot read the audit', dept('U-ST01-HEALTH'), 'audit', 'severe_mental_disorder', street1Grid1, false],
  ['an unknown department unit reads nothing', dept('U-GONE'), 'read', 'severe_mental_disorder', street1Grid1, false],
];

describe('visit access matrix: role × category × place', () => {
  it.each(rows)('%s', (_name, actor, action, categoryCode, place, expected) => {
    expect(mayOnVisits(actor, action, cat(categoryCode), place, unitOf(actor))).toBe(expected);
  });

  const outsiders = ['resident', 'property_manager', 'street_dispatcher', 'district_dispatcher', 'admin'] as const;
  it.each(outsiders)('%s can do nothing with any category anywhere', (role) => {
    const actor = nobody(role);
    for (const action of visitActions) for (const category of config.categories) for (const place of [street1Grid1, street2]) expect(mayOnVisits(actor, action, category, place, undefined)).toBe(false);
    expect(visitScopeOf(actor, 'list', config.categories, undefined)).toBeUndefined();
  });

  it('gives every role a row, and no action to roles outside the visit work', () => {
    expect(Object.entries(visitAccessTable).filter(([, rule]) => rule.actions.length > 0).map(([role]) => role).sort()).toEqual(['community', 'department', 'grid_leader', 'grid_member']);
  });

  it('lets the committee alone export or read the archived', () => {
    const holders = (action: VisitAction) => Object.entries(visitAccessTable).filter(([, rule]) => rule.actions.includes(action)).map(([role]) => role);
    expect(holders('export')).toEqual(['community']);
    expect(holders('read_archived')).toEqual(['community']);
    expect(holders('archive').sort()).toEqual(['community', 'grid_leader']);
  });

  it('lists the same slice the record check allows', () => {
    expect(visitScopeOf(member, 'list', config.categories, undefined)).toEqual({
      categoryCodes: config.categories.filter((c) => c.handledBy.includes('grid_member')).map((c) => c.code),
      place: { gridCode: 'G0101', streetCode: 'ST01' },
    });
    expect(visitScopeOf(dept('U-ST01-JUSTICE'), 'list', config.categories, units['U-ST01-JUSTICE'])).toEqual({ categoryCodes: ['community_correction'], place: { streetCode: 'ST01' } });
    expect(visitScopeOf(dept('U-CIVIL'), 'list', config.categories, units['U-CIVIL'])?.place).toEqual({ district: true });
    expect(visitScopeOf(dept('U-ST01-POLICE'), 'list', config.categories, units['U-ST01-POLICE'])).toBeUndefined();
    expect(visitScopeOf(member, 'audit', config.categories, undefined)).toBeUndefined();
  });
});

describe('who signs a visit that found danger', () => {
  const needs = { required: ['health', 'police_station'] as const, signed: [] };
  const healthSigned = { required: needs.required, signed: [{ unitType: 'health' as const, unitCode: 'U-ST01-HEALTH' }] };
  it.each<[string, Actor, Parameters<typeof maySignVisit>[1], string, boolean]>([
    ['the health centre of the street signs', dept('U-ST01-HEALTH'), needs, 'ST01', true],
    ['the police station signs, though it owns no category', dept('U-ST01-POLICE'), needs, 'ST01', true],
    ['the police station still signs after the health centre', dept('U-ST01-POLICE'), healthSigned, 'ST01', true],
    ['the health centre does not sign twice', dept('U-ST01-HEALTH'), healthSigned, 'ST01', false],
    ['a street 1 unit does not sign a street 2 visit', dept('U-ST01-POLICE'), needs, 'ST02', false],
    ['a unit of a type the visit does not need does not sign', dept('U-ST01-JUSTICE'), needs, 'ST01', false],
    ['nobody signs a visit that asks for no signature', dept('U-ST01-HEALTH'), undefined, 'ST01', false],
    ['the grid leader does not sign', leader, needs, 'ST01', false],
    ['the community does not sign', community, needs, 'ST01', false],
    ['an unknown unit does not sign', dept('U-GONE'), needs, 'ST01', false],
  ])('%s', (_name, actor, signOff, streetCode, expected) => {
    expect(maySignVisit(actor, signOff, streetCode, unitOf(actor))).toBe(expected);
  });
});

describe('masking and small counts', () => {
  it.each([
    ['name', '张三', '张*'],
    ['name', '欧阳小明', '欧**明'],
    ['idNumber', '340111195001011234', '3401**********1234'],
    ['phone', '13955100001', '139****0001'],
    ['address', '包河区滨湖世纪城3栋', '包河区…（已隐藏）'],
    ['notes', '家中有刀具', '（已隐藏）'],
  ] as const)('masks %s %s as %s', (field, value, masked) => expect(maskField(field, value)).toBe(masked));

  it('suppresses counts under 5', () => {
    expect([0, 1, 4, 5, 12].map(suppressSmallCount)).toEqual([null, null, null, 5, 12]);
  });
});
