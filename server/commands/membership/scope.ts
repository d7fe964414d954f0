import type { Actor } from '../../../shared/domain/roles';
import type { ReferencePort } from '../ports';

/**
 * The compounds whose roster a staff member sees: the committee's own, the grid's, the street's;
 * `all` for the district centre and administrators; undefined for everyone else (no roster).
 */
export function rosterScopeOf(actor: Actor, reference: Pick<ReferencePort, 'compounds'>): { compoundCodes: readonly string[] } | 'all' | undefined {
  const compoundsWhere = (test: (compound: { gridCode: string; streetCode: string }) => boolean) => [...reference.compounds.values()].filter(test).map((compound) => compound.code);
  switch (actor.role) {
    case 'community':
      return { compoundCodes: actor.scope.compoundCodes };
    case 'grid_member':
    case 'grid_leader':
      return { compoundCodes: compoundsWhere((compound) => compound.gridCode === actor.scope.gridCode) };
    case 'street_dispatcher':
      return { compoundCodes: compoundsWhere((compound) => compound.streetCode === actor.scope.streetCode) };
    case 'district_dispatcher':
    case 'admin':
      return 'all';
    default:
      return undefined;
  }
}

/** Who decides claims: the committee and the grid staff, who know the residents; the centres only oversee. */
export const decidesClaims = (actor: Actor): boolean => actor.role === 'community' || actor.role === 'grid_leader' || actor.role === 'grid_member';

/** Whether a compound is in the actor's roster scope. */
export function rosterScopeHolds(actor: Actor, reference: Pick<ReferencePort, 'compounds'>, compoundCode: string): boolean {
  const scope = rosterScopeOf(actor, reference);
  return scope === 'all' || (scope !== undefined && scope.compoundCodes.includes(compoundCode));
}
