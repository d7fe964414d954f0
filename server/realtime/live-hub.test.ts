import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { liveCloseCodes } from '../../shared/api/live';
import { startTestApp, type TestApp } from '../testing/app';
import { act, file } from '../testing/cases';
import { attachLive, connectLive, type LiveTestApp, type LiveTestClient } from '../testing/live';

let app: TestApp;
let live: LiveTestApp;
const clients: LiveTestClient[] = [];

beforeAll(async () => {
  app = await startTestApp({ label: 'live_hub' });
  live = attachLive(app, { limits: { maxConnectionsPerAccount: 3, maxSubscriptionsPerConnection: 4 } });
});
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});
afterAll(async () => {
  await live.close();
  await app.close();
});

async function connect(username?: string): Promise<LiveTestClient> {
  const client = await connectLive(live.url, username ? { token: await app.token(username) } : {});
  clients.push(client);
  return client;
}

/** A resident's case with a phone number in a staff note: what the public must never see. */
async function fileElevatorCase(reporter = 'resident01') {
  const filed = await file(app, reporter, { subcategoryCode: '05.01', description: '3栋电梯异响，联系电话13955112233', compoundCode: 'C001', contactPhone: '13955112233' });
  await live.drain();
  return filed as { id: string };
}

const restTimeline = async (caseId: string, username?: string) =>
  (await app.server.request('GET', `/api/v1/cases/${caseId}`, username ? { token: await app.token(username) } : {})).body.timeline as { seq: number }[];

describe('a case subscription', () => {
  it('sends the filer the steps it missed, then each new step once, exactly as the REST view shows them to the filer', async () => {
    const filed = await fileElevatorCase();
    const resident = await connect('resident01');
    resident.send({ type: 'subscribe', id: 'c1', topic: 'case', caseId: filed.id });
    await resident.next('subscribed', (m) => m.id === 'c1');
    const first = await resident.next('case.entries');
    expect(first).toMatchObject({ id: 'c1', caseId: filed.id, view: 'full', status: 'submitted' });
    expect(first.entries.map((entry) => entry.seq)).toEqual([1]);

    await act(app, 'street01', filed.id, 'accept', { note: '已受理，物业电话 0551-66112233' });
    await act(app, 'street01', filed.id, 'dispatch', { leadUnitCode: 'U-PM-030', leadUnitType: 'property_company' });
    await live.drain();
    const later: number[] = [];
    while (later.length < 2) later.push(...(await resident.next('case.entries')).entries.map((entry) => entry.seq));
    expect(later).toEqual([2, 3]);

    const sent = resident.all('case.entries').flatMap((message) => message.entries);
    expect(sent).toEqual(JSON.parse(JSON.stringify(await restTimeline(filed.id, 'resident01'))));
  });

  it('gives a stranger the public view of each step, never a field the public REST view hides', async () => {
    const filed = await fileElevatorCase();
    const stranger = await connect();
    stranger.send({ type: 'subscribe', id: 'pub', topic: 'case', caseId: filed.id });
    await stranger.next('case.entries');
    await act(app, 'street01', filed.id, 'accept', { note: '已受理，回电13955112233' });
    await live.drain();
    const step = await stranger.next('case.entries');
    expect(step.view).toBe('public');

    const sent = stranger.all('case.entries').flatMap((message) => message.entries);
    expect(sent).toEqual(JSON.parse(JSON.stringify(await restTimeline(filed.id))));
    const text = JSON.stringify(stranger.received);
    expect(text).not.toContain('13955112233');
    expect(text).not.toContain('王');
  });

  it('on reconnect with the last number seen, sends only the later steps, in order, nothing twice', async () => {
    const filed = await fileElevatorCase();
    await act(app, 'street01', filed.id, 'accept');
    await act(app, 'street01', filed.id, 'dispatch', { leadUnitCode: 'U-PM-030', leadUnitType: 'property_company' });
    await act(app, 'pm01', filed.id, 'claim');
    await live.drain();

    const back = await connect('resident01');
    back.send({ type: 'subscribe', id: 'again', topic: 'case', caseId: filed.id, after: 2 });
    expect((await back.next('case.entries')).entries.map((entry) => entry.seq)).toEqual([3, 4]);

    // The bus may repeat an event (a publish job re-run after a crash): nothing is sent twice.
    await live.bus.publish({ type: 'case.changed', key: 'replayed', caseId: filed.id, seq: 4 });
    await act(app, 'pm01', filed.id, 'progress', { note: '已联系厂家' });
    await live.drain();
    expect((await back.next('case.entries')).entries.map((entry) => entry.seq)).toEqual([5]);
    await back.quiet();
    expect(back.all('case.entries').flatMap((message) => message.entries.map((entry) => entry.seq))).toEqual([3, 4, 5]);
  });

  it('refuses an unknown case with 404 code and keeps the connection', async () => {
    const client = await connect('resident01');
    client.send({ type: 'subscribe', id: 'nope', topic: 'case', caseId: 'no-such-case-000' });
    expect(await client.next('error')).toMatchObject({ id: 'nope', code: 'not_found' });
    client.send({ type: 'ping' });
    await client.next('pong');
  });
});

