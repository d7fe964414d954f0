import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/app';
import { act, file, pointInGrid0101, uploadPhoto } from '../../testing/cases';

/**
 * Identity on every request: a token names an account and nothing else; what the account may do
 * is read from the database on each request, so a forged claim grants nothing and a change made
 * by an administrator counts on the next request, long before the token expires.
 */

let app: TestApp;
let acceptedInStreet01 = '';

beforeAll(async () => {
  app = await startTestApp({ label: 'identity' });
  const photo = await uploadPhoto(app, 'member0101', 21);
  acceptedInStreet01 = (await file(app, 'member0101', { subcategoryCode: '04.01', description: '路口多辆汽车违停，占用人行道和盲道', location: { ...pointInGrid0101 }, photos: [photo] })).id;
  await act(app, 'street01', acceptedInStreet01, 'accept');
}, 60_000);
afterAll(async () => app?.close());

const as = (token: string) => ({
  get: (path: string) => app.server.request('GET', path, { token }),
  post: (path: string, body: unknown) => app.server.request('POST', path, { token, body }),
  put: (path: string, body: unknown) => app.server.request('PUT', path, { token, body }),
});

/** A token signed with the server's own key: as an insider holding the key could make one. */
const signedWithServerKey = (claims: Record<string, unknown>, subject: string) => {
  const { secret, issuer } = app.deps.config.jwt;
  return jwt.sign(claims, secret, { algorithm: 'HS256', subject, issuer, expiresIn: 3600 });
};

const dispatch = (token: string) =>
  app.server.request('POST', `/api/v1/cases/${acceptedInStreet01}/events/dispatch`, { token, body: { leadUnitCode: 'U-ST01-TRAFFIC', leadUnitType: 'traffic_police' } });

describe('a token re-signed with the right key but claiming another role and scope', () => {
  it('still acts as its account: a street-2 dispatcher claiming street 1 or the district cannot dispatch a street-1 case', async () => {
    const street02 = await app.actor('street02');
    const forged = signedWithServerKey(
      { kind: 'password', gen: 0, role: 'district_dispatcher', name: '区中心', scope: { streetCode: 'ST01', gridCode: 'ST01-G01', unitCode: 'U-DC' } },
      street02.id,
    );

    const me = await as(forged).get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: street02.id, role: 'street_dispatcher', scope: { streetCode: 'ST02' } });
    expect((await as(forged).get('/api/v1/cases?view=street&streetCode=ST01')).status).toBe(403);
    expect((await as(forged).get('/api/v1/cases?view=district')).status).toBe(403);

    const refused = await dispatch(forged);
    expect(refused.status).toBe(403);
    expect((await app.server.request('GET', `/api/v1/cases/${acceptedInStreet01}`, { token: await app.token('street01') })).body.status).toBe('accepted');
  });
});

describe('a token for an account that does not exist', () => {
  it.each([
    ['a well-formed id nobody has', '64b7f0c2a1b2c3d4e5f60718'],
    ['the system actor', 'system'],
    ['a seeded username instead of an id', 'admin'],
  ])('is refused with 401 auth.account_unknown: %s', async (_name, subject) => {
    const response = await as(signedWithServerKey({ kind: 'password', gen: 0 }, subject)).get('/api/v1/auth/me');
    expect(response.status).toBe(401);
    expect(response.body.error).toEqual({ code: 'auth.account_unknown', message: '账号不存在，请重新登录' });
  });
});

