import type { ChangeAssignment, CreateAccount, ListAccountsQuery, RoleAssignment, StaffRole } from '../../shared/api/accounts';
import type { Actor, ActorOf, Role, Scope } from '../../shared/domain/roles';
import { AppError, errors } from '../errors';
import type { AccountAuditRecord, AccountChanges, AccountStore, IdentityPort, Page, ReferencePort, StoredAccount } from './ports';

export interface AccountCommandDeps {
  store: AccountStore;
  /** Told of every change, so the next request of the changed account sees it. */
  identities: IdentityPort;
  reference: Pick<ReferencePort, 'streets' | 'grids' | 'unitsByCode' | 'communities'>;
  hashPassword: (password: string) => Promise<string>;
  now: () => Date;
}

/** The trail keeps the newest entries; older ones drop off so the account document stays small. */
export const AUDIT_TRAIL_LIMIT = 100;

/**
 * Who manages accounts. The district's 系统管理员 (`admin`) manages every account. No street
 * administrator role exists, so the street centre's dispatcher administers the accounts of its own
 * street: its grid members and leaders, its residents' committees and its street departments. It
 * cannot appoint or touch dispatchers, district roles or property companies (which serve the whole
 * district), so no street can raise its own rank or reach another street. The district dispatcher
 * handles cases, not people, and manages no accounts.
 */
type Manager = ActorOf<'admin'> | ActorOf<'street_dispatcher'>;
const streetManagedRoles: ReadonlySet<Role> = new Set<Role>(['grid_member', 'grid_leader', 'community', 'department']);

const accountErrors = {
  notFound: () => new AppError('account.not_found', '账号不存在', 404),
  forbidden: () => errors.forbidden('account.forbidden', '无权管理该账号'),
  assignForbidden: () => errors.forbidden('account.assignment_forbidden', '无权指派该角色或辖区'),
  self: () => errors.forbidden('account.self_change', '不能通过管理接口修改自己的账号'),
  usernameTaken: () => errors.conflict('account.username_taken', '用户名已被使用'),
  residentFixed: () => errors.unprocessable('account.resident_fixed', '居民账号由微信注册，不能指派工作人员角色'),
  concurrent: () => errors.conflict('account.changed_concurrently', '账号刚被他人修改，请刷新后重试'),
};

function managerOf(actor: Actor): Manager {
  if (actor.role === 'admin' || actor.role === 'street_dispatcher') return actor;
  throw errors.forbidden('auth.role_not_allowed', '当前身份无权管理账号');
}

/** The street an account belongs to for administration, derived from its place. */
function streetOf(deps: AccountCommandDeps, role: Role, scope: Scope): string | undefined {
  switch (role) {
    case 'grid_member':
    case 'grid_leader':
      return (scope.gridCode && deps.reference.grids.get(scope.gridCode)?.streetCode) || scope.streetCode;
    case 'community':
    case 'property_manager':
    case 'department':
      return (scope.unitCode && deps.reference.unitsByCode.get(scope.unitCode)?.streetCode) || scope.streetCode;
    case 'street_dispatcher':
      return scope.streetCode;
    default:
      return undefined;
  }
}

function mayManage(deps: AccountCommandDeps, manager: Manager, role: Role, scope: Scope): boolean {
  if (manager.role === 'admin') return true;
  return streetManagedRoles.has(role) && streetOf(deps, role, scope) === manager.scope.streetCode;
}

function maySee(deps: AccountCommandDeps, manager: Manager, account: StoredAccount): boolean {
  return manager.role === 'admin' || streetOf(deps, account.role, account.scope) === manager.scope.streetCode;
}

/** Unit types that are not departments: a department account's unit is any other. */
export const nonDepartmentUnitTypes: ReadonlySet<string> = new Set(['district_center', 'street_center', 'grid_station', 'community', 'property_company']);

/**
 * The stored scope of an assignment, checked against reference data: every code must exist and
 * be of the right kind. A grid's street and a committee's compounds are taken from the district,
 * never from the request.
 */
export function scopeOfAssignment(reference: AccountCommandDeps['reference'], assignment: RoleAssignment): Scope {
  const refuse = (field: string, message: string) => errors.validation({ [`assignment.${field}`]: [message] });
  switch (assignment.role) {
    case 'grid_member':
    case 'grid_leader': {
      const grid = reference.grids.get(assignment.gridCode);
      if (!grid) throw refuse('gridCode', '网格不存在');
      return { streetCode: grid.streetCode, gridCode: grid.code };
    }
    case 'community': {
      const unit = reference.unitsByCode.get(assignment.unitCode);
      const served = reference.communities.find((community) => community.unitCode === assignment.unitCode);
      if (!unit || unit.type !== 'community' || !unit.streetCode || !served) throw refuse('unitCode', '社区居委会不存在');
      return { streetCode: unit.streetCode, unitCode: unit.code, compoundCodes: [...served.compoundCodes] };
    }
    case 'property_manager': {
      const unit = reference.unitsByCode.get(assignment.unitCode);
      if (!unit || unit.type !== 'property_company') throw refuse('unitCode', '物业服务企业不存在');
      return { unitCode: unit.code };
    }
    case 'department': {
      const unit = reference.unitsByCode.get(assignment.unitCode);
      if (!unit || nonDepartmentUnitTypes.has(unit.type)) throw refuse('unitCode', '职能部门不存在');
      return { unitCode: unit.code };
    }
    case 'street_dispatcher':
      if (!reference.streets.has(assignment.streetCode)) throw refuse('streetCode', '街镇不存在');
      return { streetCode: assignment.streetCode };
    case 'district_dispatcher':
    case 'admin':
      return {};
  }
}

