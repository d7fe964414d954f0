import type { Subcategory } from '../../../shared/catalog/types';
import { allowedEvents } from '../../../shared/cases/machine';
import type { CaseEventType } from '../../../shared/cases/events';
import type { CaseRecord } from '../../../shared/cases/types';
import type { Actor } from '../../../shared/domain/roles';
import { errors } from '../../errors';
import type { CaseCommandDeps } from '../ports';

/** The subcategory a case was filed under, from the catalog version it keeps. */
export async function subcategoryOf(deps: CaseCommandDeps, record: CaseRecord): Promise<Subcategory> {
  const entry = await deps.reference.entryOf(record);
  if (!entry) throw new Error(`case ${record.id}: subcategory ${record.subcategoryCode} missing from catalog v${record.catalogVersion}`);
  return entry.subcategory;
}

export async function loadCase(deps: CaseCommandDeps, id: string): Promise<CaseRecord> {
  const record = await deps.store.findById(id);
  if (!record) throw errors.notFound('案件');
  return record;
}

/** The buttons for `actor` on `record` now: the same rules the server enforces. */
export function eventsFor(deps: CaseCommandDeps, record: CaseRecord, actor: Actor | undefined): CaseEventType[] {
  return actor ? allowedEvents(record, actor, deps.now()) : [];
}

