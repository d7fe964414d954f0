import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/app';
import { act, file } from '../../testing/cases';
import { drainEffects } from '../../testing/jobs';

// resident01 files a complaint about C001; the street centre accepts it and dispatches it to the
// property manager U-PM-030 (pm01's unit); the effects run; then the inboxes are read.
let app: TestApp;
let caseId = '';

beforeAll(async () => {
  app = await startTestApp({ label: 'messages' });
  caseId = (await file(app, 'resident01', { subcategoryCode: '05.10', description: '物业长期不清理楼道，多次反映无人处理', compoundCode: 'C001' })).id as string;
  app.clock.advance(60_000);
  await act(app, 'street01', caseId, 'accept');
  app.clock.advance(60_000);
  await act(app, 'street01', caseId, 'dispatch', { leadUnitCode: 'U-PM-030', leadUnitType: 'property_company' });
  await drainEffects(app);
});
afterAll(async () => app?.close());

interface Listed {
  items: { id: string; caseId: string; caseNumber: string; template: string; text: string; at: string; read: boolean; inbox: string }[];
  nextCursor: string | null;
}

const get = async (username: string, path: string) => {
  const response = await app.server.request('GET', path, { token: await app.token(username) });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
};
const list = (username: string, query = '') => get(username, `/api/v1/messages${query}`) as Promise<Listed>;
const unread = async (username: string) => ((await get(username, '/api/v1/messages/unread-count')) as { unread: number }).unread;
const post = async (username: string, path: string) => app.server.request('POST', path, { token: await app.token(username) });

describe('GET /api/v1/messages', () => {
  it("gives the reporter her case's steps, newest first, unread, with the case number", async () => {
    const { items, nextCursor } = await list('resident01');
    expect(items.map((item) => item.template)).toEqual(['case.dispatch', 'case.accept']);
    expect(items[0]).toMatchObject({ caseId, caseNumber: expect.stringMatching(/^BH/), read: false, inbox: 'mine', text: expect.stringContaining('派单') });
    expect(nextCursor).toBeNull();
    expect(await unread('resident01')).toBe(2);
  });

  it("gives staff their organisation's shared messages: the street centre the filing, the property manager the dispatch", async () => {
    expect((await list('street01')).items.map((item) => [item.template, item.inbox])).toEqual([['case.file', 'organisation']]);
    expect((await list('pm01')).items.map((item) => [item.template, item.inbox])).toEqual([['case.dispatch', 'organisation']]);
  });

  it('shows nobody else a message: another resident and another unit see none of these', async () => {
    expect((await list('resident02')).items.filter((item) => item.caseId === caseId)).toEqual([]);
    expect((await list('dept-market01')).items.filter((item) => item.caseId === caseId)).toEqual([]);
  });

  it('pages with a cursor, each message once', async () => {
    const first = await list('resident01', '?limit=1');
    const second = await list('resident01', `?limit=1&cursor=${first.nextCursor}`);
    expect([...first.items, ...second.items].map((item) => item.template)).toEqual(['case.dispatch', 'case.accept']);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses a cursor it never issued with 422 and a bad unread flag with 400', async () => {
    expect((await app.server.request('GET', '/api/v1/messages?cursor=abc', { token: await app.token('resident01') })).status).toBe(422);
    expect((await app.server.request('GET', '/api/v1/messages?unread=yes', { token: await app.token('resident01') })).status).toBe(400);
  });

  it('needs a signed-in account', async () => {
    expect((await app.server.request('GET', '/api/v1/messages')).status).toBe(401);
  });
});

describe('marking messages read', () => {
  it("answers 404 for someone else's message, exactly as for one that does not exist, and changes nothing", async () => {
    const [mine] = (await list('resident01')).items;
    const foreign = await post('resident02', `/api/v1/messages/${mine!.id}/read`);
    const missing = await post('resident02', '/api/v1/messages/0123456789abcdef01234567/read');
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
    expect(foreign.body.error.code).toBe('message.not_found');
    expect((await post('pm01', `/api/v1/messages/${mine!.id}/read`)).status).toBe(404);
    expect(await unread('resident01')).toBe(2);
  });

  it('marks one read for its reader; unread=true then leaves it out', async () => {
    const [newest] = (await list('resident01')).items;
    expect((await post('resident01', `/api/v1/messages/${newest!.id}/read`)).body).toEqual({ id: newest!.id, read: true });
    expect((await list('resident01')).items.map((item) => item.read)).toEqual([true, false]);
    expect((await list('resident01', '?unread=true')).items.map((item) => item.template)).toEqual(['case.accept']);
    expect(await unread('resident01')).toBe(1);
  });

  it('keeps a shared message unread for a colleague after one dispatcher reads it', async () => {
    const created = await app.server.request('POST', '/api/v1/accounts', {
      token: await app.token('admin'),
      body: { username: 'street01b', displayName: '第二位调度员', password: 'Colleague-2026!', assignment: { role: 'street_dispatcher', streetCode: 'ST01' } },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await post('street01', '/api/v1/messages/read-all')).body).toEqual({ marked: 1 });
    expect(await unread('street01')).toBe(0);
    expect(await unread('street01b')).toBe(1);
    expect((await list('street01b')).items.map((item) => item.read)).toEqual([false]);
  });

  it('read-all marks the rest and is harmless to repeat', async () => {
    expect((await post('resident01', '/api/v1/messages/read-all')).body).toEqual({ marked: 1 });
    expect((await post('resident01', '/api/v1/messages/read-all')).body).toEqual({ marked: 0 });
    expect(await unread('resident01')).toBe(0);
  });

  it('keeps the messages after the case is closed', async () => {
    await app.database.models.Case.updateOne({ _id: caseId }, { $set: { status: 'closed' } });
    expect((await list('resident01')).items).toHaveLength(2);
  });
});
