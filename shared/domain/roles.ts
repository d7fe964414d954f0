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
 * The place an account answers for, as stored: which fields are set follows the role. Code that
 * acts reads the scope from an {@link Actor}, whose type says exactly which fields a role has.
 */
export interface Scope {
  streetCode?: string;
  gridCode?: string;
  compoundCodes?: string[];
  unitCode?: string;
}

/** District-wide roles and the system answer for no single place. */
export type NoScope = { [field in keyof Scope]?: never };
type GridScope = { streetCode: string; gridCode: string };
type UnitScope = { unitCode: string };

/** Exactly the scope fields each role has; what the seed and the account API give it. */
export interface ScopeByRole {
  /** A resident's compounds are those whose membership is verified (none at first). */
  resident: { compoundCodes?: string[] };
  grid_member: GridScope;
  grid_leader: GridScope;
  /** A residents' committee: its unit, its street and the compounds it serves. */
  community: { streetCode: string; unitCode: string; compoundCodes: string[] };
  property_manager: UnitScope;
  department: UnitScope;
  street_dispatcher: { streetCode: string };
  district_dispatcher: NoScope;
  admin: NoScope;
  system: NoScope;
}

/**
 * The one who causes an event: a signed-in account, or the platform's own scheduler. A union
 * keyed on role, so a use case that checks the role can read only that role's scope fields.
 */
export type Actor = { [R in keyof ScopeByRole]: { id: string; name: string; role: R; scope: ScopeByRole[R] } }[keyof ScopeByRole];

/** The actor of one role (or of one of several roles). */
export type ActorOf<R extends Actor['role']> = Extract<Actor, { role: R }>;

/** The street an actor works in, for roles that have one (grid staff, committees, street dispatchers). */
export function streetOfActor(actor: Actor): string | undefined {
  switch (actor.role) {
    case 'grid_member':
    case 'grid_leader':
    case 'community':
    case 'street_dispatcher':
      return actor.scope.streetCode;
    default:
      return undefined;
  }
}

/** The grid an actor works in: grid members' and leaders' only. */
export function gridOfActor(actor: Actor): string | undefined {
  return actor.role === 'grid_member' || actor.role === 'grid_leader' ? actor.scope.gridCode : undefined;
}

export const systemActor: Actor = { id: 'system', role: 'system', name: '系统', scope: {} };

/**
 * The actor of a stored account, or undefined when its scope lacks a field its role needs (an
 * account half-configured by hand): such an account acts as nobody rather than as everybody.
 */
export function actorFromAccount(account: { id: string; name: string; role: Role; scope: Scope }): Actor | undefined {
  const { id, name, role, scope } = account;
  switch (role) {
    case 'resident':
      return { id, name, role, scope: scope.compoundCodes?.length ? { compoundCodes: [...scope.compoundCodes] } : {} };
    case 'grid_member':
    case 'grid_leader':
      return scope.streetCode && scope.gridCode ? { id, name, role, scope: { streetCode: scope.streetCode, gridCode: scope.gridCode } } : undefined;
    case 'community':
      return scope.streetCode && scope.unitCode
        ? { id, name, role, scope: { streetCode: scope.streetCode, unitCode: scope.unitCode, compoundCodes: [...(scope.compoundCodes ?? [])] } }
        : undefined;
    case 'property_manager':
    case 'department':
      return scope.unitCode ? { id, name, role, scope: { unitCode: scope.unitCode } } : undefined;
    case 'street_dispatcher':
      return scope.streetCode ? { id, name, role, scope: { streetCode: scope.streetCode } } : undefined;
    case 'district_dispatcher':
    case 'admin':
      return { id, name, role, scope: {} };
  }
}
