import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { householdIdOf } from '../../shared/api/membership';
import type { MembershipStore, RosterStore, StoredMembership } from '../commands/ports';

/** The stores under test and how to dispose of them (a database per file for the mongo ones). */
export interface MembershipStoresUnderTest {
  memberships: MembershipStore;
  rosters: RosterStore;
  close(): Promise<void>;
}

/** What every MembershipStore and RosterStore answers alike, on the engine or in memory. */
export function describeMembershipStoreContract(label: string, open: () => Promise<MembershipStoresUnderTest>): void {
let stores: MembershipStoresUnderTest;
let memberships: MembershipStore;
let rosters: RosterStore;
beforeAll(async () => {
  stores = await open();
  memberships = stores.memberships;
  rosters = stores.rosters;
});
afterAll(async () => stores?.close());

let clock = Date.UTC(2026, 2, 1);
/** A claim of a room; each one a second later than the last, so the list order is known. */
function buildClaim(overrides: Partial<StoredMembership> & { accountId: string; room: string }): Parameters<MembershipStore['claim']>[0] {
  const home = { compoundCode: overrides.compoundCode ?? 'C001', buildingCode: overrides.buildingCode ?? 'B01', unit: '1', room: overrides.room };
  clock += 1000;
  return {
    accountName: `住户${overrides.accountId}`,
    gridCode: 'G01',
    streetCode: 'ST01',
    relation: 'owner',
    createdAt: new Date(clock),
    ...overrides,
    status: 'pending',
    ...home,
    householdId: householdIdOf(home),
  };
}

async function claimed(overrides: Parameters<typeof buildClaim>[0]): Promise<StoredMembership> {
  const result = await memberships.claim(buildClaim(overrides));
  if (result === 'duplicate') throw new Error('unexpected duplicate');
  return result;
}

const staff = { decidedBy: 'staff' as const, decidedById: 'staff-1', decidedAt: new Date(Date.UTC(2026, 2, 2)) };

describe(`membership store: ${label}`, () => {
  it('records a claim at revision 0 and reads it back by id and by account, without fields never given', async () => {
    const stored = await claimed({ accountId: 'a1', room: '101', claimedName: '张三', phone: '13800000001' });
    expect(stored).toMatchObject({ accountId: 'a1', householdId: 'C001:B01:1:101', status: 'pending', revision: 0, claimedName: '张三' });
    const found = await memberships.findById(stored.id);
    expect(found).toEqual(stored);
    expect(found).not.toHaveProperty('reason');
    expect(await memberships.ofAccount('a1')).toEqual([stored]);
    expect(await memberships.findById('0123456789abcdef01234567')).toBeUndefined();
    expect(await memberships.findById('not-an-id')).toBeUndefined();
  });

  it('answers duplicate for a second claim of a pending or verified room by the same account, and lets another account claim it', async () => {
    await claimed({ accountId: 'a2', room: '102' });
    expect(await memberships.claim(buildClaim({ accountId: 'a2', room: '102', relation: 'tenant' }))).toBe('duplicate');
    const other = await claimed({ accountId: 'a3', room: '102' });
    const verified = await memberships.decideIfRevision(other.id, 0, { status: 'verified', ...staff });
    expect(verified?.status).toBe('verified');
    expect(await memberships.claim(buildClaim({ accountId: 'a3', room: '102' }))).toBe('duplicate');
    expect((await memberships.ofAccount('a2')).map((item) => item.status)).toEqual(['pending']);
    expect((await memberships.ofAccount('a3')).map((item) => item.status)).toEqual(['verified']);
  });

  it('re-claims a rejected room on the same document: pending again, revision moved on, the old reason gone', async () => {
    const first = await claimed({ accountId: 'a4', room: '103' });
    const rejected = await memberships.decideIfRevision(first.id, 0, { status: 'rejected', reason: '房号不符', ...staff });
    expect(rejected).toMatchObject({ status: 'rejected', reason: '房号不符', revision: 1, decidedBy: 'staff' });
    const again = await memberships.claim(buildClaim({ accountId: 'a4', room: '103', relation: 'family' }));
    expect(again).toMatchObject({ id: first.id, status: 'pending', relation: 'family', revision: 2 });
    expect(again).not.toHaveProperty('reason');
    expect(again).not.toHaveProperty('decidedBy');
  });

  it('applies a decision only at the expected revision', async () => {
    const claim = await claimed({ accountId: 'a5', room: '104' });
    expect(await memberships.decideIfRevision(claim.id, 0, { status: 'verified', ...staff })).toMatchObject({ revision: 1 });
    expect(await memberships.decideIfRevision(claim.id, 0, { status: 'rejected', reason: '晚到的决定', ...staff })).toBeUndefined();
    expect((await memberships.findById(claim.id))?.status).toBe('verified');
  });

  it('keeps every change when one account claims two homes and is decided on a third at once: none overwrites another', async () => {
    const first = await claimed({ accountId: 'r1', room: '601' });
    const [second, third, decided] = await Promise.all([
      memberships.claim(buildClaim({ accountId: 'r1', room: '602' })),
      memberships.claim(buildClaim({ accountId: 'r1', room: '603' })),
      memberships.decideIfRevision(first.id, 0, { status: 'verified', ...staff }),
    ]);
    expect(second).not.toBe('duplicate');
    expect(third).not.toBe('duplicate');
    expect(decided?.status).toBe('verified');
    const rooms = (await memberships.ofAccount('r1')).map((item) => `${item.room}:${item.status}`);
    expect(rooms.sort()).toEqual(['601:verified', '602:pending', '603:pending']);
  });

  it('records one of five identical claims sent at once and answers duplicate to the others', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => memberships.claim(buildClaim({ accountId: 'r2', room: '604' }))));
    expect(results.filter((result) => result === 'duplicate')).toHaveLength(4);
    expect(await memberships.ofAccount('r2')).toHaveLength(1);
  });

  it('lists newest first within the compounds and status asked, a page at a time, each once', async () => {
    await claimed({ accountId: 'l1', room: '201', compoundCode: 'C900' });
    await claimed({ accountId: 'l2', room: '202', compoundCode: 'C900' });
    await claimed({ accountId: 'l3', room: '203', compoundCode: 'C901' });
    await claimed({ accountId: 'l4', room: '204', compoundCode: 'C902' });
    const first = await memberships.list({ compoundCodes: ['C900', 'C901'] }, { limit: 2 });
    expect(first.items.map((item) => item.accountId)).toEqual(['l3', 'l2']);
    const second = await memberships.list({ compoundCodes: ['C900', 'C901'] }, { limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((item) => item.accountId)).toEqual(['l1']);
    expect(second.nextCursor).toBeNull();
    expect((await memberships.list({ compoundCodes: ['C900'], status: 'verified' }, { limit: 10 })).items).toEqual([]);
    await expect(memberships.list({}, { limit: 2, cursor: 'bogus' })).rejects.toMatchObject({ code: 'list.invalid_cursor' });
  });

  it('counts verified residents or households of a compound, some buildings or a grid: distinct, pending and ended left out', async () => {
    const verify = async (claim: StoredMembership) => memberships.decideIfRevision(claim.id, claim.revision, { status: 'verified', ...staff });
    // Two residents of one room, one of another room in building B02, one of another grid; a pending and an ended one.
    await verify(await claimed({ accountId: 'e1', room: '301', compoundCode: 'C800', gridCode: 'G80' }));
    await verify(await claimed({ accountId: 'e2', room: '301', compoundCode: 'C800', gridCode: 'G80' }));
    await verify(await claimed({ accountId: 'e1', room: '302', compoundCode: 'C800', buildingCode: 'B02', gridCode: 'G80' }));
    await verify(await claimed({ accountId: 'e3', room: '303', compoundCode: 'C801', gridCode: 'G80' }));
    await claimed({ accountId: 'e4', room: '304', compoundCode: 'C800', gridCode: 'G80' });
    const ended = await claimed({ accountId: 'e5', room: '305', compoundCode: 'C800', gridCode: 'G80' });
    await memberships.decideIfRevision(ended.id, 0, { status: 'ended', reason: '迁出', decidedBy: 'resident', decidedById: 'e5', decidedAt: new Date() });

    expect(await memberships.countEligible({ kind: 'compound', compoundCode: 'C800' }, 'resident')).toBe(2);
    expect(await memberships.countEligible({ kind: 'compound', compoundCode: 'C800' }, 'household')).toBe(2);
    expect(await memberships.countEligible({ kind: 'buildings', compoundCode: 'C800', buildingCodes: ['B01'] }, 'resident')).toBe(2);
    expect(await memberships.countEligible({ kind: 'buildings', compoundCode: 'C800', buildingCodes: ['B01'] }, 'household')).toBe(1);
    expect(await memberships.countEligible({ kind: 'buildings', compoundCode: 'C800', buildingCodes: ['B02'] }, 'resident')).toBe(1);
    expect(await memberships.countEligible({ kind: 'grid', gridCode: 'G80' }, 'resident')).toBe(3);
    expect(await memberships.countEligible({ kind: 'grid', gridCode: 'G80' }, 'household')).toBe(3);
    expect(await memberships.countEligible({ kind: 'grid', gridCode: 'G-none' }, 'household')).toBe(0);
  });

  it("pages through a poll scope's verified residents, each membership once, pending and ended left out", async () => {
    const verify = async (claim: StoredMembership) => memberships.decideIfRevision(claim.id, claim.revision, { status: 'verified', ...staff });
    for (const [index, accountId] of ['n1', 'n2', 'n3', 'n4', 'n5'].entries()) await verify(await claimed({ accountId, room: `5${index}1`, compoundCode: 'C810', gridCode: 'G81' }));
    await verify(await claimed({ accountId: 'n6', room: '561', compoundCode: 'C810', buildingCode: 'B02', gridCode: 'G81' }));
    await claimed({ accountId: 'n7', room: '571', compoundCode: 'C810', gridCode: 'G81' });
    await verify(await claimed({ accountId: 'n8', room: '581', compoundCode: 'C811', gridCode: 'G82' }));

    async function everyPage(scope: Parameters<MembershipStore['eligibleAccounts']>[0]) {
      const pages: string[][] = [];
      let after: string | undefined;
      do {
        const page = await memberships.eligibleAccounts(scope, { ...(after !== undefined ? { after } : {}), limit: 2 });
        pages.push(page.accountIds);
        after = page.next ?? undefined;
      } while (after !== undefined && pages.length < 10);
      return pages;
    }
    const compound = await everyPage({ kind: 'compound', compoundCode: 'C810' });
    expect(compound.map((page) => page.length)).toEqual([2, 2, 2]);
    expect(compound.flat().sort()).toEqual(['n1', 'n2', 'n3', 'n4', 'n5', 'n6']);
    expect((await everyPage({ kind: 'buildings', compoundCode: 'C810', buildingCodes: ['B02'] })).flat()).toEqual(['n6']);
    expect((await everyPage({ kind: 'grid', gridCode: 'G82' })).flat()).toEqual(['n8']);
    expect(await everyPage({ kind: 'grid', gridCode: 'G-none' })).toEqual([[]]);
  });

  it('finds the pending claims of some households only', async () => {
    const pending = await claimed({ accountId: 'p1', room: '401' });
    const decided = await claimed({ accountId: 'p2', room: '402' });
    await memberships.decideIfRevision(decided.id, 0, { status: 'rejected', reason: '不符', ...staff });
    const found = await memberships.pendingOf(['C001:B01:1:401', 'C001:B01:1:402', 'C001:B01:1:499']);
    expect(found.map((item) => item.id)).toEqual([pending.id]);
    expect(await memberships.pendingOf([])).toEqual([]);
  });
});

