import { describe, expect, it } from 'vitest';
import type { Actor } from '../domain/roles';
import { rosterPhoneDisclosure } from './membership';

const home = { compoundCode: 'C001', gridCode: 'G01', streetCode: 'ST01' };
const actors: Record<string, Actor> = {
  communityOfHome: { id: 'cm1', name: '社区', role: 'community', scope: { streetCode: 'ST01', unitCode: 'U-CM-01', compoundCodes: ['C001'] } },
  otherCommunity: { id: 'cm2', name: '社区', role: 'community', scope: { streetCode: 'ST01', unitCode: 'U-CM-02', compoundCodes: ['C002'] } },
  gridLeaderOfHome: { id: 'gl', name: '网格长', role: 'grid_leader', scope: { streetCode: 'ST01', gridCode: 'G01' } },
  gridMemberOfHome: { id: 'gm', name: '网格员', role: 'grid_member', scope: { streetCode: 'ST01', gridCode: 'G01' } },
  otherGridMember: { id: 'gm2', name: '网格员', role: 'grid_member', scope: { streetCode: 'ST01', gridCode: 'G02' } },
  streetOfHome: { id: 'st', name: '街道', role: 'street_dispatcher', scope: { streetCode: 'ST01' } },
  otherStreet: { id: 'st2', name: '街道', role: 'street_dispatcher', scope: { streetCode: 'ST02' } },
  district: { id: 'd', name: '区中心', role: 'district_dispatcher', scope: {} },
  admin: { id: 'a', name: '管理员', role: 'admin', scope: {} },
  resident: { id: 'r', name: '居民', role: 'resident', scope: { compoundCodes: ['C001'] } },
  propertyManager: { id: 'pm', name: '物业', role: 'property_manager', scope: { unitCode: 'U-PM-01' } },
  department: { id: 'dp', name: '部门', role: 'department', scope: { unitCode: 'U-DEPT' } },
};

describe('rosterPhoneDisclosure', () => {
  it.each([
    ['communityOfHome', 'shown'],
    ['gridLeaderOfHome', 'shown'],
    ['gridMemberOfHome', 'shown'],
    ['streetOfHome', 'masked'],
    ['district', 'masked'],
    ['admin', 'masked'],
    ['otherCommunity', 'hidden'],
    ['otherGridMember', 'hidden'],
    ['otherStreet', 'hidden'],
    ['resident', 'hidden'],
    ['propertyManager', 'hidden'],
    ['department', 'hidden'],
  ])('gives %s the phone %s', (who, expected) => {
    expect(rosterPhoneDisclosure(actors[who]!, home)).toBe(expected);
  });
});
