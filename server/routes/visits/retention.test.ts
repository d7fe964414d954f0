import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role, Scope } from '../../../shared/domain/roles';
import { baoheVisitCategories } from '../../../shared/visits/baohe-categories';
import type { InboxMessage } from '../../commands/ports';
import { sendVisitReminders } from '../../commands/visits/reminders';
import { mongoVisitStore } from '../../db/visit-store';
import { visitPurgeStep } from '../../jobs/visit-purge-step';
import { purgeArchived, purgeOldAudit } from '../../commands/visits/retention';
import { startTestApp, testClock, type TestApp } from '../../testing/app';

// Retention on the real engine: two elderly people of grid 0101's first compound, one of whom moves
// away, is exported at her own request, and is purged when the retention period has passed.
let app: TestApp;
let leaving = '';
let staying = '';
let leavingVersion = 0;

const secrets = { name: '司马静怡', idNumber: '34011119480215432X', phone: '13866001122', address: '包河区滨湖世纪城3栋1101室', notes: '女儿每周三来探望', findings: '燃气灶开关老化，已提醒更换' };

const request = async (username: string | undefined, method: string, path: string, body?: unknown) =>
  app.server.request(method, path, { ...(username ? { token: await app.token(username) } : {}), ...(body === undefined ? {} : { body }) });

async function addAccount(username: string, role: Role, scope: Scope) {
  await app.database.models.Account.create({ loginKey: `pw:${username}`, username, displayName: username, role, scope, demo: true });
}

async function auditLines() {
  return (await request('cm-a', 'GET', '/api/v1/visits/audit?limit=100')).body.items as { action: string; personId: string; actor: { id: string; role: string }; reason: string | null; at: string }[];
}

const rawOf = async (personId: string) => {
  const db = app.database.connection.db!;
  return { person: await db.collection('visit_people').findOne({ _id: personId as never }), visits: await db.collection('visit_records').find({ personId }).toArray() };
};

beforeAll(async () => {
  app = await startTestApp({ label: 'visits-retention', district: 'fixture', clock: testClock('2026-09-01T09:00:00+08:00'), visitCategories: baoheVisitCategories });
  const grid = (await app.actor('member0101')) as { scope: { gridCode: string } };
  const compound = [...app.reference.compounds.values()].find((c) => c.gridCode === grid.scope.gridCode && app.reference.communityOf(c.code))!;
  const community = app.reference.communityOf(compound.code)!;
  await addAccount('cm-a', 'community', { streetCode: 'ST01', unitCode: community, compoundCodes: [compound.code] });
  const other = app.reference.communities.find((c) => c.unitCode !== community)!;
  await addAccount('cm-other', 'community', { streetCode: 'ST01', unitCode: other.unitCode, compoundCodes: other.compoundCodes });
  const register = async (extra: Record<string, unknown>) => {
    const response = await request('grid0101', 'POST', '/api/v1/visits/people', { categoryCode: 'elderly_alone', risk: 'yellow', compoundCode: compound.code, ...extra });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body.id as string;
  };
  leaving = await register({ name: secrets.name, idNumber: secrets.idNumber, phone: secrets.phone, address: secrets.address, notes: secrets.notes });
  staying = await register({ name: '钱多多', idNumber: '340111194001011234', address: '包河区滨湖世纪城5栋' });
  app.clock.set('2026-09-10T10:00:00+08:00');
  const visit = await request('member0101', 'POST', `/api/v1/visits/people/${leaving}/visits`, {
    draftId: 'draft-gas-0001',
    visitedAt: '2026-09-10T09:30:00+08:00',
    method: 'in_person',
    met: true,
    answers: { livesAlone: true, healthNote: '腿脚不便', emergencyContactReachable: true },
    findings: secrets.findings,
    point: { lng: 117.287654, lat: 31.765432 },
    nextRisk: 'yellow',
  });
  expect(visit.status, JSON.stringify(visit.body)).toBe(201);
  leavingVersion = (await request('cm-a', 'GET', `/api/v1/visits/people/${leaving}`)).body.person.version;
}, 60_000);
afterAll(async () => app?.close());