describe('list subscriptions', () => {
  it('"mine" sends my cases at once, then a summary when one of them moves; cursors skip what I hold', async () => {
    const filed = await fileElevatorCase('resident02');
    const resident = await connect('resident02');
    resident.send({ type: 'subscribe', id: 'mine', topic: 'mine' });
    const initial = await resident.next('case.summary', (m) => m.caseId === filed.id);
    expect(initial).toMatchObject({ seq: 1, summary: { id: filed.id, status: 'submitted', followed: false } });

    await act(app, 'street01', filed.id, 'accept');
    await live.drain();
    expect(await resident.next('case.summary', (m) => m.caseId === filed.id)).toMatchObject({ seq: 2, summary: { status: 'accepted' } });

    const again = await connect('resident02');
    again.send({ type: 'subscribe', id: 'mine', topic: 'mine', after: { [filed.id]: 2 } });
    await again.next('subscribed');
    await again.quiet(300);
    expect(again.all('case.summary').filter((m) => m.caseId === filed.id)).toEqual([]);
  });

  it('a staff inbox hears of a case dispatched to its unit, and that it left when reassigned elsewhere', async () => {
    const filed = await fileElevatorCase();
    await act(app, 'street01', filed.id, 'accept');
    const pm = await connect('pm01');
    pm.send({ type: 'subscribe', id: 'todo', topic: 'inbox' });
    await pm.next('subscribed');
    await act(app, 'street01', filed.id, 'dispatch', { leadUnitCode: 'U-PM-030', leadUnitType: 'property_company' });
    await live.drain();
    const arrived = await pm.next('case.summary', (m) => m.caseId === filed.id);
    expect(arrived.summary.leadUnit?.code).toBe('U-PM-030');

    await act(app, 'street01', filed.id, 'reassign', { leadUnitCode: 'U-ST01-MUNICIPAL', leadUnitType: 'municipal_works', reason: '属市政设施' });
    await live.drain();
    expect(await pm.next('case.left', (m) => m.caseId === filed.id)).toMatchObject({ id: 'todo' });
  });

  it('refuses an inbox to a resident (403 code) and "mine" to someone not signed in', async () => {
    const resident = await connect('resident01');
    resident.send({ type: 'subscribe', id: 'x', topic: 'inbox' });
    expect(await resident.next('error')).toMatchObject({ id: 'x', code: 'case.view_not_allowed' });
    const stranger = await connect();
    stranger.send({ type: 'subscribe', id: 'y', topic: 'mine' });
    expect(await stranger.next('error')).toMatchObject({ id: 'y', code: 'auth.required' });
  });
});

