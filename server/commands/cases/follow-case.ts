import { isOpen } from '../../../shared/cases/states';
import type { CaseRecord } from '../../../shared/cases/types';
import type { Actor } from '../../../shared/domain/roles';
import { errors } from '../../errors';
import type { CaseCommandDeps } from '../ports';
import { loadCase } from './load-case';

/** "Me too" (我也遇到): a resident follows an open case instead of filing a duplicate. */
export async function followCase(deps: CaseCommandDeps, actor: Actor, id: string): Promise<CaseRecord> {
  if (actor.role !== 'resident') throw errors.forbidden('case.follow_residents_only', '只有居民可以关注案件');
  const record = await loadCase(deps, id);
  if (!isOpen(record.status)) throw errors.conflict('case.not_open', '案件已办结，无需再关注');
  if (record.reporter.accountId === actor.id) throw errors.conflict('case.own_case', '这是您自己上报的案件');
  await deps.store.addFollower(id, actor.id);
  return loadCase(deps, id);
}

