import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../../../shared/domain/roles';
import { maskField, mayOnVisits, type ActorUnit, type SensitivePersonField, type VisitAction } from '../../../shared/policies/visits';
import { findVisitCategory } from '../../../shared/visits/config';
import { visitSchedule, type VisitSchedule } from '../../../shared/visits/schedule';
import type { VisitCategory, VisitCategoryConfig } from '../../../shared/visits/types';
import { errors } from '../../errors';
import type { AccountStore, CaseCommandDeps, FieldSealer, InboxStore, ReferencePort, StoredVisitPerson, VisitAuditAction, VisitAuditEntry, VisitStore } from '../ports';

/** What the visit use cases are bound to. */
export interface VisitCommandDeps {
  visits: VisitStore;
  sealer: FieldSealer;
  /** The category list in force (shared/visits/baohe-categories.ts, or a district's own). */
  categories: () => VisitCategoryConfig;
  /** A category dropped from the list in force, as last defined (its archived people remain the committee's until the purge). */
  retiredCategory?: (code: string) => VisitCategory | undefined;
  reference: ReferencePort;
  /** The case use cases' ports: a visit files its case through the same filing. */
  cases: CaseCommandDeps;
  /** In-app messages: the owning department told of a visit that needs it. */
  inbox: InboxStore;
  /** Staff accounts: the second team member of a visit is one of the grid's own. */
  accounts: Pick<AccountStore, 'findById' | 'list'>;
  now: () => Date;
}

/** The unit a department account belongs to, as the policy needs it. */
export function unitOfActor(deps: Pick<VisitCommandDeps, 'reference'>, actor: Actor): ActorUnit | undefined {
  if (actor.role !== 'department') return undefined;
  const unit = deps.reference.unitsByCode.get(actor.scope.unitCode);
  return unit ? { type: unit.type, ...(unit.streetCode ? { streetCode: unit.streetCode } : {}) } : undefined;
}

export function categoryOf(deps: Pick<VisitCommandDeps, 'categories'>, code: string): VisitCategory | undefined {
  return findVisitCategory(deps.categories(), code);
}

// Person ids are random (96 bits): telling "no such id" (404) from "not yours" (403) reveals nothing guessable.
const refused = () => errors.forbidden('visit.forbidden', '无权查看或办理该人员的走访信息');

/** The person, if `actor` may do `action` to them; else 403 (404 only for an id that was never issued). */
export async function loadPersonFor(deps: VisitCommandDeps, actor: Actor, id: string, action: VisitAction): Promise<{ person: StoredVisitPerson; category: VisitCategory }> {
  const person = await deps.visits.findPerson(id);
  if (!person) throw errors.notFound('人员');
  // Purged: nothing of who the person was is held any more, so there is nothing to answer.
  if (person.purgedAt) throw errors.notFound('人员');
  const category = categoryOf(deps, person.categoryCode) ?? (person.status === 'archived' ? deps.retiredCategory?.(person.categoryCode) : undefined);
  const unit = unitOfActor(deps, actor);
  if (!category || !mayOnVisits(actor, action, category, person, unit)) throw refused();
  // The archived stay with the committee that supervises: only it reads them (the export is its own right).
  if (person.status === 'archived' && action !== 'export') {
    if (!mayOnVisits(actor, 'read_archived', category, person, unit)) throw refused();
    if (action !== 'read' && action !== 'unmask') throw errors.conflict('visit.archived', '该人员已归档，不能再登记变化、走访或重复归档');
  }
  return { person, category };
}

export const personAad = (id: string, field: SensitivePersonField) => `person:${id}:${field}`;
export const visitAad = (id: string, field: string) => `visit:${id}:${field}`;

/** One sensitive field in clear (unmask), or undefined when the person has none. */
export function openPersonField(deps: Pick<VisitCommandDeps, 'sealer'>, person: StoredVisitPerson, field: SensitivePersonField): string | undefined {
  const sealed = person.sealed[field];
  return sealed === undefined ? undefined : deps.sealer.open(sealed, personAad(person.id, field));
}

/** The person's sensitive fields as lists and records show them: masked. */
export function maskedFields(deps: Pick<VisitCommandDeps, 'sealer'>, person: StoredVisitPerson) {
  const masked = (field: SensitivePersonField) => {
    const value = openPersonField(deps, person, field);
    return value === undefined ? null : maskField(field, value);
  };
  return { name: masked('name') ?? '', idNumber: masked('idNumber') ?? '', phone: masked('phone'), address: masked('address') ?? '', hasNotes: person.sealed.notes !== undefined };
}

export type MaskedPerson = StoredVisitPerson & { masked: ReturnType<typeof maskedFields>; schedule: VisitSchedule; categoryName: string; compoundName: string };

export function withSchedule(deps: VisitCommandDeps, person: StoredVisitPerson, category: VisitCategory | undefined): MaskedPerson {
  const now = deps.now();
  const cat = category ?? categoryOf(deps, person.categoryCode);
  if (!cat) throw refused();
  return { ...person, masked: maskedFields(deps, person), schedule: visitSchedule(cat, person, person.lastVisitAt, now, deps.reference.calendar), categoryName: cat.name, compoundName: deps.reference.compounds.get(person.compoundCode)?.name ?? person.compoundCode };
}

/** The schedule fields the register stores, from the rules as they stand at `now`. */
export function storedSchedule(deps: VisitCommandDeps, category: VisitCategory, person: Pick<StoredVisitPerson, 'risk' | 'registeredAt' | 'majorChangeAt' | 'lastVisitAt'>) {
  const s = visitSchedule(category, person, person.lastVisitAt, deps.now(), deps.reference.calendar);
  return { dueAt: s.dueAt, warnAt: s.warnAt };
}

/** Audit lines for `actor` on people: written before any of their data is answered. */
export async function audit(deps: VisitCommandDeps, actor: Actor, action: VisitAuditAction, people: readonly Pick<StoredVisitPerson, 'id' | 'communityUnitCode'>[], extra: { field?: string; reason?: string } = {}): Promise<void> {
  const at = deps.now();
  const entries: VisitAuditEntry[] = people.map((p) => ({
    id: `va_${randomBytes(12).toString('base64url')}`,
    at,
    actorId: actor.id,
    actorName: actor.name,
    actorRole: actor.role,
    action,
    personId: p.id,
    communityUnitCode: p.communityUnitCode,
    ...extra,
  }));
  await deps.visits.appendAudit(entries);
}

export const newPersonId = () => `vp_${randomBytes(12).toString('base64url')}`;
/** A visit's id from its visitor and draft: every resend of the draft aims at the same record. */
export const visitIdOf = (actorId: string, draftId: string) => `vr_${createHash('sha256').update(JSON.stringify(['visit', actorId, draftId])).digest('base64url').slice(0, 22)}`;
