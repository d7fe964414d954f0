import type { Role } from '../../shared/domain/roles';

/** Who goes to the door and records visits. */
const visitingRoles: readonly string[] = ['grid_member', 'grid_leader'] satisfies Role[];
/** Who reads the register of their slice (the server decides the slice; see shared/policies/visits.ts). */
const registerRoles: readonly string[] = ['grid_member', 'grid_leader', 'community', 'department'] satisfies Role[];

export const canVisit = (role: string) => visitingRoles.includes(role);
export const canReadVisitRegister = (role: string) => registerRoles.includes(role);

export const VISIT_WORKLIST_PAGE = '/visits/worklist/index';
export const visitPersonPage = (id: string) => `/visits/person/index?id=${encodeURIComponent(id)}`;
export const visitRecordPage = (id: string) => `/visits/record/index?id=${encodeURIComponent(id)}`;

/** Who adds people to the register: the committee (its community) and the grid leader (its grid). */
export const canRegisterVisitPeople = (role: string) => role === 'community' || role === 'grid_leader';
export const VISIT_REGISTER_PAGE = '/visits/register/index';
