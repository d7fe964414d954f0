import { listCompounds, type CompoundSummary } from '../../services/places';
import type { Me } from '../../services/session';

/**
 * The compounds a person may be registered in: the grid leader's grid, or the committee's own
 * compounds (its street's list, kept to the codes of its scope).
 */
export async function registrableCompounds(account: Me): Promise<CompoundSummary[]> {
  const scope = account.scope as { gridCode?: string; streetCode?: string; compoundCodes?: string[] };
  const query = scope.gridCode ? { gridCode: scope.gridCode } : scope.streetCode ? { streetCode: scope.streetCode } : undefined;
  if (!query) return [];
  const found: CompoundSummary[] = [];
  let after: string | undefined;
  // A street has a few hundred compounds at most: a handful of pages.
  for (let page = 0; page < 20; page++) {
    const answer = await listCompounds({ ...query, limit: 100, ...(after ? { after } : {}) });
    found.push(...answer.items);
    if (!answer.nextCursor) break;
    after = answer.nextCursor;
  }
  const own = scope.compoundCodes?.length && !scope.gridCode ? new Set(scope.compoundCodes) : undefined;
  return own ? found.filter((compound) => own.has(compound.code)) : found;
}
