import { randomBytes } from 'node:crypto';
import type { Actor } from '../../../shared/domain/roles';
import { archiveReasonLabels, restoreReasonLabels, type ArchivePerson, type RestorePerson } from '../../../shared/api/visits';
import { mayOnVisits } from '../../../shared/policies/visits';
import { errors } from '../../errors';
import type { StoredVisitPerson, VisitStore } from '../ports';
import { audit, loadPersonFor, openPersonField, storedSchedule, unitOfActor, withSchedule, type MaskedPerson, type VisitCommandDeps } from './access';
import { openVisit, type OpenedVisit } from './read';

const DAY_MS = 86_400_000;

/**
 * Archives a person who left the category (moved away, died, no longer eligible): they leave the
 * worklist and the reminders (both filter on `status: 'active'`), only the committee reads them,
 * and the retention period starts. Under the version read; audited with the reason.
 */
export async function archivePerson(deps: VisitCommandDeps, actor: Actor, id: string, input: ArchivePerson): Promise<MaskedPerson> {
  const { person, category } = await loadPersonFor(deps, actor, id, 'archive');
  if (person.version !== input.version) throw errors.conflict('visit.stale', '该人员信息已被他人修改，请刷新后再试', { currentVersion: person.version });
  const now = deps.now();
  if (input.leftAt.getTime() > now.getTime()) throw errors.validation({ leftAt: ['离开时间不能晚于现在'] });
  if (input.leftAt.getTime() < person.registeredAt.getTime()) throw errors.validation({ leftAt: ['离开时间不能早于登记时间'] });
  const next: StoredVisitPerson = { ...person, status: 'archived', archived: { reason: input.reason, leftAt: input.leftAt, at: now, by: actor.id }, updatedAt: now, version: person.version + 1 };
  if (!(await deps.visits.replacePersonIfVersion(next, person.version))) throw errors.conflict('visit.stale', '该人员信息已被他人修改，请刷新后再试');
  await audit(deps, actor, 'archive', [next], { reason: archiveReasonLabels[input.reason] });
  return withSchedule(deps, next, category);
}

/**
 * Brings an archived person back (archived by mistake, moved back, eligible again): on the register,
 * the worklist and the reminders again, as after a major change at this moment, so a visit falls due
 * at once (within the category's hours when it has a major-change rule). Only who reads the archived
 * and may archive (the committee), and only before the purge; under the version read, audited.
 */
export async function restorePerson(deps: VisitCommandDeps, actor: Actor, id: string, input: RestorePerson): Promise<MaskedPerson> {
  const { person, category } = await loadPersonFor(deps, actor, id, 'read');
  if (person.status !== 'archived') throw errors.conflict('visit.not_archived', '该人员未归档，无需恢复');
  const unit = unitOfActor(deps, actor);
  if (!mayOnVisits(actor, 'read_archived', category, person, unit) || !mayOnVisits(actor, 'archive', category, person, unit)) throw errors.forbidden('visit.forbidden', '无权查看或办理该人员的走访信息');
  if (person.version !== input.version) throw errors.conflict('visit.stale', '该人员信息已被他人修改，请刷新后再试', { currentVersion: person.version });
  const now = deps.now();
  const { archived: _archived, ...rest } = person;
  const back = { ...rest, status: 'active' as const, majorChangeAt: now };
  const next: StoredVisitPerson = { ...back, ...storedSchedule(deps, category, back), updatedAt: now, version: person.version + 1 };
  if (!(await deps.visits.replacePersonIfVersion(next, person.version))) throw errors.conflict('visit.stale', '该人员信息已被他人修改，请刷新后再试');
  await audit(deps, actor, 'restore', [next], { reason: restoreReasonLabels[input.reason] });
  return withSchedule(deps, next, category);
}

/** Everything the register holds on one person, in clear: the answer to their own access request. */
export interface PersonExport {
  exportedAt: Date;
  person: StoredVisitPerson & { categoryName: string; clear: { name: string; idNumber: string; phone: string | null; address: string; notes: string | null } };
  visits: OpenedVisit[];
}

