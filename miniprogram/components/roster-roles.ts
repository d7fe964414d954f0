import type { Role } from '../../shared/domain/roles';

/** Who drafts polls: the committee, the grid leader, and the property company (it may only draft). */
const draftingRoles: readonly string[] = ['community', 'grid_leader', 'property_manager'] satisfies Role[];
/** Who sees and decides residents' claims of a home in their scope. */
const rosterRoles: readonly string[] = ['community', 'grid_leader', 'grid_member'] satisfies Role[];

export const canDraftPolls = (role: string) => draftingRoles.includes(role);
export const canReviewRoster = (role: string) => rosterRoles.includes(role);
/** Only a community keeps a roster to import. */
export const canImportRoster = (role: string) => role === 'community';