describe('changes made by an administrator count on the next request', () => {
  it('disabling an account refuses its very next request, not the token expiry; enabling needs a new sign-in', async () => {
    const admin = await app.token('admin');
    const token = await app.token('urban01');
    const id = (await app.actor('urban01')).id;
    expect((await as(token).get('/api/v1/auth/me')).status).toBe(200);

    expect((await as(admin).post(`/api/v1/accounts/${id}/disable`, { reason: '人员调离' })).status).toBe(200);
    const refused = await as(token).get('/api/v1/auth/me');
    expect(refused.status).toBe(401);
    expect(refused.body.error).toEqual({ code: 'auth.account_disabled', message: '该账号已停用，请联系管理员' });
    const login = await app.server.request('POST', '/api/v1/auth/dev-login', { body: { username: 'urban01' } });
    expect(login.status).toBe(401);
    expect(login.body.error.code).toBe('auth.account_disabled');

    expect((await as(admin).post(`/api/v1/accounts/${id}/enable`, {})).status).toBe(200);
    const stale = await as(token).get('/api/v1/auth/me');
    expect(stale.status).toBe(401);
    expect(stale.body.error.code).toBe('auth.session_revoked');
    const again = await app.server.request('POST', '/api/v1/auth/dev-login', { body: { username: 'urban01' } });
    expect(again.status).toBe(200);
    expect((await as(again.body.token).get('/api/v1/auth/me')).status).toBe(200);
  });

  it('moving a grid member to another grid changes their inbox on the next request, and back', async () => {
    const admin = await app.token('admin');
    const token = await app.token('member0101');
    const id = (await app.actor('member0101')).id;
    const inbox = async () => ((await as(token).get('/api/v1/cases?view=inbox')).body.items as { id: string; gridCode: string }[]);
    const home = (await app.actor('member0101')).scope as { gridCode: string };
    const otherGrid = [...app.reference.grids.values()].find((grid) => grid.streetCode === 'ST02')!;

    expect((await inbox()).map((item) => item.id)).toContain(acceptedInStreet01);

    const moved = await as(admin).put(`/api/v1/accounts/${id}/assignment`, { assignment: { role: 'grid_member', gridCode: otherGrid.code } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.scope).toEqual({ streetCode: 'ST02', gridCode: otherGrid.code });
    expect((await as(token).get('/api/v1/auth/me')).body.scope).toEqual({ streetCode: 'ST02', gridCode: otherGrid.code });
    const afterMove = await inbox();
    expect(afterMove.map((item) => item.id)).not.toContain(acceptedInStreet01);
    for (const item of afterMove) expect(item.gridCode).toBe(otherGrid.code);

    expect((await as(admin).put(`/api/v1/accounts/${id}/assignment`, { assignment: { role: 'grid_member', gridCode: home.gridCode } })).status).toBe(200);
    expect((await inbox()).map((item) => item.id)).toContain(acceptedInStreet01);
  });

  it('a new role counts on the next request: a grid leader made street dispatcher may dispatch at once', async () => {
    const admin = await app.token('admin');
    const token = await app.token('grid0101');
    const id = (await app.actor('grid0101')).id;
    expect((await dispatch(token)).status).toBe(403);
    expect((await as(admin).put(`/api/v1/accounts/${id}/assignment`, { assignment: { role: 'street_dispatcher', streetCode: 'ST01' } })).status).toBe(200);
    const dispatched = await dispatch(token);
    expect(dispatched.status, JSON.stringify(dispatched.body)).toBe(200);
  });

  it('a password reset ends every session signed before it', async () => {
    const admin = await app.token('admin');
    const token = await app.token('traffic01');
    const id = (await app.actor('traffic01')).id;
    expect((await as(admin).post(`/api/v1/accounts/${id}/password`, { password: 'a-new-long-password' })).status).toBe(200);
    const stale = await as(token).get('/api/v1/auth/me');
    expect(stale.status).toBe(401);
    expect(stale.body.error.code).toBe('auth.session_revoked');
    const login = await app.server.request('POST', '/api/v1/auth/login', { body: { username: 'traffic01', password: 'a-new-long-password' } });
    expect(login.status).toBe(200);
    expect((await as(login.body.token).get('/api/v1/auth/me')).body.role).toBe('department');
  });
});

describe('an account whose stored scope lacks what its role needs', () => {
  it('acts as nobody: 403 auth.account_incomplete rather than a district-wide view', async () => {
    const created = await app.database.models.Account.create({ loginKey: 'pw:half-configured', username: 'half-configured', displayName: '未配置', role: 'street_dispatcher', scope: {} });
    const token = signedWithServerKey({ kind: 'password', gen: 0 }, String(created._id));
    const response = await as(token).get('/api/v1/cases?view=inbox');
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('auth.account_incomplete');
  });
});
