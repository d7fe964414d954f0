import type { z } from 'zod';
import type { auditEntryViewSchema, personViewSchema, visitViewSchema } from '../../shared/api/visits';
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
    gridCode: person.gridCode,
    communityUnitCode: person.communityUnitCode,
    ...person.masked,
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
          signed: visit.signOff.signed.map((one) => ({ unitType: one.unitType ?? null, unitCode: one.unitCode, at: one.at, note: one.note ?? null })),
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
