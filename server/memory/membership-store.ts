import { householdIdOf } from '../../shared/api/membership';
import type { RosterHousehold } from '../../shared/membership/roster';
import type { PollScope } from '../../shared/polls/types';
import { decodeTimeIdCursor, encodeTimeIdCursor } from '../commands/keyset-cursor';
import type { MembershipStore, RosterStore, StoredMembership } from '../commands/ports';
import { invalidListCursor } from '../errors';

const inScope = (membership: StoredMembership, scope: PollScope) =>
  scope.kind === 'grid'
    ? membership.gridCode === scope.gridCode
    : membership.compoundCode === scope.compoundCode && (scope.kind === 'compound' || scope.buildingCodes.includes(membership.buildingCode));

const newestFirst = (a: StoredMembership, b: StoredMembership) => b.createdAt.getTime() - a.createdAt.getTime() || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0);

/** Memberships in memory, for use-case tests with no engine: the same answers as the mongo adapter's. */
export function memoryMembershipStore(): MembershipStore & { all(): StoredMembership[] } {
  const byId = new Map<string, StoredMembership>();
  let sequence = 0;
  const copy = (membership: StoredMembership) => structuredClone(membership);
  return {
    all: () => [...byId.values()].map(copy),
    async claim(claim) {
      const existing = [...byId.values()].find((membership) => membership.accountId === claim.accountId && membership.householdId === claim.householdId);
      if (existing && (existing.status === 'pending' || existing.status === 'verified')) return 'duplicate';
      sequence += 1;
      const stored: StoredMembership = { ...structuredClone(claim), id: existing?.id ?? sequence.toString(16).padStart(24, '0'), revision: existing ? existing.revision + 1 : 0 };
      for (const field of Object.keys(stored) as (keyof StoredMembership)[]) if (stored[field] === undefined) delete stored[field];
      byId.set(stored.id, stored);
      return copy(stored);
    },
    async findById(id) {
      const found = byId.get(id);
      return found && copy(found);
    },
    async ofAccount(accountId) {
      return [...byId.values()].filter((membership) => membership.accountId === accountId).sort(newestFirst).map(copy);
    },
    async decideIfRevision(id, expectedRevision, decision) {
      const found = byId.get(id);
      if (!found || found.revision !== expectedRevision) return undefined;
      const decided: StoredMembership = { ...found, ...decision, revision: expectedRevision + 1 };
      if (decision.reason === undefined) delete decided.reason;
      byId.set(id, decided);
      return copy(decided);
    },
    async list(filter, page) {
      const after = page.cursor === undefined ? undefined : decodeTimeIdCursor(page.cursor);
      if (page.cursor !== undefined && !after) throw invalidListCursor();
      const matching = [...byId.values()]
        .filter((membership) => (!filter.compoundCodes || filter.compoundCodes.includes(membership.compoundCode)) && (!filter.status || membership.status === filter.status))
        .sort(newestFirst)
        .filter((membership) => !after || membership.createdAt < after.at || (membership.createdAt.getTime() === after.at.getTime() && membership.id < after.id));
      const items = matching.slice(0, page.limit).map(copy);
      const last = items[items.length - 1];
      return { items, nextCursor: matching.length > page.limit && last ? encodeTimeIdCursor(last.createdAt, last.id) : null };
    },
    async countEligible(scope, votesPer) {
      const eligible = [...byId.values()].filter((membership) => membership.status === 'verified' && inScope(membership, scope));
      return new Set(eligible.map((membership) => (votesPer === 'resident' ? membership.accountId : membership.householdId))).size;
    },
    async pendingOf(householdIds) {
      return [...byId.values()].filter((membership) => membership.status === 'pending' && householdIds.includes(membership.householdId)).map(copy);
    },
    async eligibleAccounts(scope, page) {
      const matching = [...byId.values()]
        .filter((membership) => membership.status === 'verified' && inScope(membership, scope) && (page.after === undefined || membership.id > page.after))
        .sort((a, b) => (a.id < b.id ? -1 : 1));
      const taken = matching.slice(0, page.limit);
      return { accountIds: taken.map((membership) => membership.accountId), next: matching.length > page.limit ? taken[taken.length - 1]!.id : null };
    },
  };
}

/** Rosters in memory, one per committee, replaced whole. */
export function memoryRosterStore(): RosterStore {
  const rosters = new Map<string, RosterHousehold[]>();
  return {
    async replace(communityUnitCode, households) {
      rosters.set(communityUnitCode, structuredClone([...households]));
    },
    async residentsOf(householdId) {
      for (const households of rosters.values()) {
        const found = households.find((household) => householdIdOf(household) === householdId);
        if (found) return structuredClone(found.residents);
      }
      return [];
    },
  };
}
