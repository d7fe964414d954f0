import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { membershipPageSchema, membershipViewSchema, myGridsSchema, rosterImportResultSchema } from '../../../shared/api/membership';
import { maskPhone } from '../../../shared/policies/personal-data';
import { mongoMembershipStore } from '../../db/membership-store';
import { startTestApp, type TestApp } from '../../testing/app';

// The demo district: C001 (resident01's compound, building C001-B01) is community01's and grid
// 0101's; C011 (resident03's) is in the same street but another committee's and another grid's.
// The seed gives resident01–03 a verified home, resident04–06 pending claims in C001 (rooms
// 1-201…203) and community01 a roster.
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ label: 'memberships' });
});
afterAll(async () => app?.close());

const call = async (username: string | undefined, method: string, path: string, body?: unknown) =>
  app.server.request(method, `/api/v1/memberships${path}`, { ...(username ? { token: await app.token(username) } : {}), ...(body === undefined ? {} : { body }) });
const ok = async (username: string, method: string, path: string, body?: unknown, status = 200) => {
  const response = await call(username, method, path, body);
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  return response.body;
};
const claim = (username: string, overrides: Record<string, unknown> = {}) =>
  call(username, 'POST', '', { compoundCode: 'C001', buildingCode: 'C001-B01', unit: '3', room: '301', relation: 'owner', ...overrides });
