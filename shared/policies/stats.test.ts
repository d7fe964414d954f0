import { describe, expect, it } from 'vitest';
import type { Actor } from '../domain/roles';
import { scopeKeyOf } from '../stats/types';
import { statsFiltersFor, statsReaderRoles, statsScopeFor, type StatsFilter } from './stats';

const actors: Record<string, Actor> = {
  district: { id: 'd', name: '区中心', role: 'district_dispatcher', scope: {} },
  admin: { id: 'a', name: '管理员', role: 'admin', scope: {} },
  street: { id: 'st', name: '街道', role: 'street_dispatcher', scope: { streetCode: 'ST01' } },
  department: { id: 'dp', name: '部门', role: 'department', scope: { unitCode: 'U-DEPT' } },
  propertyManager: { id: 'pm', name: '物业', role: 'property_manager', scope: { unitCode: 'U-PM-01' } },
  gridLeader: { id: 'gl', name: '网格长', role: 'grid_leader', scope: { streetCode: 'ST01', gridCode: 'G01' } },
  gridMember: { id: 'gm', name: '网格员', role: 'grid_member', scope: { streetCode: 'ST01', gridCode: 'G01' } },
  community: { id: 'cm', name: '社区', role: 'community', scope: { streetCode: 'ST01', unitCode: 'U-CM-01', compoundCodes: ['C001'] } },
  resident: { id: 'r', name: '居民', role: 'resident', scope: { compoundCodes: ['C001'] } },
  system: { id: 'sys', name: '系统', role: 'system', scope: {} },
};

const none: StatsFilter = {};
const street01: StatsFilter = { streetCode: 'ST01' };
const street02: StatsFilter = { streetCode: 'ST02' };
const category05: StatsFilter = { categoryCode: '05' };
const street02Category05: StatsFilter = { streetCode: 'ST02', categoryCode: '05' };

const decide = (who: string, filter: StatsFilter) => {
  const decision = statsScopeFor(actors[who]!, filter);
  return decision.ok ? scopeKeyOf(decision.scope) : decision.code;
};

describe('statsScopeFor: which figures an account reads', () => {
  it.each([
    ['district', none, 'district'],
    ['district', street02, 'street:ST02'],
    ['district', category05, 'category:05'],
    ['district', street02Category05, 'street:ST02|category:05'],
    ['admin', none, 'district'],
    ['admin', street01, 'street:ST01'],
    ['street', none, 'street:ST01'],
    ['street', street01, 'street:ST01'],
    ['street', category05, 'street:ST01|category:05'],
    ['street', street02, 'stats.out_of_scope'],
    ['street', street02Category05, 'stats.out_of_scope'],
    ['department', none, 'unit:U-DEPT'],
    ['department', street01, 'stats.out_of_scope'],
    ['department', category05, 'stats.out_of_scope'],
    ['propertyManager', none, 'unit:U-PM-01'],
    ['gridLeader', none, 'grid:G01'],
    ['gridLeader', street01, 'stats.out_of_scope'],
    ['gridMember', none, 'grid:G01'],
    ['gridMember', category05, 'stats.out_of_scope'],
    ['community', none, 'stats.forbidden'],
    ['resident', none, 'stats.forbidden'],
    ['resident', street01, 'stats.forbidden'],
    ['system', none, 'stats.forbidden'],
  ])('%s asking for %j reads %s', (who, filter, expected) => {
    expect(decide(who, filter)).toBe(expected);
  });
});

describe('statsReaderRoles: who the app shows 统计分析', () => {
  it('are exactly the roles whose own query is answered', () => {
    const answered = Object.values(actors)
      .filter((actor) => statsScopeFor(actor, none).ok)
      .map((actor) => actor.role);
    expect([...new Set(answered)].sort()).toEqual([...statsReaderRoles].sort());
  });
});

describe('statsFiltersFor', () => {
  it.each([
    ['district', { streets: 'all', categories: true }],
    ['street', { streets: 'own', categories: true }],
    ['department', { streets: 'none', categories: false }],
    ['gridLeader', { streets: 'none', categories: false }],
    ['resident', { streets: 'none', categories: false }],
  ])('offers %s %j', (who, expected) => {
    expect(statsFiltersFor(actors[who]!)).toEqual(expected);
  });
});
