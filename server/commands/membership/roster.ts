import { householdIdOf, type RosterImportResult } from '../../../shared/api/membership';
import type { Compound } from '../../../shared/domain/places';
import type { Actor } from '../../../shared/domain/roles';
import { readRoster } from '../../../shared/membership/roster';
import { membershipError } from '../../errors';
import type { MembershipCommandDeps } from './deps';

/**
 * A committee imports its roster (CSV, UTF-8 or GBK). Any bad row refuses the whole file and
 * nothing is written; an accepted file replaces the committee's roster in one write, then verifies
 * the pending claims it confirms (same room, name and phone). A crash between the two leaves
 * claims pending that a re-import (or the next claim) verifies: nothing is half-written.
 */
export async function importRoster(deps: MembershipCommandDeps, actor: Actor, bytes: Uint8Array): Promise<RosterImportResult> {
  if (actor.role !== 'community') throw membershipError('roster.forbidden', '只有社区居委会可以导入住户名册');
  const compoundsInScope = new Map<string, Compound>();
  for (const code of actor.scope.compoundCodes) {
    const compound = deps.reference.compounds.get(code);
    if (compound) compoundsInScope.set(code, compound);
  }
  const reading = readRoster(bytes, compoundsInScope);
  if (!reading.ok) {
    throw membershipError('roster.rejected', reading.problem ?? `名册有 ${reading.rejected.length} 行不符合要求，未导入任何内容`, {
      rejected: reading.rejected,
      ...(reading.problem ? { problem: reading.problem } : {}),
    });
  }
  const importedAt = deps.now();
  await deps.rosters.replace(actor.scope.unitCode, reading.households, actor.id, importedAt);

  const households = new Map(reading.households.map((household) => [householdIdOf(household), household]));
  let verifiedClaims = 0;
  for (const claim of await deps.memberships.pendingOf([...households.keys()])) {
    const listed = households.get(claim.householdId)?.residents.some((resident) => resident.name === claim.claimedName && resident.phone === claim.phone);
    if (!listed) continue;
    const decided = await deps.memberships.decideIfRevision(claim.id, claim.revision, { status: 'verified', decidedBy: 'roster', decidedById: actor.id, decidedAt: importedAt });
    if (decided) verifiedClaims += 1;
  }
  return { encoding: reading.encoding, rows: reading.rows, households: reading.households.length, verifiedClaims, importedAt };
}