const staffList = async (username: string, query = '') => membershipPageSchema.parse(await ok(username, 'GET', query));
const displayNameOf = async (username: string) => (await app.database.models.Account.findOne({ loginKey: `pw:${username}` }).lean())!.displayName;
const pendingOf = async (username: string) => {
  const accountId = (await app.actor(username)).id;
  return (await staffList('community01', '?status=pending&limit=100')).items.find((item) => item.resident?.accountId === accountId);
};
const importCsv = async (username: string, bytes: Uint8Array, contentType = 'text/csv') => {
  const response = await fetch(`${app.server.url}/api/v1/memberships/roster`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await app.token(username)}`, 'content-type': contentType },
    body: Buffer.from(bytes),
  });
  return { status: response.status, body: await response.json() };
};
const header = '小区编号,楼栋编号,单元,房号,姓名,手机号,关系';

describe('claiming a home', () => {
  it('records a pending claim with the names of its places and no resident field', async () => {
    const response = await claim('resident02', { name: '钱多多', phone: '13911112222' });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const view = membershipViewSchema.parse(response.body);
    expect(view).toMatchObject({ compound: { code: 'C001' }, building: { code: 'C001-B01' }, unit: '3', room: '301', householdId: 'C001:C001-B01:3:301', grid: { code: 'ST01-G01' }, status: 'pending', decidedBy: null, revision: 0 });
    expect(view.compound.name).not.toBe('C001');
    expect(response.body).not.toHaveProperty('resident');
  });

  it('refuses a second claim of the same room while the first is pending: 409 membership.duplicate', async () => {
    const again = await claim('resident02', { relation: 'tenant' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('membership.duplicate');
  });

  it('refuses a compound or building that does not exist with 422 membership.unknown_place, naming the field', async () => {
    const noCompound = await claim('resident02', { compoundCode: 'C999999' });
    expect(noCompound.status).toBe(422);
    expect(noCompound.body.error).toMatchObject({ code: 'membership.unknown_place', details: { fields: { compoundCode: expect.any(Array) } } });
    const noBuilding = await claim('resident02', { buildingCode: 'C011-B01' });
    expect(noBuilding.status).toBe(422);
    expect(noBuilding.body.error.details.fields).toHaveProperty('buildingCode');
  });

  it('refuses bad input with 400 and field errors, staff with 403, and anonymous callers with 401', async () => {
    const bad = await claim('resident02', { room: '3 01', relation: 'landlord', phone: '123' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.details.fields).sort()).toEqual(['phone', 'relation', 'room']);
    expect((await claim('community01', { room: '302' })).status).toBe(403);
    expect((await claim('community01', { room: '302' })).body.error.code).toBe('membership.forbidden');
    expect((await call(undefined, 'GET', '/mine')).status).toBe(401);
  });
});

describe('the staff roster and decisions', () => {
  it('shows community01 its claims with the resident’s name and full phone; street and district see it masked', async () => {
    const mine = await pendingOf('resident02');
    expect(mine?.resident).toEqual({ accountId: (await app.actor('resident02')).id, name: '钱多多', phone: '13911112222' });
    const asGrid = (await staffList('grid0101', '?status=pending&limit=100')).items.find((item) => item.id === mine!.id);
    expect(asGrid?.resident?.phone).toBe('13911112222');
    for (const overseer of ['street01', 'district', 'admin']) {
      const seen = (await staffList(overseer, '?status=pending&limit=100')).items.find((item) => item.id === mine!.id);
      expect(seen?.resident?.phone, overseer).toBe(maskPhone('13911112222'));
    }
    // A claim without a name shows the account's name; the seeded ones carry their phones.
    const seeded = await pendingOf('resident04');
    expect(seeded?.resident?.name).toBe(await displayNameOf('resident04'));
  });

  it('refuses the roster to residents, property managers and departments with 403 membership.forbidden', async () => {
    for (const username of ['resident01', 'pm01', 'dept-market01']) {
      const response = await call(username, 'GET', '');
      expect(response.status, username).toBe(403);
      expect(response.body.error.code).toBe('membership.forbidden');
    }
  });

  it('pages the list with a cursor, newest first, each membership once', async () => {
    const all = (await staffList('community01', '?limit=100')).items;
    expect(all.length).toBeGreaterThan(3);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await staffList('community01', `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((item) => item.id));
    const created = all.map((item) => item.createdAt.getTime());
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect((await call('community01', 'GET', '?cursor=bogus')).status).toBe(422);
    expect((await call('community01', 'GET', '?limit=0')).status).toBe(400);
  });

  it('lets community01 verify a pending claim at its revision; a stale revision is 409, a decided claim 422', async () => {
    const pending = (await pendingOf('resident02'))!;
    const stale = await call('community01', 'POST', `/${pending.id}/verify`, { revision: pending.revision + 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'membership.stale', details: { currentRevision: pending.revision } });
    const verified = membershipViewSchema.parse(await ok('community01', 'POST', `/${pending.id}/verify`, { revision: pending.revision }));
    expect(verified).toMatchObject({ status: 'verified', decidedBy: 'staff', revision: pending.revision + 1 });
    expect(verified.resident?.name).toBe('钱多多');
    const twice = await call('community01', 'POST', `/${pending.id}/verify`, { revision: verified.revision });
    expect(twice.status).toBe(422);
    expect(twice.body.error.code).toBe('membership.not_pending');
    const mine = (await ok('resident02', 'GET', '/mine')).items.find((item: { id: string }) => item.id === pending.id);
    expect(mine).toMatchObject({ status: 'verified' });
  });

  it('lets grid0101 reject with a reason the resident then sees; the resident may claim the room again', async () => {
    const pending = (await pendingOf('resident06'))!;
    const rejected = await ok('grid0101', 'POST', `/${pending.id}/reject`, { reason: '房号与登记不符', revision: pending.revision });
    expect(rejected).toMatchObject({ status: 'rejected', reason: '房号与登记不符', decidedBy: 'staff' });
    const mine = (await ok('resident06', 'GET', '/mine')).items;
    expect(mine).toEqual([expect.objectContaining({ id: pending.id, status: 'rejected', reason: '房号与登记不符' })]);
    const again = await claim('resident06', { buildingCode: pending.building.code, unit: pending.unit, room: pending.room });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ id: pending.id, status: 'pending', reason: null, revision: pending.revision + 2 });
  });

  it('lets member0101 decide too, and refuses a reject without a reason with 400', async () => {
    const pending = (await pendingOf('resident06'))!;
    expect((await call('member0101', 'POST', `/${pending.id}/reject`, { revision: pending.revision })).status).toBe(400);
    expect((await ok('member0101', 'POST', `/${pending.id}/verify`, { revision: pending.revision })).status).toBe('verified');
  });

  it('refuses decisions to residents and to the centres, who only oversee: 403 membership.forbidden', async () => {
    const target = (await claim('resident02', { room: '305' })).body;
    for (const username of ['resident01', 'resident02', 'street01', 'district', 'pm01']) {
      const response = await call(username, 'POST', `/${target.id}/verify`, { revision: 0 });
      expect(response.status, username).toBe(403);
      expect(response.body.error.code).toBe('membership.forbidden');
    }
  });

  it('answers another committee’s and another grid’s claim exactly as a missing one (404), and does not list it', async () => {
    const foreign = await claim('resident03', { compoundCode: 'C011', buildingCode: 'C011-B01', unit: '1', room: '909' });
    expect(foreign.status, JSON.stringify(foreign.body)).toBe(201);
    const missing = await call('community01', 'POST', '/0123456789abcdef01234567/verify', { revision: 0 });
    for (const username of ['community01', 'grid0101', 'member0101']) {
      const response = await call(username, 'POST', `/${foreign.body.id}/verify`, { revision: 0 });
      expect(response.status, username).toBe(404);
      expect(response.body).toEqual(missing.body);
      expect((await staffList(username, '?limit=100')).items.map((item) => item.id)).not.toContain(foreign.body.id);
      expect((await staffList(username, '?compoundCode=C011')).items).toEqual([]);
    }
    expect(missing.body.error.code).toBe('membership.not_found');
    // The street centre oversees both committees.
    expect((await staffList('street01', '?compoundCode=C011')).items.map((item) => item.id)).toContain(foreign.body.id);
    const still = (await ok('resident03', 'GET', '/mine')).items.find((item: { id: string }) => item.id === foreign.body.id);
    expect(still.status).toBe('pending');
  });
});

