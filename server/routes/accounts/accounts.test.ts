import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_TRAIL_LIMIT } from '../../commands/accounts';
import { startTestApp, type TestApp } from '../../testing/app';

/**
 * Account administration: who may manage whom, the field errors of a bad request, and the audit
 * trail each change leaves on the account (who, when, from what to what).
 */

let app: TestApp;
const ids = new Map<string, string>();

const managers = ['admin', 'street01', 'street02', 'district', 'member0101', 'pm01', 'resident01'] as const;
const targets = ['member0101', 'grid0101', 'community01', 'urban01', 'pm01', 'street02', 'district', 'resident01', 'admin'] as const;

beforeAll(async () => {
  app = await startTestApp({ label: 'accounts' });
  for (const username of new Set<string>([...managers, ...targets])) {
    ids.set(username, (await app.actor(username)).id);
  }
}, 60_000);
afterAll(async () => app?.close());

/** A request as a demo account, with a token signed now: a disable or a reset ends earlier ones. */
const request = async (method: string, path: string, as: string | undefined, body?: unknown) =>
  app.server.request(method, path, { token: as ? await app.token(as) : undefined, body });
const grid = (street: string) => [...app.reference.grids.values()].find((g) => g.streetCode === street)!.code;
const chinese = /\p{Script=Han}/u;

describe('who may see the accounts', () => {
  it.each([
    ['admin', 200],
    ['street01', 200],
    ['district', 403],
    ['member0101', 403],
    ['pm01', 403],
    ['resident01', 403],
    [undefined, 401],
  ] as const)('GET /api/v1/accounts as %s answers %i', async (as, status) => {
    const response = await request('GET', '/api/v1/accounts', as);
    expect(response.status).toBe(status);
  });

  it('shows a street dispatcher the accounts of its street only, a unit of the street included, and never a hash', async () => {
    const response = await request('GET', '/api/v1/accounts?limit=50', 'street01');
    const usernames = response.body.items.map((item: { username: string }) => item.username);
    expect(usernames).toEqual(expect.arrayContaining(['street01', 'grid0101', 'member0101', 'community01', 'urban01']));
    expect(usernames).not.toContain('street02');
    expect(usernames).not.toContain('admin');
    expect(usernames).not.toContain('pm01');
    expect(JSON.stringify(response.body)).not.toMatch(/passwordHash|scrypt/);
    expect((await request('GET', '/api/v1/accounts?streetCode=ST02', 'street01')).status).toBe(403);
  });

  it('pages through every account newest first, and filters by role', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } = await request('GET', `/api/v1/accounts?limit=4${cursor ? `&cursor=${cursor}` : ''}`, 'admin');
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(4);
      seen.push(...page.body.items.map((item) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(await app.database.models.Account.countDocuments());
    expect([...seen].sort().reverse()).toEqual(seen);

    const departments = await request('GET', '/api/v1/accounts?role=department&limit=50', 'admin');
    expect(departments.body.items.length).toBeGreaterThan(0);
    for (const item of departments.body.items) expect(item.role).toBe('department');
  });
});

describe('who may change whom', () => {
  /**
   * Disabling, as the probe of "may manage": the admin manages everyone but itself; a street
   * dispatcher its street's grid staff, committees and departments; nobody else anybody.
   * Another street's accounts are not even visible to a street dispatcher (404).
   */
  const matrix: Record<(typeof managers)[number], Partial<Record<(typeof targets)[number], number>>> = {
    admin: { member0101: 200, grid0101: 200, community01: 200, urban01: 200, pm01: 200, street02: 200, district: 200, resident01: 200, admin: 403 },
    street01: { member0101: 200, grid0101: 200, community01: 200, urban01: 200, pm01: 404, street02: 404, district: 404, resident01: 404, admin: 404 },
    street02: { member0101: 404, grid0101: 404, community01: 404, urban01: 404, pm01: 404, street02: 403, district: 404, resident01: 404, admin: 404 },
    district: {},
    member0101: {},
    pm01: {},
    resident01: {},
  };
  const rows = managers.flatMap((manager) => targets.map((target) => ({ manager, target, status: matrix[manager][target] ?? 403 })));

  it.each(rows)('$manager disabling $target answers $status', async ({ manager, target, status }) => {
    const before = await app.database.models.Account.findById(ids.get(target)).lean();
    const response = await request('POST', `/api/v1/accounts/${ids.get(target)}/disable`, manager, { reason: '权限矩阵测试' });
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    const after = await app.database.models.Account.findById(ids.get(target)).lean();
    if (status === 200) {
      expect(after?.disabled).toBe(true);
      expect(after?.audit?.at(-1)).toMatchObject({ action: 'disabled', byId: ids.get(manager), reason: '权限矩阵测试' });
      // Put it back for the next row, as the admin.
      expect((await request('POST', `/api/v1/accounts/${ids.get(target)}/enable`, 'admin')).status).toBe(200);
    } else {
      expect(response.body.error.message).toMatch(chinese);
      expect(after).toEqual(before);
    }
  });

  it('lets a street dispatcher appoint grid staff in its street only, and no dispatcher or district role', async () => {
    const create = (username: string, assignment: object) =>
      request('POST', '/api/v1/accounts', 'street01', { username, displayName: '新网格员', password: 'long-enough-1', assignment });
    expect((await create('st01-new-member', { role: 'grid_member', gridCode: grid('ST01') })).status).toBe(201);
    expect((await create('st01-wrong-street', { role: 'grid_member', gridCode: grid('ST02') })).body.error.code).toBe('account.assignment_forbidden');
    expect((await create('st01-new-dispatcher', { role: 'street_dispatcher', streetCode: 'ST01' })).status).toBe(403);
    expect((await create('st01-new-admin', { role: 'admin' })).status).toBe(403);
    expect((await create('st01-new-pm', { role: 'property_manager', unitCode: 'U-PM-001' })).status).toBe(403);

    const move = await request('PUT', `/api/v1/accounts/${ids.get('member0101')}/assignment`, 'street01', { assignment: { role: 'grid_member', gridCode: grid('ST02') } });
    expect(move.status).toBe(403);
    expect(move.body.error.code).toBe('account.assignment_forbidden');
    expect(await app.actor('member0101')).toMatchObject({ scope: { streetCode: 'ST01' } });
  });

  it('refuses to turn a resident into staff', async () => {
    const response = await request('PUT', `/api/v1/accounts/${ids.get('resident01')}/assignment`, 'admin', { assignment: { role: 'admin' } });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('account.resident_fixed');
  });
});

