import type { Actor } from '../domain/roles';
import { isCaseParty, relationTo } from '../policies/privacy';
import type { CaseRecord } from './types';

export { coarsenPoint } from '../policies/privacy';
export { maskPhone } from '../policies/personal-data';

/**
 * Whether `actor` sees the working view of the case (the privacy policy's parties: filer, centres,
 * administrators, handling units, staff in scope) rather than its public form. The policy
 * (shared/policies/privacy.ts) decides each field; this is its yes/no summary.
 */
export function seesCaseInFull(record: CaseRecord, actor: Actor | undefined): boolean {
  return isCaseParty(relationTo(record, { actor }));
}