/** `role` or `role@place`, as the audit trail shows an assignment. */
function describeAssignment(role: Role, scope: Scope): string {
  const place = scope.gridCode ?? scope.unitCode ?? scope.streetCode;
  return place ? `${role}@${place}` : role;
}

function auditEntry(actor: Actor, now: Date, entry: Omit<AccountAuditRecord, 'at' | 'byId' | 'byName'>): AccountAuditRecord {
  return { ...entry, at: now, byId: actor.id, byName: actor.name };
}

/** A page of the accounts the actor administers, newest first. */
export async function listAccounts(deps: AccountCommandDeps, actor: Actor, query: ListAccountsQuery): Promise<Page<StoredAccount>> {
  const manager = managerOf(actor);
  let streetCode = query.streetCode;
  if (manager.role === 'street_dispatcher') {
    if (streetCode && streetCode !== manager.scope.streetCode) throw accountErrors.forbidden();
    streetCode = manager.scope.streetCode;
  }
  const unitCodes = streetCode ? [...deps.reference.unitsByCode.values()].filter((unit) => unit.streetCode === streetCode).map((unit) => unit.code) : undefined;
  return deps.store.list({ role: query.role, streetCode, unitCodes }, { cursor: query.cursor, limit: query.limit });
}

/** One account with its audit trail, if the actor administers its street (or everything). */
export async function getAccount(deps: AccountCommandDeps, actor: Actor, id: string): Promise<StoredAccount> {
  const manager = managerOf(actor);
  const account = await deps.store.findById(id);
  if (!account || !maySee(deps, manager, account)) throw accountErrors.notFound();
  return account;
}

/** Creates a staff account with its first password; the trail starts with who created it. */
export async function createAccount(deps: AccountCommandDeps, actor: Actor, input: CreateAccount): Promise<StoredAccount> {
  const manager = managerOf(actor);
  const scope = scopeOfAssignment(deps.reference, input.assignment);
  if (!mayManage(deps, manager, input.assignment.role, scope)) throw accountErrors.assignForbidden();
  const created = await deps.store.insertStaff({
    username: input.username,
    displayName: input.displayName,
    passwordHash: await deps.hashPassword(input.password),
    role: input.assignment.role,
    scope,
    audit: [auditEntry(actor, deps.now(), { action: 'created', to: describeAssignment(input.assignment.role, scope) })],
  });
  if (created === 'username_taken') throw accountErrors.usernameTaken();
  return created;
}

/**
 * Reads the account, checks that the actor may manage it (and that it is not the actor's own),
 * and writes the change with its audit entry in one update guarded by the revision read.
 */
async function change(
  deps: AccountCommandDeps,
  actor: Actor,
  id: string,
  decide: (account: StoredAccount, manager: Manager) => Promise<Omit<AccountChanges, 'audit'> & { audit: Omit<AccountAuditRecord, 'at' | 'byId' | 'byName'> } | undefined>,
): Promise<StoredAccount> {
  const manager = managerOf(actor);
  const account = await deps.store.findById(id);
  if (!account || !maySee(deps, manager, account)) throw accountErrors.notFound();
  if (account.id === actor.id) throw accountErrors.self();
  if (!mayManage(deps, manager, account.role, account.scope)) throw accountErrors.forbidden();
  const decided = await decide(account, manager);
  if (!decided) return account;
  const { audit, ...changes } = decided;
  const trail = [...account.audit, auditEntry(actor, deps.now(), audit)].slice(-AUDIT_TRAIL_LIMIT);
  const written = await deps.store.updateIfRevision(account.id, account.revision, { ...changes, audit: trail });
  // Forget even when refused: whoever won changed the account.
  deps.identities.forget(account.id);
  if (!written) throw accountErrors.concurrent();
  return (await deps.store.findById(account.id))!;
}

/** Gives the account another role and place; it counts from the account's next request. */
export function changeAssignment(deps: AccountCommandDeps, actor: Actor, id: string, input: ChangeAssignment): Promise<StoredAccount> {
  return change(deps, actor, id, async (account, manager) => {
    if (account.kind === 'wechat' || account.role === 'resident') throw accountErrors.residentFixed();
    const scope = scopeOfAssignment(deps.reference, input.assignment);
    if (!mayManage(deps, manager, input.assignment.role, scope)) throw accountErrors.assignForbidden();
    return {
      role: input.assignment.role satisfies StaffRole,
      scope,
      audit: { action: 'assignment_changed', from: describeAssignment(account.role, account.scope), to: describeAssignment(input.assignment.role, scope) },
    };
  });
}

/** Disables the account: its next request is refused, and its tokens stay dead if it is enabled again. */
export function disableAccount(deps: AccountCommandDeps, actor: Actor, id: string, reason: string): Promise<StoredAccount> {
  return change(deps, actor, id, async (account) =>
    account.disabled ? undefined : { disabled: true, credentialGeneration: account.credentialGeneration + 1, audit: { action: 'disabled', reason } },
  );
}

/** Enables a disabled account; its holder signs in again. */
export function enableAccount(deps: AccountCommandDeps, actor: Actor, id: string): Promise<StoredAccount> {
  return change(deps, actor, id, async (account) => (account.disabled ? { disabled: false, audit: { action: 'enabled' } } : undefined));
}

/** Sets a new password; every token signed before it stops working. */
export function resetPassword(deps: AccountCommandDeps, actor: Actor, id: string, password: string): Promise<StoredAccount> {
  return change(deps, actor, id, async (account) => {
    if (account.kind !== 'password') throw accountErrors.residentFixed();
    return { passwordHash: await deps.hashPassword(password), credentialGeneration: account.credentialGeneration + 1, audit: { action: 'password_reset' } };
  });
}