describe('creating an account', () => {
  it('stores a hashed password, answers no hash, records who created it, and the new account can sign in', async () => {
    const response = await request('POST', '/api/v1/accounts', 'admin', {
      username: 'zhang.wei',
      displayName: '张伟',
      password: 'baohe-grid-2026',
      assignment: { role: 'grid_leader', gridCode: grid('ST02') },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body).toMatchObject({ username: 'zhang.wei', kind: 'password', role: 'grid_leader', roleLabel: '网格长', scope: { streetCode: 'ST02', gridCode: grid('ST02') }, disabled: false });
    expect(response.body.audit).toEqual([{ action: 'created', at: app.clock.now().toISOString(), byId: ids.get('admin'), byName: '系统管理员', to: `grid_leader@${grid('ST02')}` }]);
    expect(Object.keys(response.body)).not.toContain('password');
    expect(JSON.stringify(response.body)).not.toMatch(/passwordHash|scrypt|baohe-grid-2026/);
    expect((await app.database.models.Account.findById(response.body.id).lean())?.passwordHash).toMatch(/^scrypt\$/);

    const login = await app.server.request('POST', '/api/v1/auth/login', { body: { username: 'zhang.wei', password: 'baohe-grid-2026' } });
    expect(login.status).toBe(200);
    const me = await app.server.request('GET', '/api/v1/auth/me', { token: login.body.token });
    expect(me.body).toMatchObject({ role: 'grid_leader', name: '张伟' });

    const again = await request('POST', '/api/v1/accounts', 'admin', { username: 'zhang.wei', displayName: '张伟', password: 'baohe-grid-2026', assignment: { role: 'admin' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('account.username_taken');
  });

  it('derives a committee account street and compounds from the district, never from the request', async () => {
    const committee = app.reference.communities[3]!;
    const response = await request('POST', '/api/v1/accounts', 'admin', { username: 'committee-3', displayName: '居委会', password: 'long-enough-1', assignment: { role: 'community', unitCode: committee.unitCode } });
    expect(response.status).toBe(201);
    expect(response.body.scope).toEqual({ streetCode: app.reference.unitsByCode.get(committee.unitCode)!.streetCode, unitCode: committee.unitCode, compoundCodes: committee.compoundCodes });
  });

  it.each([
    ['an unknown grid', { assignment: { role: 'grid_member', gridCode: 'ST99-G99' } }, 'assignment.gridCode'],
    ['a street as a committee', { assignment: { role: 'community', unitCode: 'U-DC' } }, 'assignment.unitCode'],
    ['a property company as a department', { assignment: { role: 'department', unitCode: 'U-PM-001' } }, 'assignment.unitCode'],
    ['an unknown street', { assignment: { role: 'street_dispatcher', streetCode: 'ST99' } }, 'assignment.streetCode'],
    ['the resident role', { assignment: { role: 'resident' } }, 'assignment.role'],
    ['a grid code beside an admin role', { assignment: { role: 'admin', gridCode: 'ST01-G01' } }, 'assignment.gridCode'],
    ['a short password', { password: 'short' }, 'password'],
    ['a username with spaces', { username: 'zhang wei' }, 'username'],
    ['an empty display name', { displayName: ' ' }, 'displayName'],
    ['a password hash sent along', { passwordHash: 'scrypt$1$1$1$x$y' }, 'passwordHash'],
  ])('refuses %s with 400 and the field named in Chinese', async (_name, change, field) => {
    const before = await app.database.models.Account.countDocuments();
    const response = await request('POST', '/api/v1/accounts', 'admin', { username: 'field-errors', displayName: '字段', password: 'long-enough-1', assignment: { role: 'grid_member', gridCode: grid('ST01') }, ...change });
    expect(response.status, JSON.stringify(response.body)).toBe(400);
    expect(response.body.error.code).toBe('request.invalid');
    expect(Object.keys(response.body.error.details.fields)).toContain(field);
    for (const messages of Object.values<string[]>(response.body.error.details.fields)) for (const message of messages) expect(message).toMatch(chinese);
    expect(await app.database.models.Account.countDocuments()).toBe(before);
  });
});

describe('the audit trail', () => {
  it('records each change with who and when, in order, in the same write as the change', async () => {
    const target = ids.get('grid0101')!;
    app.clock.set('2026-03-10T08:00:00+08:00');
    await request('PUT', `/api/v1/accounts/${target}/assignment`, 'street01', { assignment: { role: 'grid_member', gridCode: grid('ST01') } });
    app.clock.set('2026-03-10T09:00:00+08:00');
    await request('POST', `/api/v1/accounts/${target}/disable`, 'admin', { reason: '长期未履职' });
    app.clock.set('2026-03-10T10:00:00+08:00');
    await request('POST', `/api/v1/accounts/${target}/enable`, 'street01');
    await request('POST', `/api/v1/accounts/${target}/password`, 'street01', { password: 'another-long-one' });

    const account = await request('GET', `/api/v1/accounts/${target}`, 'admin');
    const trail = account.body.audit.slice(-4);
    expect(trail).toEqual([
      { action: 'assignment_changed', at: '2026-03-10T00:00:00.000Z', byId: ids.get('street01'), byName: expect.stringContaining('调度员'), from: expect.stringMatching(/^grid_leader@/), to: expect.stringMatching(/^grid_member@/) },
      { action: 'disabled', at: '2026-03-10T01:00:00.000Z', byId: ids.get('admin'), byName: '系统管理员', reason: '长期未履职' },
      { action: 'enabled', at: '2026-03-10T02:00:00.000Z', byId: ids.get('street01'), byName: expect.any(String) },
      { action: 'password_reset', at: '2026-03-10T02:00:00.000Z', byId: ids.get('street01'), byName: expect.any(String) },
    ]);
    expect(account.body.role).toBe('grid_member');
  });

  it('does not record a change that did not happen', async () => {
    const target = ids.get('urban01')!;
    const before = (await request('GET', `/api/v1/accounts/${target}`, 'admin')).body.audit.length;
    expect((await request('POST', `/api/v1/accounts/${target}/enable`, 'admin')).status).toBe(200);
    expect((await request('GET', `/api/v1/accounts/${target}`, 'admin')).body.audit).toHaveLength(before);
  });

  it('keeps the newest entries once the trail is full, dropping the oldest', async () => {
    const { Account } = app.database.models;
    const target = ids.get('municipal01') ?? (await app.actor('municipal01')).id;
    const old = Array.from({ length: AUDIT_TRAIL_LIMIT }, (_, n) => ({ action: 'enabled', at: new Date(Date.UTC(2025, 0, 1, 0, n)), byId: 'x', byName: `旧记录${n}` }));
    await Account.updateOne({ _id: target }, { $set: { audit: old } });
    expect((await request('POST', `/api/v1/accounts/${target}/disable`, 'admin', { reason: '记录上限' })).status).toBe(200);
    const trail = (await Account.findById(target).lean())!.audit!;
    expect(trail).toHaveLength(AUDIT_TRAIL_LIMIT);
    expect(trail[0]!.byName).toBe('旧记录1');
    expect(trail.at(-1)).toMatchObject({ action: 'disabled', reason: '记录上限' });
  });

  it('changes an account stored before revisions and trails existed (no revision, generation or audit fields)', async () => {
    const { Account } = app.database.models;
    const inserted = await Account.collection.insertOne({ loginKey: 'pw:legacy01', username: 'legacy01', displayName: '老账号', role: 'department', scope: { unitCode: 'U-ST01-URBAN' }, disabled: false, demo: false } as never);
    const id = String(inserted.insertedId);
    const response = await request('POST', `/api/v1/accounts/${id}/disable`, 'street01', { reason: '历史账号清理' });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const stored = await Account.findById(id).lean();
    expect(stored).toMatchObject({ disabled: true, revision: 1, credentialGeneration: 1 });
    expect(stored?.audit).toHaveLength(1);
  });

  it('refuses a change built on a revision someone else has moved on, without writing it', async () => {
    const target = ids.get('community01')!;
    const { Account } = app.database.models;
    // Another process writes between this one's read and its write: simulated by moving the revision on.
    const stored = await Account.findById(target).lean();
    const { mongoAccountStore } = await import('../../db/account-store');
    const store = mongoAccountStore(app.database);
    await Account.updateOne({ _id: target }, { $set: { revision: (stored?.revision ?? 0) + 1 } });
    expect(await store.updateIfRevision(target, stored?.revision ?? 0, { disabled: true, audit: [] })).toBe(false);
    expect((await Account.findById(target).lean())?.disabled).toBe(false);
  });
});
