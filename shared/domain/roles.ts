/** Who acts on the platform. Each role is scoped to one place of the district. */
export const roles = [
  'resident',
  'grid_member',
  'grid_leader',
  'community',
  'property_manager',
  'department',
  'street_dispatcher',
  'district_dispatcher',
  'admin',
] as const;

export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  resident: '居民',
  grid_member: '网格员',
  grid_leader: '网格长',
  community: '社区居委会',
  property_manager: '物业',
  department: '职能部门',
  street_dispatcher: '街镇中心调度员',
  district_dispatcher: '区中心调度员',
  admin: '系统管理员',
};

/**
 * The place an actor answers for. Which field is set follows the role: grid roles have a grid
 * (and its street), community a compound list's street and compounds, units a unit, street
 * dispatchers a street, district roles nothing.
 */
export interface Scope {
  streetCode?: string;
  gridCode?: string;
  compoundCodes?: string[];
  unitCode?: string;
}

/** The one who causes an event: a signed-in account, or the platform's own scheduler. */
export interface Actor {
  id: string;
  role: Role | 'system';
  name: string;
  scope: Scope;
}

export const systemActor: Actor = { id: 'system', role: 'system', name: '系统', scope: {} };