describe('the messages subscription', () => {
  it('sends my unread count at once and again when a step leaves me a message; a street dispatcher hears of new filings', async () => {
    const resident = await connect('resident03');
    resident.send({ type: 'subscribe', id: 'inbox-count', topic: 'messages' });
    const before = (await resident.next('messages.unread')).unread;
    const street = await connect('street01');
    street.send({ type: 'subscribe', id: 'count', topic: 'messages' });
    const streetBefore = (await street.next('messages.unread')).unread;

    const filed = await fileElevatorCase('resident03');
    expect((await street.next('messages.unread')).unread).toBeGreaterThan(streetBefore);
    await act(app, 'street01', filed.id, 'accept');
    await live.drain();
    expect(await resident.next('messages.unread')).toEqual({ type: 'messages.unread', id: 'inbox-count', unread: before + 1 });
    const listed = await app.server.request('GET', '/api/v1/messages/unread-count', { token: await app.token('resident03') });
    expect(listed.body).toEqual({ unread: before + 1 });
  });
});

describe('the connection', () => {
  it('answers a malformed message with field errors and stays open', async () => {
    const client = await connect('resident01');
    client.send('not json');
    expect(await client.next('error')).toMatchObject({ code: 'live.invalid_message' });
    client.send({ type: 'subscribe', id: 'bad id!', topic: 'case', caseId: 'x' });
    const refusal = await client.next('error');
    expect(refusal.code).toBe('live.invalid_message');
    expect(Object.keys(refusal.fields ?? {})).toEqual(expect.arrayContaining(['id', 'caseId']));
    client.send({ type: 'ping' });
    await client.next('pong');
  });

  it('closes with 4401 on a token that is not ours', async () => {
    const client = await connect();
    const token = await app.token('resident01');
    client.send({ type: 'auth', token: `${token.slice(0, -4)}AAAA` });
    expect(await client.next('error')).toMatchObject({ code: 'auth.invalid' });
    expect((await client.closed).code).toBe(liveCloseCodes.unauthenticated);
  });

  it('caps subscriptions per connection', async () => {
    const filed = await fileElevatorCase();
    const client = await connect('resident01');
    for (let index = 0; index < 5; index++) client.send({ type: 'subscribe', id: `s${index}`, topic: 'case', caseId: filed.id });
    expect(await client.next('error')).toMatchObject({ id: 's4', code: 'live.too_many_subscriptions' });
    expect(client.all('subscribed')).toHaveLength(4);
    expect(live.hub.stats().subscriptions).toBeGreaterThanOrEqual(4);
  });

  it('caps connections per account and closes the one over with 4409', async () => {
    const open = [await connect('street02'), await connect('street02'), await connect('street02')];
    const fourth = await connect();
    fourth.send({ type: 'auth', token: await app.token('street02') });
    expect(await fourth.next('error')).toMatchObject({ code: 'live.too_many_connections' });
    expect((await fourth.closed).code).toBe(liveCloseCodes.tooManyConnections);
    open[0]!.close();
    await open[0]!.closed;
    await new Promise((resolve) => setTimeout(resolve, 50));
    await connect('street02'); // a slot is free again
  });

  it('answers an unknown path with 404 rather than hanging the upgrade', async () => {
    const refused = await connectLive(live.url.replace('/api/v1/live', '/api/v1/elsewhere')).catch((error: Error) => error);
    expect(String(refused)).toContain('404');
  });
});

describe('hints on write', () => {
  it('a step reaches subscribers as soon as this process stores it, before any job runs', async () => {
    const other = await startTestApp({ label: 'live_hints' });
    const hinted = attachLive(other, { hints: true });
    try {
      const filed = await file(other, 'resident01', { subcategoryCode: '05.01', description: '3栋电梯异响，夜间明显', compoundCode: 'C001' });
      const client = await connectLive(hinted.url, { token: await other.token('resident01') });
      clients.push(client);
      client.send({ type: 'subscribe', id: 'c', topic: 'case', caseId: filed.id });
      await client.next('case.entries');
      await act(other, 'street01', filed.id, 'accept');
      expect((await client.next('case.entries')).entries.map((entry) => entry.seq)).toEqual([2]);
      // The publish jobs run later and add nothing.
      await hinted.drain();
      await client.quiet(300);
      expect(client.all('case.entries')).toHaveLength(2);
    } finally {
      await hinted.close();
      await other.close();
    }
  });
});
