import { actorFromAccount, roleLabels, type Actor } from '../../../shared/domain/roles';
import { mayOnVisits } from '../../../shared/policies/visits';
import type { VisitCategory } from '../../../shared/visits/types';
import { visitorRoles } from '../../../shared/visits/types';
import { errors } from '../../errors';
import type { StoredAccount, StoredVisitPerson } from '../ports';
import type { VisitCommandDeps } from './access';

/** A grid's staff accounts are a handful; more than this many pages means a misconfigured grid, not a team. */
const TEAM_PAGE = 100;
const TEAM_PAGES = 3;

export interface TeamMember {
  id: string;
  displayName: string;
  roleLabel: string;
}

/** Whether `account` may go on a visit to `person` of `category`: the same rule as visiting alone. */
function mayAccompany(account: StoredAccount, person: StoredVisitPerson, category: VisitCategory): boolean {
  if (account.disabled) return false;
  const companion = actorFromAccount({ id: account.id, name: account.displayName, role: account.role, scope: account.scope });
  return !!companion && mayOnVisits(companion, 'visit', category, person, undefined);
}

/**
 * The colleagues `actor` may name as the second member of a visit: the other grid members and
 * leaders of the actor's grid, names only (the app's 同行人员 picker). Not audited: no one visited is named.
 */
export async function visitTeam(deps: Pick<VisitCommandDeps, 'accounts'>, actor: Actor): Promise<TeamMember[]> {
  if (actor.role !== 'grid_member' && actor.role !== 'grid_leader') throw errors.forbidden('visit.forbidden', '只有网格员、网格长填写走访记录');
  const { gridCode, streetCode } = actor.scope;
  const team: TeamMember[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < TEAM_PAGES; page += 1) {
    const found = await deps.accounts.list({ gridCode }, { limit: TEAM_PAGE, ...(cursor ? { cursor } : {}) });
    for (const account of found.items) {
      const visiting = (visitorRoles as readonly string[]).includes(account.role);
      if (visiting && !account.disabled && account.id !== actor.id && account.scope.streetCode === streetCode) {
        team.push({ id: account.id, displayName: account.displayName, roleLabel: roleLabels[account.role] });
      }
    }
    if (!found.nextCursor) break;
    cursor = found.nextCursor;
  }
  return team.sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN'));
}

/** The field error for a visit's `companionId`, or undefined when that colleague may go on this visit. */
export async function companionError(deps: Pick<VisitCommandDeps, 'accounts'>, actor: Actor, companionId: string, person: StoredVisitPerson, category: VisitCategory): Promise<string | undefined> {
  if (companionId === actor.id) return '同行人员不能是自己';
  const account = await deps.accounts.findById(companionId);
  return account && mayAccompany(account, person, category) ? undefined : '同行人员须为本网格可走访该类别的网格员或网格长';
}
