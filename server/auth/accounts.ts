import { actorFromAccount, type Actor } from '../../shared/domain/roles';
import type { AccountView } from '../commands/ports';
import type { Database } from '../db/connection';
import { scopeOfStored } from '../db/account-store';

/** An account as sign-in sees it: a plain object, never a mongoose document. */
export type { AccountView };

/** Reads an account by its login key (`pw:<username>` or `wx:<openid>`). */
export async function findAccountByLoginKey(database: Database, loginKey: string): Promise<AccountView | undefined> {
  const doc = await database.models.Account.findOne({ loginKey }, { audit: 0 }).lean();
  if (!doc) return undefined;
  return {
    id: String(doc._id),
    kind: doc.loginKey.startsWith('wx:') ? 'wechat' : 'password',
    loginKey: doc.loginKey,
    username: doc.username ?? undefined,
    displayName: doc.displayName,
    role: doc.role,
    scope: scopeOfStored(doc.scope),
    passwordHash: doc.passwordHash ?? undefined,
    disabled: doc.disabled ?? false,
    demo: doc.demo ?? false,
    credentialGeneration: doc.credentialGeneration ?? 0,
  };
}

/** The actor an account acts as, or undefined when its scope lacks a field its role needs. */
export function actorOfAccount(account: AccountView): Actor | undefined {
  return actorFromAccount({ id: account.id, name: account.displayName, role: account.role, scope: account.scope });
}

/** What a token for this account carries: who, how they sign in, and the credential generation. */
export function tokenIdentityOf(account: Pick<AccountView, 'id' | 'kind' | 'credentialGeneration'>) {
  return { accountId: account.id, kind: account.kind, generation: account.credentialGeneration };
}