describe('racing requests', () => {
  it('records one claim when the same resident sends the same claim five times at once: one document per account decides', async () => {
    const responses = await Promise.all(Array.from({ length: 5 }, () => claim('resident02', { unit: '7', room: '707' })));
    expect(responses.map((response) => response.status).sort()).toEqual([201, 409, 409, 409, 409]);
    const homes = (await app.database.models.AccountMemberships.findById((await app.actor('resident02')).id).lean())?.homes ?? [];
    expect(homes.filter((home) => home.householdId === 'C001:C001-B01:7:707')).toHaveLength(1);
  });

  it('lets one of two staff deciding the same claim at once win; the other hears 409 membership.stale', async () => {
    const target = (await claim('resident02', { unit: '7', room: '708' })).body;
    const [verify, reject] = await Promise.all([
      call('community01', 'POST', `/${target.id}/verify`, { revision: 0 }),
      call('grid0101', 'POST', `/${target.id}/reject`, { reason: '同时处理', revision: 0 }),
    ]);
    expect([verify.status, reject.status].sort()).toEqual([200, 409]);
    const loser = verify.status === 409 ? verify : reject;
    expect(loser.body.error.code).toBe('membership.stale');
    const stored = (await app.database.models.AccountMemberships.findOne({ 'homes.id': target.id }).lean())?.homes.find((home) => home.id === target.id);
    expect(stored?.revision).toBe(1);
    expect(stored?.status).toBe(verify.status === 200 ? 'verified' : 'rejected');
  });
});

