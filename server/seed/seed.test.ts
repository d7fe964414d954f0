import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/connection';
import { dropTestDatabase, openTestDatabase } from '../testing/database';
import { verifyPassword } from '../auth/password';
import { DEMO_PASSWORD } from './district';
import { seedDemoDistrict } from './seed';

let database: Database;

beforeAll(async () => {
  database = await openTestDatabase('seed');
});
afterAll(async () => dropTestDatabase(database));

describe('seedDemoDistrict', () => {
  it('writes the whole district into an empty database', async () => {
    const report = await seedDemoDistrict(database);
    expect(report.created).toBe(true);
    const { Street, Grid, Compound, Account, CatalogVersion } = database.models;
    expect(await Street.countDocuments()).toBe(14);
    expect(await Grid.countDocuments()).toBe(168);
    expect(await Compound.countDocuments()).toBe(522);
    expect(await CatalogVersion.countDocuments()).toBe(1);
    const admin = await Account.findOne({ loginKey: 'pw:admin' }).lean();
    expect(admin?.role).toBe('admin');
    expect(await verifyPassword(DEMO_PASSWORD, admin!.passwordHash!)).toBe(true);
  });

  it('gives demo accounts a fake WeChat identity and consents, so the fake WeChat shows messages at once', async () => {
    const { Account, WeChatConsent } = database.models;
    const resident = await Account.findOne({ loginKey: 'pw:resident01' }).lean();
    const manager = await Account.findOne({ loginKey: 'pw:pm01' }).lean();
    expect(resident?.openid).toBe('o-demo-resident01');
    const consents = async (id: unknown) => (await WeChatConsent.find({ accountId: String(id) }).lean()).map(({ templateId, kind, remaining, active }) => ({ templateId, kind, remaining, active }));
    expect(await consents(resident!._id)).toEqual(
      expect.arrayContaining([
        { templateId: 'tmpl-case-progress', kind: 'one_time', remaining: 20, active: false },
        { templateId: 'tmpl-case-rate', kind: 'one_time', remaining: 20, active: false },
      ]),
    );
    expect(await consents(manager!._id)).toEqual([{ templateId: 'tmpl-work-order', kind: 'long_term', remaining: 0, active: true }]);
  });

  it('changes nothing when run a second time', async () => {
    const snapshot = async () => ({
      grids: await database.models.Grid.find().sort({ code: 1 }).lean(),
      accounts: await database.models.Account.find().sort({ loginKey: 1 }).lean(),
      consents: await database.models.WeChatConsent.countDocuments(),
    });
    const before = await snapshot();
    const report = await seedDemoDistrict(database);
    expect(report.created).toBe(false);
    expect(Object.values(report.inserted).every((count) => count === 0)).toBe(true);
    expect(await snapshot()).toEqual(before);
  });
});

describe('the demo homes', () => {
  it('gives resident01–03 a verified home, resident04–06 a pending claim in resident01’s compound, and community01 a roster', async () => {
    const { Account, AccountMemberships, Roster } = database.models;
    const accountIdOf = async (username: string) => String((await Account.findOne({ loginKey: `pw:${username}` }).lean())!._id);
    const statusOf = async (username: string) => ((await AccountMemberships.findById(await accountIdOf(username)).lean())?.homes ?? []).map(({ status, room, unit }) => ({ status, unit, room }));
    expect(await statusOf('resident01')).toEqual([{ status: 'verified', unit: '1', room: '101' }]);
    expect(await statusOf('resident03')).toEqual([{ status: 'verified', unit: '1', room: '103' }]);
    expect(await statusOf('resident05')).toEqual([{ status: 'pending', unit: '1', room: '202' }]);
    const community01 = await Account.findOne({ loginKey: 'pw:community01' }).lean();
    const pending = (await AccountMemberships.find({ 'homes.status': 'pending' }).lean()).flatMap((doc) => doc.homes.filter((home) => home.status === 'pending'));
    expect(pending).toHaveLength(3);
    for (const claim of pending) expect(community01?.scope?.compoundCodes).toContain(claim.compoundCode);
    expect(await Roster.exists({ _id: community01?.scope?.unitCode })).toBeTruthy();
  });
});