describe(`roster store: ${label}`, () => {
  const household = (room: string, name: string, phone: string) => ({ compoundCode: 'C001', buildingCode: 'B01', unit: '1', room, residents: [{ line: 2, name, phone, relation: 'owner' as const }] });

  it("finds a room's residents in the roster that holds it, and nothing for a room none holds", async () => {
    await rosters.replace('U-CM-01', [household('101', '张三', '13800000001'), household('102', '李四', '13800000002')], 'cm', new Date());
    expect(await rosters.residentsOf('C001:B01:1:102')).toEqual([{ line: 2, name: '李四', phone: '13800000002', relation: 'owner' }]);
    expect(await rosters.residentsOf('C001:B01:1:199')).toEqual([]);
  });

  it("replaces a community's roster whole, leaving other communities' rosters alone", async () => {
    await rosters.replace('U-CM-02', [household('501', '王五', '13800000005')], 'cm2', new Date());
    await rosters.replace('U-CM-01', [household('103', '赵六', '13800000006')], 'cm', new Date());
    expect(await rosters.residentsOf('C001:B01:1:101')).toEqual([]);
    expect((await rosters.residentsOf('C001:B01:1:103'))[0]?.name).toBe('赵六');
    expect((await rosters.residentsOf('C001:B01:1:501'))[0]?.name).toBe('王五');
  });
});
}
