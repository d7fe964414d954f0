import type { MembershipStore, ReferencePort, RosterStore } from '../ports';

/** What the membership use cases are built from. */
export interface MembershipCommandDeps {
  memberships: MembershipStore;
  rosters: RosterStore;
  reference: Pick<ReferencePort, 'compounds' | 'grids' | 'streets' | 'communityOf'>;
  now: () => Date;
}
