import type { SignVisit } from '../../../shared/api/visits';
import type { Actor } from '../../../shared/domain/roles';
import { maySignVisit } from '../../../shared/policies/visits';
import { errors } from '../../errors';
import { audit, unitOfActor, type VisitCommandDeps } from './access';
import { openVisit, type OpenedVisit } from './read';

/**
 * The actor's unit signs a visit that found danger (the health centre and the police station for a
 * severe mental disorder): once per unit type the visit needs, in the visit's street. The signer
 * gets what it signed in clear (answers and findings: it must act on them), audited before.
 */
export async function signVisit(deps: VisitCommandDeps, actor: Actor, visitId: string, input: SignVisit): Promise<OpenedVisit> {
  const visit = await deps.visits.findVisit(visitId);
  if (!visit || visit.purgedAt) throw errors.notFound('走访记录');
  const unit = unitOfActor(deps, actor);
  if (unit && actor.role === 'department' && visit.signOff?.signed.some((one) => one.unitType === unit.type)) {
    throw errors.conflict('visit.already_signed', '本类单位已签收过这条走访记录');
  }
  if (!unit || actor.role !== 'department' || !maySignVisit(actor, visit.signOff, visit.streetCode, unit)) {
    throw errors.forbidden('visit.forbidden', '这条走访记录不需要本单位签收');
  }
  await audit(deps, actor, 'sign', [{ id: visit.personId, communityUnitCode: visit.communityUnitCode }], input.note ? { reason: input.note } : {});
  // The note stays in the audit line only: free text about a person is not kept in clear on the visit.
  const signed = await deps.visits.addSignature(visit.id, { unitType: unit.type, unitCode: actor.scope.unitCode, at: deps.now() });
  if (!signed) throw errors.conflict('visit.already_signed', '本类单位已签收过这条走访记录');
  const after = await deps.visits.findVisit(visit.id);
  return openVisit(deps, after ?? visit);
}
