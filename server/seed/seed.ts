import type { Model } from 'mongoose';
import type { Database } from '../db/connection';
import { hashPassword } from '../auth/password';
import { baoheCatalog } from '../../shared/catalog/baohe-catalog';
import { generateDistrict, type SeedDistrict } from './district';
import { defaultWeChatMessagesConfig } from '../../shared/wechat-messages/messages-config';
import { seedDemoMemberships } from './memberships';

export interface SeedReport {
  /** True when this run wrote anything; a second run on the same database reports false. */
  created: boolean;
  inserted: Record<string, number>;
}

/**
 * Writes the demo district idempotently: each record is inserted only when its code is absent
 * (`$setOnInsert`), so a re-run changes nothing and never overwrites an administrator's edits.
 */
export async function seedDemoDistrict(
  database: Database,
  options: {
    hashPasswords?: boolean;
    district?: SeedDistrict;
    /**
     * Give new demo accounts a fake WeChat identity and subscribe consents (default), so that with
     * the local fake WeChat a newcomer sees messages on /dev/wechat at the first case; API tests
     * turn it off and give identities and consents themselves.
     */
    demoWeChat?: boolean;
  } = {},
): Promise<SeedReport> {
  // Tests may seed a smaller district of the same shape (server/testing/fixture-district.ts).
  const district = options.district ?? generateDistrict();
  const { Street, Grid, Compound, Unit, Community, Account, CatalogVersion } = database.models;
  const inserted: Record<string, number> = {
    streets: await insertMissing(Street, 'code', district.streets),
    grids: await insertMissing(Grid, 'code', district.grids),
    compounds: await insertMissing(Compound, 'code', district.compounds),
    units: await insertMissing(Unit, 'code', district.units),
    communities: await insertMissing(Community, 'unitCode', district.communities),
  };

  // Hash only for accounts not stored yet: scrypt is deliberately slow.
  const existingLogins = new Set((await Account.find({}, { loginKey: 1 }).lean()).map((account) => account.loginKey));
  const newAccounts = district.accounts.filter((account) => !existingLogins.has(`pw:${account.username}`));
  const accountDocs = await Promise.all(
    newAccounts.map(async (account) => ({
      loginKey: `pw:${account.username}`,
      username: account.username,
      // Tests skip hashing (scrypt is slow on purpose) and sign tokens directly instead.
      passwordHash: options.hashPasswords === false ? undefined : await hashPassword(account.password),
      displayName: account.displayName,
      role: account.role,
      scope: account.scope,
      demo: true,
      ...(options.demoWeChat === false ? {} : { openid: `o-demo-${account.username}` }),
    })),
  );
  inserted.accounts = await insertMissing(Account, 'loginKey', accountDocs);
  if (options.demoWeChat !== false && newAccounts.length) inserted.wechatConsents = await insertDemoConsents(database, newAccounts.map((account) => `pw:${account.username}`));

  Object.assign(inserted, await seedDemoMemberships(database, district));

  inserted.catalogVersions = await insertMissing(CatalogVersion, 'version', [
    { version: baoheCatalog.version, publishedAt: new Date(baoheCatalog.publishedAt), publishedBy: 'seed', categories: baoheCatalog.categories },
  ]);

  return { created: Object.values(inserted).some((count) => count > 0), inserted };
}

/**
 * Consents of the accounts just seeded, under the default messages config's templates: residents
 * 20 of each one-time template, staff the long-term one on. Only for accounts this run inserted,
 * so a re-run, or an account an administrator changed, is left alone.
 */
async function insertDemoConsents(database: Database, loginKeys: string[]): Promise<number> {
  const { Account, WeChatConsent } = database.models;
  const accounts = await Account.find({ loginKey: { $in: loginKeys } }, { role: 1 }).lean();
  const now = new Date();
  const templates = Object.entries(defaultWeChatMessagesConfig.subscribeTemplates);
  const docs = accounts.flatMap((account) =>
    templates
      .filter(([, template]) => (account.role === 'resident') === (template.kind === 'one_time'))
      .map(([templateId, template]) => ({ accountId: String(account._id), templateId, kind: template.kind, remaining: template.kind === 'one_time' ? 20 : 0, active: template.kind === 'long_term', spentKeys: [], updatedAt: now })),
  );
  if (!docs.length) return 0;
  try {
    await WeChatConsent.insertMany(docs, { ordered: false });
    return docs.length;
  } catch (error) {
    // A concurrent seeder inserted some: the unique index refused them.
    if ((error as { code?: number }).code !== 11000) throw error;
    return 0;
  }
}

/**
 * Inserts the records whose key is not stored yet. One read of the existing keys and one insert
 * instead of an upsert per record: FerretDB's SQLite backend scans a collection per filter.
 * A concurrent seeder's duplicates are refused by the unique index and ignored.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one helper serves every model
async function insertMissing<T extends object>(model: Model<any>, key: keyof T & string, records: T[]): Promise<number> {
  const existing = new Set((await model.find({}, { [key]: 1, _id: 0 }).lean<Record<string, unknown>[]>()).map((doc) => doc[key]));
  const missing = records.filter((record) => !existing.has(record[key]));
  if (missing.length === 0) return 0;
  try {
    return (await model.insertMany(missing, { ordered: false })).length;
  } catch (error) {
    if ((error as { code?: number }).code !== 11000) throw error;
    return (error as { insertedDocs?: unknown[] }).insertedDocs?.length ?? 0;
  }
}
