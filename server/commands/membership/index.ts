/** Residents' homes (住户身份): claims, the staff's decisions, the committee's roster. */
export type { MembershipCommandDeps } from './deps';
export { claimMembership, leaveMembership, myGrids, myMemberships } from './resident';
export { decideMembership, listMemberships } from './staff';
export { importRoster } from './roster';
export { decidesClaims, rosterScopeHolds, rosterScopeOf } from './scope';
