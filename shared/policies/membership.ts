import type { Actor } from '../domain/roles';
import type { Disclosure } from './privacy';

/** Where a membership's home is, as far as the rule needs: its compound, grid and street. */
export interface HomePlace {
  compoundCode: string;
  gridCode: string;
  streetCode: string;
}

/**
 * A resident's phone in a roster (住户名册): the committee and the grid staff of the home call
 * residents to check a claim and see it in full; the street and district centres and
 * administrators oversee the roster and see it masked; everyone else sees no roster at all.
 */
export function rosterPhoneDisclosure(actor: Actor, home: HomePlace): Disclosure {
  switch (actor.role) {
    case 'community':
      return actor.scope.compoundCodes.includes(home.compoundCode) ? 'shown' : 'hidden';
    case 'grid_member':
    case 'grid_leader':
      return actor.scope.gridCode === home.gridCode ? 'shown' : 'hidden';
    case 'street_dispatcher':
      return actor.scope.streetCode === home.streetCode ? 'masked' : 'hidden';
    case 'district_dispatcher':
    case 'admin':
      return 'masked';
    default:
      return 'hidden';
  }
}
