import type { z } from 'zod';
import type { auditEntryViewSchema, personExportSchema, personViewSchema, visitViewSchema } from '../../shared/api/visits';
import type { PersonExport } from '../commands/visits/retention';
import type { VisitAuditEntry } from '../commands/ports';
import type { MaskedPerson } from '../commands/visits/access';
import type { OpenedVisit } from '../commands/visits/read';

const HOUR_MS = 3_600_000;

/** A person as the API shows them: the masked fields the use case gave, never a sealed value. */
export function presentPerson(person: MaskedPerson): z.output<typeof personViewSchema> {
  const s = person.schedule;
  return {
    id: person.id,
    version: person.version,
    category: { code: person.categoryCode, name: person.categoryName },
    risk: person.risk,
    compoundCode: person.compoundCode,
    compoundName: person.compoundName,
    gridCode: person.gridCode,
    communityUnitCode: person.communityUnitCode,
    ...person.masked,
    status: person.status,
    archived: person.archived ? { reason: person.archived.reason, leftAt: person.archived.leftAt, at: person.archived.at } : null,
    lastVisitAt: person.lastVisitAt ?? null,
    schedule: { dueAt: s.dueAt, warnAt: s.warnAt, reason: s.reason, state: s.state, latenessHours: Math.floor(s.latenessMs / HOUR_MS), escalatedTo: s.escalatedTo },
  };
}

/** A visit: its answers, findings and point only when the use case opened them (an unmask of `visits`). */
export function presentVisit(visit: OpenedVisit): z.output<typeof visitViewSchema> {
  return {
    id: visit.id,
    personId: visit.personId,
    visitedAt: visit.visitedAt,
    method: visit.method,
    met: visit.met,
    visitorIds: visit.visitorIds,
    riskBefore: visit.riskBefore,
    nextRisk: visit.nextRisk,
    caseId: visit.caseId ?? null,
    signOff: visit.signOff
      ? {
          required: visit.signOff.required,
          signed: visit.signOff.signed.map((one) => ({ unitType: one.unitType, unitCode: one.unitCode, at: one.at })),
          complete: visit.signOff.required.every((type) => visit.signOff!.signed.some((one) => one.unitType === type)),
        }
      : null,
    answers: visit.opened?.answers ?? null,
    findings: visit.opened?.findings ?? null,
    point: visit.opened?.point ?? null,
  };
}

export function presentAuditEntry(entry: VisitAuditEntry): z.output<typeof auditEntryViewSchema> {
  return {
    id: entry.id,
    at: entry.at,
    actor: { id: entry.actorId, name: entry.actorName, role: entry.actorRole },
    action: entry.action,
    personId: entry.personId,
    field: entry.field ?? null,
    reason: entry.reason ?? null,
  };
}

/** The answer to a person's own access request: every field in clear, every visit opened. */
export function presentExport(data: PersonExport): z.output<typeof personExportSchema> {
  const p = data.person;
  return {
    exportedAt: data.exportedAt,
    person: {
      id: p.id,
      category: { code: p.categoryCode, name: p.categoryName },
      risk: p.risk,
      status: p.status,
      archived: p.archived ? { reason: p.archived.reason, leftAt: p.archived.leftAt, at: p.archived.at } : null,
      streetCode: p.streetCode,
      communityUnitCode: p.communityUnitCode,
      gridCode: p.gridCode,
      compoundCode: p.compoundCode,
      registeredAt: p.registeredAt,
      majorChangeAt: p.majorChangeAt ?? null,
      lastVisitAt: p.lastVisitAt ?? null,
      ...p.clear,
    },
    visits: data.visits.map(presentVisit),
  };
}