describe('importing a roster', () => {
  const rosterDoc = async () => app.database.models.Roster.findOne({ _id: app.reference.communityOf('C001')! }).lean();

  it('reads a UTF-8 file, replaces the roster and verifies the pending claim it confirms', async () => {
    const name = await displayNameOf('resident04');
    const csv = `\uFEFF${header}\nC001,C001-B01,1,201,${name},13955100204,业主\nC002,${app.reference.compounds.get('C002')!.buildings[0]!.code},2,502,孙丽,13955100502,租户\n`;
    const response = await importCsv('community01', new TextEncoder().encode(csv));
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(rosterImportResultSchema.parse(response.body)).toMatchObject({ encoding: 'utf-8', rows: 2, households: 2, verifiedClaims: 1 });
    expect((await ok('resident04', 'GET', '/mine')).items).toEqual([expect.objectContaining({ status: 'verified', decidedBy: 'roster' })]);
    expect((await rosterDoc())?.householdIds).toEqual(['C001:C001-B01:1:201', expect.stringMatching(/^C002:/)]);
  });

  it('reads a GBK file (Excel in Chinese) the same way, and a later claim matching it is verified at once', async () => {
    const name = await displayNameOf('resident05');
    const csv = `${header}\r\nC001,C001-B01,1,202,${name},13955100205,租户\r\nC001,C001-B01,1,203,${name},13955100999,家属\r\n`;
    const response = await importCsv('community01', iconv.encode(csv, 'gbk'));
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toMatchObject({ encoding: 'gb18030', rows: 2, households: 2, verifiedClaims: 1 });
    expect((await ok('resident05', 'GET', '/mine')).items[0]).toMatchObject({ status: 'verified', decidedBy: 'roster' });
    // The UTF-8 roster was replaced whole: its rooms are gone.
    expect((await rosterDoc())?.householdIds).toEqual(['C001:C001-B01:1:202', 'C001:C001-B01:1:203']);

    const listed = await claim('resident02', { unit: '1', room: '203', relation: 'family', name, phone: '13955100999' });
    expect(listed.status).toBe(201);
    expect(listed.body).toMatchObject({ status: 'verified', decidedBy: 'roster' });
    const unlisted = await claim('resident02', { unit: '1', room: '202', relation: 'family', name, phone: '13955100998' });
    expect(unlisted.body).toMatchObject({ status: 'pending', decidedBy: null });
  });

  it('refuses a file with a bad row with 422 roster.rejected, naming the line and its reasons, and stores nothing', async () => {
    const before = await rosterDoc();
    const csv = `${header}\nC001,C001-B01,1,301,李雷,13955100301,业主\nC001,C001-B99,1,302,韩梅梅,12345,房东\nC011,C011-B01,1,101,王强,13955100303,业主\n`;
    const response = await importCsv('community01', new TextEncoder().encode(csv));
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('roster.rejected');
    expect(response.body.error.details.rejected.map((row: { line: number }) => row.line)).toEqual([3, 4]);
    expect(response.body.error.details.rejected[0].reasons).toHaveLength(3);
    expect(await rosterDoc()).toEqual(before);
  });

  it('refuses an unreadable encoding with details.problem, and other roles and JSON bodies', async () => {
    const garbage = await importCsv('community01', Uint8Array.from([0xff, 0xfe, 0xfd, 0x80, 0x81]));
    expect(garbage.status).toBe(422);
    expect(garbage.body.error).toMatchObject({ code: 'roster.rejected', details: { rejected: [], problem: expect.stringContaining('编码') } });
    const asGrid = await importCsv('grid0101', new TextEncoder().encode(`${header}\n`));
    expect(asGrid.status).toBe(403);
    expect(asGrid.body.error.code).toBe('roster.forbidden');
    expect((await importCsv('community01', new TextEncoder().encode('{"rows":[]}'), 'application/json')).status).toBe(415);
  });

  it('refuses a file over 2 MB with 413', async () => {
    const huge = new Uint8Array(2 * 1024 * 1024 + 1).fill(0x41);
    expect((await importCsv('community01', huge)).status).toBe(413);
  });
});

describe('my grids and leaving', () => {
  it("gives a verified resident their grid's 1+2+N team, phones in full, volunteers by name", async () => {
    const body = myGridsSchema.parse(await ok('resident01', 'GET', '/my-grids'));
    const grid = app.reference.grids.get('ST01-G01')!;
    expect(body.items).toEqual([
      {
        grid: { code: grid.code, name: grid.name },
        street: { code: 'ST01', name: app.reference.streets.get('ST01')!.name },
        compounds: [{ code: 'C001', name: app.reference.compounds.get('C001')!.name }],
        team: {
          leader: { name: grid.team.leader.name, phone: grid.team.leader.phone },
          members: grid.team.members.map(({ name, phone }) => ({ name, phone })),
          volunteers: grid.team.volunteers.map(({ name }) => ({ name })),
        },
      },
    ]);
    expect((await call('grid0101', 'GET', '/my-grids')).status).toBe(403);
  });

  it('ends a home on leaving: it no longer counts as eligible, nor gives a grid team; someone else cannot end it', async () => {
    const store = mongoMembershipStore(app.database);
    const [home] = (await ok('resident01', 'GET', '/mine')).items;
    const counted = await store.countEligible({ kind: 'compound', compoundCode: 'C001' }, 'resident');
    const foreign = await call('resident02', 'POST', `/${home.id}/leave`);
    expect(foreign.status).toBe(404);
    const left = await ok('resident01', 'POST', `/${home.id}/leave`);
    expect(left).toMatchObject({ status: 'ended', decidedBy: 'resident', revision: home.revision + 1 });
    expect(await store.countEligible({ kind: 'compound', compoundCode: 'C001' }, 'resident')).toBe(counted - 1);
    expect((await ok('resident01', 'GET', '/my-grids')).items).toEqual([]);
    const again = await call('resident01', 'POST', `/${home.id}/leave`);
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('membership.not_active');
  });
});
