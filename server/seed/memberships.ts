import { householdIdOf, type MembershipRelation } from '../../shared/api/membership';
import { Types } from 'mongoose';
import type { Database } from '../db/connection';
import type { SeedDistrict } from './district';

/**
 * The demo homes: resident01–03 verified owners of a room of their compound (first building,
 * unit 1, rooms 101, 102, 103); resident04–06 pending claims in resident01's compound for
 * community01 to decide; and community01's roster, which lists resident01's room (so a claim
 * with the roster's name and phone is verified at once) but none of the pending rooms.
 */
const verifiedHomes = [
  { username: 'resident01', room: '101' },
  { username: 'resident02', room: '102' },
  { username: 'resident03', room: '103' },
];
const pendingClaims = [
  { username: 'resident04', room: '201', relation: 'owner', phone: '13955100204' },
  { username: 'resident05', room: '202', relation: 'tenant', phone: '13955100205' },
  { username: 'resident06', room: '203', relation: 'family', phone: '13955100206' },
] as const;

/** Fixed instants, so a re-seed writes the same documents. */
const seededAt = new Date(Date.UTC(2026, 0, 5, 1, 0, 0));
const decidedAt = new Date(Date.UTC(2026, 0, 6, 1, 0, 0));

/** Writes the demo homes and roster once; a re-run finds them (accounts' documents and roster by their `_id`) and writes nothing. */
export async function seedDemoMemberships(database: Database, district: SeedDistrict): Promise<{ memberships: number; rosters: number }> {
  const { Account, AccountMemberships, Roster } = database.models;
  const compounds = new Map(district.compounds.map((compound) => [compound.code, compound]));
  const usernames = [...verifiedHomes, ...pendingClaims].map((home) => home.username);
  const accounts = new Map((await Account.find({ loginKey: { $in: usernames.map((username) => `pw:${username}`) } }, { username: 1, displayName: 1, scope: 1 }).lean()).map((account) => [account.username, account]));

  const homeOf = (username: string, room: string) => {
    const account = accounts.get(username);
    const compound = compounds.get(account?.scope?.compoundCodes?.[0] ?? '');
    const building = compound?.buildings[0];
    if (!account || !compound || !building) return undefined;
    const place = { compoundCode: compound.code, buildingCode: building.code, unit: '1', room };
    return {
      accountId: String(account._id),
      accountName: account.displayName,
      ...place,
      householdId: householdIdOf(place),
      gridCode: compound.gridCode,
      streetCode: compound.streetCode,
      createdAt: seededAt,
    };
  };

  const docs = [
    ...verifiedHomes.flatMap(({ username, room }) => {
      const home = homeOf(username, room);
      return home ? [{ ...home, relation: 'owner' as MembershipRelation, status: 'verified', decidedBy: 'staff', decidedById: 'seed', decidedAt, revision: 1 }] : [];
    }),
    ...pendingClaims.flatMap(({ username, room, relation, phone }) => {
      const home = homeOf(username, room);
      return home ? [{ ...home, relation, status: 'pending', claimedName: home.accountName, phone, revision: 0 }] : [];
    }),
  ];
  // Each demo resident has one home, so an account's document is written whole or found whole.
  const existing = new Set((await AccountMemberships.find({ _id: { $in: docs.map((doc) => doc.accountId) } }, { _id: 1 }).lean()).map((doc) => doc._id));
  const missing = docs.filter((doc) => !existing.has(doc.accountId)).map(({ accountId, ...home }) => ({ _id: accountId, homes: [{ ...home, id: new Types.ObjectId().toHexString() }], version: 0 }));
  let memberships = 0;
  if (missing.length) {
    try {
      memberships = (await AccountMemberships.insertMany(missing, { ordered: false })).length;
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
    }
  }

  const resident01 = homeOf('resident01', '101');
  const community = district.communities.find((candidate) => resident01 && candidate.compoundCodes.includes(resident01.compoundCode));
  let rosters = 0;
  if (resident01 && community && !(await Roster.exists({ _id: community.unitCode }))) {
    const household = (room: string, residents: { name: string; phone: string; relation: MembershipRelation }[]) => {
      const place = { compoundCode: resident01.compoundCode, buildingCode: resident01.buildingCode, unit: '1', room };
      return { ...place, householdId: householdIdOf(place), residents: residents.map((resident) => ({ line: 0, ...resident })) };
    };
    const households = [
      household('101', [
        { name: resident01.accountName, phone: '13955100101', relation: 'owner' },
        { name: '周建华', phone: '13955100111', relation: 'family' },
      ]),
      household('102', [{ name: '吴秀兰', phone: '13955100102', relation: 'owner' }]),
      household('103', [{ name: '郑国强', phone: '13955100103', relation: 'tenant' }]),
    ];
    let line = 1;
    for (const entry of households) for (const resident of entry.residents) resident.line = ++line;
    try {
      await Roster.create({ _id: community.unitCode, households, householdIds: households.map((entry) => entry.householdId), rows: line - 1, importedBy: 'seed', importedAt: seededAt });
      rosters = 1;
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
    }
  }
  return { memberships, rosters };
}
