import type { Actor } from '../domain/roles';
import type { Membership, Poll, PollScope } from '../polls/types';
import { inScope, pollPhase } from '../polls/rules';

/**
 * Who may do what with a poll, pure: the server's use cases ask here, and the table test holds the
 * rules in one place. A poll's place is its scope; `compoundCode` and `gridCode` are where it asks.
 */
export interface PollPlace {
  scope: PollScope;
  compoundCode?: string;
  gridCode: string;
  streetCode: string;
  author: { id: string; role: Actor['role'] };
  status: 'draft' | 'open' | 'closed' | 'cancelled';
}

/** What the reference data says of the compound a poll asks in. */
export interface CompoundFacts {
  gridCode: string;
  streetCode: string;
  propertyUnitCode?: string;
}

/**
 * Whether `actor` may start a poll in `scope`: a committee for its compounds, a grid leader for its
 * grid or the compounds in it, a property company for the compounds it serves (a draft only: the
 * committee decides whether it opens).
 */
export function mayCreatePoll(actor: Actor, scope: PollScope, compound: CompoundFacts | undefined): boolean {
  switch (actor.role) {
    case 'community':
      return scope.kind !== 'grid' && actor.scope.compoundCodes.includes(scope.compoundCode);
    case 'grid_leader':
      return scope.kind === 'grid' ? scope.gridCode === actor.scope.gridCode : compound?.gridCode === actor.scope.gridCode;
    case 'property_manager':
      return scope.kind !== 'grid' && compound?.propertyUnitCode === actor.scope.unitCode;
    default:
      return false;
  }
}

/** Whether `actor` runs the poll (opens, closes, cancels, records the decision, moderates, sees who voted). */
export function mayManagePoll(actor: Actor, poll: PollPlace): boolean {
  switch (actor.role) {
    case 'community':
      return poll.compoundCode !== undefined && actor.scope.compoundCodes.includes(poll.compoundCode);
    case 'grid_leader':
      return poll.gridCode === actor.scope.gridCode;
    default:
      return false;
  }
}

/** Whether `actor` may edit the draft: its managers, and the property company that wrote it. */
export function mayEditDraft(actor: Actor, poll: PollPlace): boolean {
  if (poll.status !== 'draft') return false;
  return mayManagePoll(actor, poll) || (actor.role === 'property_manager' && poll.author.id === actor.id);
}

/**
 * Whether staff may read the poll (never its ballots): its managers, the author, the property
 * company of its compound, and the street and district centres above it.
 */
export function staffMayReadPoll(actor: Actor, poll: PollPlace, compound: CompoundFacts | undefined): boolean {
  if (mayManagePoll(actor, poll) || poll.author.id === actor.id) return true;
  switch (actor.role) {
    case 'grid_member':
      return poll.gridCode === actor.scope.gridCode && poll.status !== 'draft';
    case 'property_manager':
      return compound?.propertyUnitCode === actor.scope.unitCode && poll.status !== 'draft';
    case 'street_dispatcher':
      return poll.streetCode === actor.scope.streetCode;
    case 'district_dispatcher':
    case 'admin':
      return true;
    default:
      return false;
  }
}

/** A resident sees a published poll of a place where they have a home, verified or still pending (then told why they cannot vote). */
export function residentMayReadPoll(poll: PollPlace, memberships: readonly Membership[]): boolean {
  if (poll.status === 'draft') return false;
  return memberships.some((membership) => (membership.status === 'verified' || membership.status === 'pending') && inScope(poll.scope, membership));
}

/** What decides whether someone may read a poll, beyond the poll: read for the request. */
export interface PollReadFacts {
  /** The viewer's homes (residents; empty for others). */
  memberships: readonly Membership[];
  /** The compound the poll asks in, per the reference data. */
  compound: CompoundFacts | undefined;
  now: Date;
}

/**
 * Whether `actor` (undefined: nobody signed in) may read the poll: residents of its place, staff
 * above it ({@link staffMayReadPoll}), and anyone once it has ended when its results are public.
 */
export function mayReadPoll(actor: Actor | undefined, poll: PollPlace & Pick<Poll, 'opensAt' | 'closesAt'> & { publicResults: boolean }, facts: PollReadFacts): boolean {
  if (poll.publicResults && pollPhase(poll, facts.now) === 'ended') return true;
  if (!actor) return false;
  return actor.role === 'resident' ? residentMayReadPoll(poll, facts.memberships) : staffMayReadPoll(actor, poll, facts.compound);
}