describe('archiving', () => {
  it('is for the grid leader and the committee of the place, with a reason, a date of leaving and the version read', async () => {
    const body = { version: leavingVersion, reason: 'moved_away', leftAt: '2026-10-01T00:00:00+08:00' };
    for (const username of ['member0101', 'cm-other', 'admin', 'resident01']) {
      expect((await request(username, 'POST', `/api/v1/visits/people/${leaving}/archive`, body)).status, username).toBe(403);
    }
    app.clock.set('2026-10-02T10:00:00+08:00');
    expect((await request('grid0101', 'POST', `/api/v1/visits/people/${leaving}/archive`, { ...body, version: leavingVersion - 1 })).body.error.code).toBe('visit.stale');
    const future = await request('grid0101', 'POST', `/api/v1/visits/people/${leaving}/archive`, { ...body, leftAt: '2026-10-05T00:00:00+08:00' });
    expect(future.status).toBe(400);
    expect(future.body.error.details.fields.leftAt).toEqual(['离开时间不能晚于现在']);
    expect((await request('grid0101', 'POST', `/api/v1/visits/people/${leaving}/archive`, { ...body, reason: '搬走了' })).status).toBe(400);

    const archived = await request('grid0101', 'POST', `/api/v1/visits/people/${leaving}/archive`, body);
    expect(archived.status, JSON.stringify(archived.body)).toBe(200);
    expect(archived.body).toMatchObject({ status: 'archived', archived: { reason: 'moved_away', leftAt: '2026-09-30T16:00:00.000Z', at: '2026-10-02T02:00:00.000Z' }, name: '司**怡' });
    const line = (await auditLines()).find((e) => e.action === 'archive');
    expect(line).toMatchObject({ personId: leaving, reason: '迁出本社区', actor: expect.objectContaining({ id: (await app.actor('grid0101')).id }) });
    expect((await request('cm-a', 'POST', `/api/v1/visits/people/${leaving}/archive`, { ...body, version: leavingVersion + 1 })).body.error.code).toBe('visit.archived');
  });

  it('takes the person off the worklist, the register and the reminders, while the other stays', async () => {
    // Both were last seen before October: by mid-November both are overdue.
    app.clock.set('2026-11-20T10:00:00+08:00');
    for (const username of ['grid0101', 'member0101', 'cm-a']) {
      const worklist = await request(username, 'GET', '/api/v1/visits/worklist?limit=100');
      expect(worklist.body.items.map((p: { id: string }) => p.id), username).toEqual([staying]);
      const register = await request(username, 'GET', '/api/v1/visits/people?limit=100');
      expect(register.body.items.map((p: { id: string }) => p.id), username).toEqual([staying]);
    }
    const sent: InboxMessage[] = [];
    const inbox = { deliver: async (messages: InboxMessage[]) => (sent.push(...messages), messages.length) } as never;
    await sendVisitReminders({ visits: mongoVisitStore(app.database), inbox, categories: () => baoheVisitCategories, reference: app.reference, now: app.clock.now });
    expect(sent.some((m) => m.effectKey.includes(staying))).toBe(true);
    expect(sent.filter((m) => m.effectKey.includes(leaving))).toEqual([]);
  });

  it('is read and unmasked by the committee only, and no longer visited', async () => {
    for (const username of ['grid0101', 'member0101', 'cm-other']) expect((await request(username, 'GET', `/api/v1/visits/people/${leaving}`)).status, username).toBe(403);
    expect((await request('grid0101', 'POST', `/api/v1/visits/people/${leaving}/unmask`, { field: 'phone', reason: '核实迁出去向' })).status).toBe(403);
    const record = await request('cm-a', 'GET', `/api/v1/visits/people/${leaving}`);
    expect(record.status).toBe(200);
    expect(record.body.person.status).toBe('archived');
    expect((await request('cm-a', 'POST', `/api/v1/visits/people/${leaving}/unmask`, { field: 'phone', reason: '核实迁出去向' })).body.value).toBe(secrets.phone);
    const visit = await request('grid0101', 'POST', `/api/v1/visits/people/${leaving}/visits`, { draftId: 'draft-late-0001', visitedAt: '2026-11-20T09:00:00+08:00', method: 'phone', met: false, answers: { livesAlone: true, emergencyContactReachable: true }, nextRisk: 'yellow' });
    expect(visit.status).toBe(403);
  });
});

