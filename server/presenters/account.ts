import type { AccountAdminView } from '../../shared/api/accounts';
import { roleLabels } from '../../shared/domain/roles';
import type { StoredAccount } from '../commands/ports';

/** An account for administrators: never a password hash; the trail only when asked (one account). */
export function presentAccount(account: StoredAccount, options: { withAudit?: boolean } = {}): AccountAdminView {
  return {
    id: account.id,
    kind: account.kind,
    ...(account.username ? { username: account.username } : {}),
    displayName: account.displayName,
    role: account.role,
    roleLabel: roleLabels[account.role],
    scope: account.scope,
    disabled: account.disabled,
    createdAt: account.createdAt,
    updatedAt: account.updatedAt,
    ...(options.withAudit ? { audit: account.audit.map((entry) => ({ ...entry })) } : {}),
  };
}
