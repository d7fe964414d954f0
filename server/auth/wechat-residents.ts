import type { Database } from '../db/connection';
import { findAccountByLoginKey, type AccountView } from './accounts';

/**
 * The resident account of a WeChat user, created at their first login. A resident starts with an
 * empty scope: compounds are added once their membership is verified.
 * Two first logins at once (a double tap) both miss and both insert; the unique index on loginKey
 * lets one win, and the other reads the winner's account.
 */
export async function findOrCreateWeChatResident(database: Database, input: { openid: string; displayName: string; unionid?: string }): Promise<AccountView> {
  const loginKey = `wx:${input.openid}`;
  const existing = await findAccountByLoginKey(database, loginKey);
  if (existing) {
    // WeChat gives the unionid once the mini-program is bound to the open platform: kept from the
    // first sign-in that carries it, it links the account to the service account's followers.
    if (input.unionid) await database.models.Account.updateOne({ loginKey, unionid: { $ne: input.unionid } }, { $set: { unionid: input.unionid } });
    return existing;
  }
  try {
    await database.models.Account.create({ loginKey, openid: input.openid, ...(input.unionid ? { unionid: input.unionid } : {}), displayName: input.displayName, role: 'resident', scope: {} });
  } catch (error) {
    if ((error as { code?: number }).code !== 11000) throw error;
  }
  const account = await findAccountByLoginKey(database, loginKey);
  if (!account) throw new Error(`account ${loginKey} vanished right after it was created`);
  return account;
}