/** More visits than any person gets in a lifetime of weekly visits: the export is whole, not a page. */
const EXPORT_VISIT_LIMIT = 10_000;

/**
 * The person's own access request (PIPL Art. 45), made at the committee: the whole record and every
 * visit in clear. Only the committee of the person's community (the table's `export`); the line
 * (who, when, why) is written before anything is answered.
 */
export async function exportPerson(deps: VisitCommandDeps, actor: Actor, id: string, input: { reason: string }): Promise<PersonExport> {
  const { person, category } = await loadPersonFor(deps, actor, id, 'export');
  await audit(deps, actor, 'export', [person], { field: 'all', reason: input.reason });
  const visits = await deps.visits.visitsOf(person.id, EXPORT_VISIT_LIMIT);
  const open = (field: 'name' | 'idNumber' | 'phone' | 'address' | 'notes') => openPersonField(deps, person, field) ?? null;
  return {
    exportedAt: deps.now(),
    person: { ...person, categoryName: category.name, clear: { name: open('name') ?? '', idNumber: open('idNumber') ?? '', phone: open('phone'), address: open('address') ?? '', notes: open('notes') } },
    visits: visits.map((v) => openVisit(deps, v)),
  };
}

export interface VisitPurgeDeps {
  visits: VisitStore;
  /** server/config.ts `visits.retentionDays`. */
  retentionDays: number;
  /** server/config.ts `visits.auditRetentionDays`: never shorter than `retentionDays`. */
  auditRetentionDays: number;
  now: () => Date;
}

/**
 * The audit's own retention: lines older than `auditRetentionDays` are deleted, at most `maxPerRun`
 * a run. They outlive the people they name (a complaint about how a record was used can come after
 * the purge), and by then say only who did what when: the purge blanked their reasons.
 */
export async function purgeOldAudit(deps: VisitPurgeDeps, maxPerRun = 2_000): Promise<number> {
  const cutoff = new Date(deps.now().getTime() - deps.auditRetentionDays * DAY_MS);
  return deps.visits.deleteAuditBefore(cutoff, maxPerRun);
}

/**
 * Erases, once the retention period has passed since the archiving, the sealed fields of an archived
 * person and of their visits: what stays is what the figures need (category, risk, place codes,
 * dates, visit facts). Visits first and the person last, so a crash in between is redone on the
 * next run; the audit line (who: the system) is written before the person is marked, so it may be
 * written twice after a crash, never missing. On FerretDB every update scans its collection, so one
 * run stops after `maxPerRun` people and leaves the rest to the next: the runner's other steps wait
 * for none of it. Answers how many people were purged.
 */
export async function purgeArchived(deps: VisitPurgeDeps, batch = 100, maxPerRun = 500): Promise<number> {
  const now = deps.now();
  const cutoff = new Date(now.getTime() - deps.retentionDays * DAY_MS);
  const done = new Set<string>();
  for (;;) {
    const page = (await deps.visits.listPurgeDue(cutoff, batch)).filter((p) => !done.has(p.id));
    // A person still listed after being purged would loop for ever: stop and let the next run retry.
    if (page.length === 0) return done.size;
    for (const person of page) {
      if (done.size >= maxPerRun) return done.size;
      await deps.visits.purgeVisitsOf(person.id, now);
      await deps.visits.blankAuditReasonsOf(person.id);
      await deps.visits.appendAudit([
        { id: `va_${randomBytes(12).toString('base64url')}`, at: now, actorId: 'system', actorName: '系统（保存期限届满清除）', actorRole: 'system', action: 'purge', personId: person.id, communityUnitCode: person.communityUnitCode, reason: `归档满${deps.retentionDays}天` },
      ]);
      await deps.visits.purgePerson(person.id, now);
      done.add(person.id);
    }
  }
}