describe('the export for the person’s own request', () => {
  it('is refused to every account but the committee of her community, and without a reason', async () => {
    for (const username of ['grid0101', 'member0101', 'cm-other', 'street01', 'district', 'admin', 'resident01']) {
      expect((await request(username, 'POST', `/api/v1/visits/people/${staying}/export`, { reason: '本人申请查阅' })).status, username).toBe(403);
    }
    expect((await request(undefined, 'POST', `/api/v1/visits/people/${staying}/export`, { reason: '本人申请查阅' })).status).toBe(401);
    const bare = await request('cm-a', 'POST', `/api/v1/visits/people/${leaving}/export`, {});
    expect(bare.status).toBe(400);
    expect(Object.keys(bare.body.error.details.fields)).toEqual(['reason']);
    expect((await auditLines()).filter((e) => e.action === 'export')).toEqual([]);
  });

  it('answers a JSON file of the whole record and every visit in clear, and records who, when and why', async () => {
    app.clock.set('2026-11-21T15:00:00+08:00');
    const response = await request('cm-a', 'POST', `/api/v1/visits/people/${leaving}/export`, { reason: '本人到社区申请复制个人信息' });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="visit-person-${leaving}.json"`);
    const { findings: _findings, ...personSecrets } = secrets;
    expect(response.body.person).toMatchObject({ ...personSecrets, status: 'archived', category: { code: 'elderly_alone' } });
    expect(response.body.visits).toHaveLength(1);
    expect(response.body.visits[0]).toMatchObject({ findings: secrets.findings, point: { lng: 117.287654, lat: 31.765432 }, answers: { healthNote: '腿脚不便' } });
    const line = (await auditLines()).find((e) => e.action === 'export');
    expect(line).toMatchObject({ personId: leaving, reason: '本人到社区申请复制个人信息', at: '2026-11-21T07:00:00.000Z', actor: expect.objectContaining({ id: (await app.actor('cm-a')).id, role: 'community' }) });
  });
});

describe('the purge after the retention period', () => {
  const logged: unknown[] = [];
  const log = { info: (...args: unknown[]) => logged.push(args), warn: () => undefined, error: () => undefined } as never;
  const step = () => visitPurgeStep({ visits: mongoVisitStore(app.database), retentionDays: 1_095, auditRetentionDays: 1_825, now: app.clock.now }, log);

  it('keeps everything until the period has passed since the archiving', async () => {
    // Archived 2026-10-02 10:00; 1095 days (2028 is a leap year) end at 2029-10-01 10:00.
    app.clock.set('2029-10-01T09:59:59+08:00');
    await step().run();
    const raw = await rawOf(leaving);
    expect(Object.keys(raw.person!.sealed as object).sort()).toEqual(['address', 'idNumber', 'name', 'notes', 'phone']);
    expect(raw.person!.purgedAt).toBeUndefined();
  });

  it('then erases every sealed field of the person and her visits, once, keeping what the figures need', async () => {
    app.clock.set('2029-10-01T10:00:00+08:00');
    await step().run();
    await step().run();
    const raw = await rawOf(leaving);
    expect(raw.person).toMatchObject({ sealed: {}, status: 'archived', categoryCode: 'elderly_alone', streetCode: 'ST01', archived: { reason: 'moved_away' } });
    expect(raw.person!.purgedAt).toEqual(new Date('2029-10-01T02:00:00.000Z'));
    expect(raw.visits).toHaveLength(1);
    expect(raw.visits[0]).toMatchObject({ sealed: {}, met: true, method: 'in_person' });
    expect((raw.visits[0].draft as { requestHash: string }).requestHash).toBe('');
    // No ciphertext is left to open, whoever holds the key; and never any plaintext.
    const text = JSON.stringify(raw);
    expect(text).not.toMatch(/g1\./);
    for (const secret of [...Object.values(secrets), '腿脚不便', '117.287654']) expect(text, secret).not.toContain(secret);
    // The one who stays keeps her sealed fields.
    expect(Object.keys((await rawOf(staying)).person!.sealed as object).length).toBeGreaterThan(0);
    expect(logged).toHaveLength(1);

    // The person's audit lines stay (who, when, what, which field) without their reasons; the other's keep theirs.
    const lines = await app.database.connection.db!.collection('visit_audit').find({ personId: { $in: [leaving, staying] } }).toArray();
    const unmaskOfLeaving = lines.find((l) => l.personId === leaving && l.action === 'unmask');
    expect(unmaskOfLeaving).toMatchObject({ field: 'phone' });
    expect(unmaskOfLeaving!.reason).toBeUndefined();
    expect(JSON.stringify(lines)).not.toContain('核实迁出去向');

    const purges = (await auditLines()).filter((e) => e.action === 'purge');
    expect(purges).toEqual([expect.objectContaining({ personId: leaving, actor: expect.objectContaining({ id: 'system', role: 'system' }), reason: '归档满1095天' })]);
  });

  it('leaves nothing to read or export', async () => {
    expect((await request('cm-a', 'GET', `/api/v1/visits/people/${leaving}`)).status).toBe(404);
    expect((await request('cm-a', 'POST', `/api/v1/visits/people/${leaving}/export`, { reason: '本人申请查阅' })).status).toBe(404);
  });
});

describe('the audit lines’ own retention', () => {
  it('deletes lines once they are older than the audit period, to the second, and no others', async () => {
    const raw = app.database.connection.db!.collection('visit_audit');
    const oldest = (await raw.find().sort({ at: 1 }).limit(1).toArray())[0].at as Date;
    const total = await raw.countDocuments();
    const olderThanOldestPlusOne = await raw.countDocuments({ at: { $lte: oldest } });
    const deps = { visits: mongoVisitStore(app.database), retentionDays: 1_095, auditRetentionDays: 1_825 };
    const period = 1_825 * 86_400_000;
    expect(await purgeOldAudit({ ...deps, now: () => new Date(oldest.getTime() + period) })).toBe(0);
    expect(await raw.countDocuments()).toBe(total);
    expect(await purgeOldAudit({ ...deps, now: () => new Date(oldest.getTime() + period + 1_000) })).toBe(olderThanOldestPlusOne);
    expect(await raw.countDocuments()).toBe(total - olderThanOldestPlusOne);
    expect(total - olderThanOldestPlusOne).toBeGreaterThan(0);
  });
});

describe('the purge of many', () => {
  it('stops after its per-run limit and finishes on the next runs', async () => {
    const store = mongoVisitStore(app.database);
    const base = (await store.findPerson(staying))!;
    const archivedAt = new Date('2026-01-01T00:00:00Z');
    for (let i = 0; i < 5; i++) {
      await store.insertPerson({ ...base, id: `vp_bulkpurge000${i}`, status: 'archived', archived: { reason: 'deceased', leftAt: archivedAt, at: archivedAt, by: 'test' } });
    }
    const deps = { visits: store, retentionDays: 1_095, auditRetentionDays: 1_825, now: app.clock.now };
    expect(await purgeArchived(deps, 2, 3)).toBe(3);
    expect(await purgeArchived(deps, 2, 3)).toBe(2);
    expect(await purgeArchived(deps, 2, 3)).toBe(0);
    for (let i = 0; i < 5; i++) expect((await store.findPerson(`vp_bulkpurge000${i}`))!.sealed).toEqual({});
  });
});
