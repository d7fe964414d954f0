import { createHash } from 'node:crypto';
import type { Actor } from '../../../shared/domain/roles';
import type { RecordVisit } from '../../../shared/api/visits';
import { answerErrors, foundDanger } from '../../../shared/visits/config';
import type { VisitCategory } from '../../../shared/visits/types';
import { errors } from '../../errors';
import { fileCaseCommand } from '../cases/file-case';
import type { StoredVisit, StoredVisitPerson } from '../ports';
import { companionError } from './team';
import { audit, categoryOf, loadPersonFor, storedSchedule, visitAad, visitIdOf, type VisitCommandDeps } from './access';

const requestHashOf = (personId: string, input: RecordVisit) => createHash('sha256').update(JSON.stringify([personId, input])).digest('base64url');

// A phone's clock may run a little ahead; a visit from further in the future is a mistake.
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Records a visit sent from the app's draft, once: the draft id names the record, so the same draft
 * sent again (after a lost answer, or from the offline queue) answers the visit stored first. With
 * `case`, the visit files a case at the person's compound (never their address) through the usual
 * filing, keyed by the draft so a resend files nothing more; the visit keeps the case id.
 */
export async function recordVisit(
  deps: VisitCommandDeps,
  actor: Actor,
  personId: string,
  input: RecordVisit,
): Promise<{ visit: StoredVisit; replayed: boolean; case: { id: string; number: string } | null; notified: Notified[] }> {
  const { person, category } = await loadPersonFor(deps, actor, personId, 'visit');
  const id = visitIdOf(actor.id, input.draftId);
  const requestHash = requestHashOf(personId, input);
  const earlier = await deps.visits.findVisit(id);
  if (earlier) return replay(deps, earlier, requestHash, input);

  const now = deps.now();
  const fields: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(answerErrors(category, input.answers))) fields[`answers.${key}`] = messages;
  if (input.visitedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) fields.visitedAt = ['走访时间不能晚于现在'];
  const companion = input.companionId ? await companionError(deps, actor, input.companionId, person, category) : undefined;
  if (companion) fields.companionId = [companion];
  if (Object.keys(fields).length) throw errors.validation(fields);

  // Filed first: if the visit's insert then fails, the resend files nothing new (same key) and stores the visit.
  const filing = input.case
    ? await fileCaseCommand(
        deps.cases,
        actor,
        { subcategoryCode: input.case.subcategoryCode, ...(input.case.title ? { title: input.case.title } : {}), description: input.case.description, compoundCode: person.compoundCode, photos: input.case.photos, anonymous: false },
        `visit:${input.draftId}`,
      )
    : undefined;

  const danger = foundDanger(category, input.answers);
  const visit: StoredVisit = {
    id,
    personId: person.id,
    categoryCode: category.code,
    streetCode: person.streetCode,
    communityUnitCode: person.communityUnitCode,
    gridCode: person.gridCode,
    visitedAt: input.visitedAt,
    method: input.method,
    met: input.met,
    visitorIds: input.companionId ? [actor.id, input.companionId] : [actor.id],
    sealed: {
      answers: deps.sealer.seal(JSON.stringify(input.answers), visitAad(id, 'answers')),
      ...(input.findings ? { findings: deps.sealer.seal(input.findings, visitAad(id, 'findings')) } : {}),
      ...(input.point ? { point: deps.sealer.seal(JSON.stringify(input.point), visitAad(id, 'point')) } : {}),
    },
    riskBefore: person.risk,
    nextRisk: input.nextRisk,
    ...(filing ? { caseId: filing.record.id } : {}),
    ...(danger && category.signOffOnDanger ? { signOff: { required: [...category.signOffOnDanger], signed: [] } } : {}),
    recordedBy: actor.id,
    recordedAt: now,
    draft: { id: input.draftId, requestHash },
  };
  if ((await deps.visits.insertVisit(visit)) === 'duplicate') {
    const winner = await deps.visits.findVisit(id);
    if (!winner) throw errors.conflict('visit.stale', '走访记录正在保存，请稍后重试');
    return replay(deps, winner, requestHash, input);
  }
  await applyToPerson(deps, category, person, visit);
  await audit(deps, actor, 'visit', [person]);
  const notified = input.notifyDepartment ? await notifyOwners(deps, category, visit) : [];
  return { visit, replayed: false, case: filing ? { id: filing.record.id, number: filing.record.number } : null, notified };
}

type Notified = { unitCode: string; name: string };

/**
 * Tells the category's owning department that a visit needs it: each unit of the owner's type
 * serving the person's street (or the district), in its unit inbox, once per visit (the effect key).
 * The message names no person and no category; the department opens the register, under its own access.
 */
async function notifyOwners(deps: VisitCommandDeps, category: VisitCategory, visit: StoredVisit): Promise<Notified[]> {
  const owners = deps.reference.units.filter((unit) => unit.type === category.ownerUnitType && (unit.streetCode === undefined || unit.streetCode === visit.streetCode));
  await deps.inbox.deliver(
    owners.map((unit) => ({
      effectKey: `visit:${visit.id}:notify:${unit.code}`,
      recipient: `unit:${unit.code}`,
      visitWorklist: true,
      template: 'visit.notify_owner',
      text: `网格走访发现需要贵单位跟进的情况（走访记录 ${visit.id}），请在走访名册中查看`,
      at: deps.now(),
    })),
  );
  return owners.map((unit) => ({ unitCode: unit.code, name: unit.name }));
}

async function replay(deps: VisitCommandDeps, earlier: StoredVisit, requestHash: string, input: RecordVisit) {
  if (earlier.draft.requestHash !== requestHash) {
    throw errors.unprocessable('visit.draft_reused', '该草稿编号已用于另一条内容不同的走访记录', { fields: { draftId: ['已用于内容不同的走访记录'] } });
  }
  // The first attempt may have stopped before the register saw the visit: apply it now (idempotent).
  const person = await deps.visits.findPerson(earlier.personId);
  const category = person && categoryOf(deps, person.categoryCode);
  if (person && category) await applyToPerson(deps, category, person, earlier);
  const caseRecord = earlier.caseId ? await deps.cases.store.findById(earlier.caseId) : undefined;
  // Told again under the same keys: a notice the first attempt did not get to is sent now, none twice.
  const notified = input.notifyDepartment && category ? await notifyOwners(deps, category, earlier) : [];
  return { visit: earlier, replayed: true, case: caseRecord ? { id: caseRecord.id, number: caseRecord.number } : null, notified };
}

/** The person's last visit, risk level and schedule after `visit`; nothing if a later visit is already applied. */
async function applyToPerson(deps: VisitCommandDeps, category: VisitCategory, first: StoredVisitPerson, visit: StoredVisit): Promise<void> {
  let person: StoredVisitPerson | undefined = first;
  for (let attempt = 0; attempt < 5 && person; attempt += 1) {
    if (person.lastVisitAt && person.lastVisitAt.getTime() >= visit.visitedAt.getTime()) return;
    const changed = { ...person, lastVisitAt: visit.visitedAt, risk: visit.nextRisk };
    const next: StoredVisitPerson = { ...changed, ...storedSchedule(deps, category, changed), updatedAt: deps.now(), version: person.version + 1 };
    if (await deps.visits.replacePersonIfVersion(next, person.version)) return;
    person = await deps.visits.findPerson(person.id);
  }
  throw errors.conflict('visit.stale', '该人员信息正被他人修改，请重新提交（不会重复记录）');
}
