import type { CaseEventInput, CaseEventType } from '../../../shared/cases/events';
import { transition } from '../../../shared/cases/machine';
import { checkEventRule } from '../../../shared/cases/rules';
import { isOpen } from '../../../shared/cases/states';
import type { CaseRecord, Effect } from '../../../shared/cases/types';
import type { Actor } from '../../../shared/domain/roles';
import { caseEventBodySchemas } from '../../../shared/schemas/cases';
import { errors, fieldErrorsOf, fromCaseError } from '../../errors';
import type { CaseCommandDeps } from '../ports';
import { withClaimedPhotos } from './claim-photos';
import { loadCase, subcategoryOf } from './load-case';

/**
 * Applies one lifecycle event for `actor`. Refusals come from the machine (same rules as the
 * buttons); references the machine cannot check — units, the merge target, photos — are checked
 * here first. The write is conditional on the version read, so of two people acting at once one
 * wins and the other gets 409.
 */
export async function actOnCase(
  deps: CaseCommandDeps,
  actor: Actor,
  id: string,
  type: CaseEventType,
  body: Record<string, unknown>,
  expectedVersion?: number,
): Promise<{ record: CaseRecord; effects: Effect[] }> {
  const record = await loadCase(deps, id);
  if (expectedVersion !== undefined && expectedVersion !== record.version) {
    throw errors.conflict('case.version_conflict', '案件已被他人更新，请刷新后重试', { currentVersion: record.version });
  }
  const now = deps.now();
  // Who may act is decided before what they sent is examined: a refused actor learns nothing
  // about the case's units or related cases from validation answers.
  const refusal = checkEventRule(record, actor, type, now);
  if (refusal) throw fromCaseError(refusal);
  const parsed = caseEventBodySchemas[type].safeParse(body);
  if (!parsed.success) throw errors.validation(fieldErrorsOf(parsed.error));
  const event = { ...parsed.data, type } as CaseEventInput;
  await checkReferences(deps, actor, record, event);

  const result = transition(record, event, { actor, now, subcategory: await subcategoryOf(deps, record), calendar: deps.reference.calendar });
  if (!result.ok) throw fromCaseError(result.error, { bodyParsed: true });
  // Effects on other cases are idempotent and go first: if the step's own write then loses a
  // race, a retry repeats them harmlessly, whereas done after it a failure would be lost for good.
  await applyCrossCaseEffects(deps, result.effects, record);
  const photos = 'photos' in event ? (event.photos ?? []) : [];
  await withClaimedPhotos(deps, photos, id, actor.id, async () => {
    if (!(await deps.store.replaceIfVersion(result.next, record.version))) {
      throw errors.conflict('case.version_conflict', '案件已被他人更新，请刷新后重试');
    }
  });
  return { record: result.next, effects: result.effects };
}

async function checkReferences(deps: CaseCommandDeps, actor: Actor, record: CaseRecord, event: CaseEventInput): Promise<void> {
  if (event.type === 'dispatch' || event.type === 'reassign') {
    const fields: Record<string, string[]> = {};
    const lead = deps.reference.unitsByCode.get(event.leadUnitCode);
    // A street-level unit serves its own street only (the routing rule): one of another street
    // would see a reporter it has no business with.
    const servesCase = (unit: { streetCode?: string }) => !unit.streetCode || unit.streetCode === record.streetCode;
    if (!lead) fields.leadUnitCode = ['主办单位不存在'];
    else if (lead.type !== event.leadUnitType) fields.leadUnitType = ['单位类型与主办单位不符'];
    else if (!servesCase(lead)) fields.leadUnitCode = ['该单位不负责本案所在街镇'];
    (event.cohandlers ?? []).forEach((cohandler, index) => {
      const unit = deps.reference.unitsByCode.get(cohandler.unitCode);
      if (!unit || unit.type !== cohandler.unitType) fields[`cohandlers.${index}`] = ['协办单位不存在或类型不符'];
      else if (cohandler.unitCode === event.leadUnitCode) fields[`cohandlers.${index}`] = ['协办单位不能与主办单位相同'];
      else if (!servesCase(unit)) fields[`cohandlers.${index}`] = ['该单位不负责本案所在街镇'];
    });
    if (Object.keys(fields).length) throw errors.unprocessable('case.unknown_unit', '所选单位有误', { fields });
  }
  if (event.type === 'merge') {
    const target = await deps.store.findById(event.intoCaseId);
    // Same answer whether the target is missing or out of reach: no probing for case ids.
    const reachable = target && (actor.role === 'district_dispatcher' || target.streetCode === record.streetCode);
    if (!target || !reachable || target.id === record.id || !isOpen(target.status) || target.status === 'submitted') {
      throw errors.unprocessable('case.merge_target_invalid', '只能合并到另一件已受理、未办结的案件', { fields: { intoCaseId: ['目标案件无效'] } });
    }
  }
}

async function applyCrossCaseEffects(deps: CaseCommandDeps, effects: Effect[], record: CaseRecord): Promise<void> {
  for (const effect of effects) {
    if (effect.type === 'case.merged') await deps.store.addFollower(effect.intoCaseId, record.reporter.accountId);
  }
}

