import type { Actor } from '../../shared/domain/roles';
import type { AccountView } from '../commands/ports';
import type { Database } from '../db/connection';

/** An account as the rest of the server sees it: a plain object, never a mongoose document. */
export type { AccountView };

/** Reads an account by its login key (`pw:<username>` or `wx:<openid>`). */
export async function findAccountByLoginKey(database: Database, loginKey: string): Promise<AccountView | undefined> {
  const doc = await database.models.Account.findOne({ loginKey }).lean();
  if (!doc) return undefined;
  return {
    id: String(doc._id),
    loginKey: doc.loginKey,
    username: doc.username ?? undefined,
    displayName: doc.displayName,
    role: doc.role,
    scope: stripEmpty(doc.scope ?? {}),
    passwordHash: doc.passwordHash ?? undefined,
    disabled: doc.disabled ?? false,
    demo: doc.demo ?? false,
  };
}

export function actorOfAccount(account: AccountView): Actor {
  return { id: account.id, role: account.role, name: account.displayName, scope: account.scope };
}

function stripEmpty(scope: { streetCode?: string | null; gridCode?: string | null; compoundCodes?: string[] | null; unitCode?: string | null }): Actor['scope'] {
  const result: Actor['scope'] = {};
  if (scope.streetCode) result.streetCode = scope.streetCode;
  if (scope.gridCode) result.gridCode = scope.gridCode;
  if (scope.compoundCodes?.length) result.compoundCodes = [...scope.compoundCodes];
  if (scope.unitCode) result.unitCode = scope.unitCode;
  return result;
}
