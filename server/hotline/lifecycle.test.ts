import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HotlineChannel, WorkOrderInput } from '../../shared/hotline/work-order';
import { act, uploadPhoto } from '../testing/cases';
import { buildOrder, startHotlineWorld, type HotlineTestWorld } from '../testing/hotline';

/**
 * The lifecycle both ways against the fake centre: 签收, 退回, 延期 and its answer, the reply when
 * our case closes, then the centre's 催办, 回访 and 发回重办 landing on our case. Every outbound
 * call goes through the job queue, with its retry, backoff and dead letters.
 */

let world: HotlineTestWorld;
beforeAll(async () => {
  world = await startHotlineWorld('hotline_lifecycle');
});
afterAll(async () => world?.close());

const db = () => world.app.database.connection.db!;
const drain = () => world.runner().drain();
const caseOf = async (caseId: string) => (await db().collection('cases').findOne({ _id: caseId } as never))!;
const orderOf = async (channel: HotlineChannel, number: string) => (await db().collection('hotline_orders').findOne({ _id: `${channel}:${number}` } as never))!;
const callsFor = (number: string, kind?: string) => world.fake.accepted.filter((call) => call.number === number && (!kind || call.action.kind === kind)).map((call) => call.action);

async function pushed(order: WorkOrderInput): Promise<string> {
  const [hook] = await world.fake.push(order);
  expect(hook!.status, JSON.stringify(hook!.answer)).toBe(200);
  await drain();
  return (hook!.answer as { caseId: string }).caseId;
}

async function handleToClosing(caseId: string) {
  const sanitation = await world.app.actor('sanitation01');
  const unitCode = sanitation.role === 'department' ? sanitation.scope.unitCode : '';
  const unitType = world.app.reference.unitsByCode.get(unitCode)!.type;
  if ((await caseOf(caseId)).status === 'submitted') await act(world.app, 'street01', caseId, 'accept');
  await act(world.app, 'street01', caseId, 'dispatch', { leadUnitCode: unitCode, leadUnitType: unitType });
  await act(world.app, 'sanitation01', caseId, 'claim');
  await act(world.app, 'sanitation01', caseId, 'resolve', { note: '已组织环卫工人清运垃圾并消杀', photos: [await uploadPhoto(world.app, 'sanitation01')] });
  await act(world.app, 'street01', caseId, 'verify');
  await act(world.app, 'street01', caseId, 'close');
}

describe('签收 and 退回', () => {
  it('returns an order with the reason when the street centre rejects its case within the window', async () => {
    const order = buildOrder('12319');
    const caseId = await pushed(order);
    expect(callsFor(order.number)).toEqual([{ kind: 'sign' }]);
    await act(world.app, 'street01', caseId, 'reject', { reason: '该点位属蜀山区管辖，不属本区' });
    await drain();
    expect(callsFor(order.number, 'return')).toEqual([{ kind: 'return', reason: '该点位属蜀山区管辖，不属本区' }]);
    expect(world.fake.stateOf('12319', order.number)).toBe('30');
    expect((await orderOf('12319', order.number)).state).toBe('returned');
  });

  it('retries a failing call with backoff, then parks it as a dead letter after its last attempt', async () => {
    const order = buildOrder('12345');
    world.fake.failNext('12345', 'action', { httpStatus: 503 });
    const [hook] = await world.fake.push(order);
    const key = `hotline:12345:${order.number}:sign`;
    const runner = world.runner({ retry: { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 10_000 } });
    await runner.drain();
    expect((await db().collection('jobs').findOne({ _id: key } as never))).toMatchObject({ status: 'pending', attempts: 1 });
    world.app.clock.advance(2_000);
    await runner.drain();
    expect((await db().collection('jobs').findOne({ _id: key } as never))).toMatchObject({ status: 'done', attempts: 2 });
    expect(callsFor(order.number, 'sign')).toHaveLength(1);
    expect(hook!.status).toBe(200);

    const doomed = buildOrder('12345');
    for (let i = 0; i < 3; i += 1) world.fake.failNext('12345', 'action', { httpStatus: 500 });
    await world.fake.push(doomed);
    for (let i = 0; i < 4; i += 1) {
      await runner.drain();
      world.app.clock.advance(20_000);
    }
    expect(await db().collection('jobs').findOne({ _id: `hotline:12345:${doomed.number}:sign` } as never)).toMatchObject({ status: 'failed', attempts: 3 });
    expect(callsFor(doomed.number)).toEqual([]);
  });

  it('parks a call the centre refuses as invalid (4xx) at once, without spending retries; a rate limit (429) is retried', async () => {
    const refused = buildOrder('12345');
    world.fake.failNext('12345', 'action', { httpStatus: 400 });
    await world.fake.push(refused);
    const runner = world.runner({ retry: { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 10_000 } });
    await runner.drain();
    expect(await db().collection('jobs').findOne({ _id: `hotline:12345:${refused.number}:sign` } as never)).toMatchObject({ status: 'failed', attempts: 1 });

    const limited = buildOrder('12345');
    world.fake.failNext('12345', 'action', { httpStatus: 429 });
    await world.fake.push(limited);
    await runner.drain();
    expect(await db().collection('jobs').findOne({ _id: `hotline:12345:${limited.number}:sign` } as never)).toMatchObject({ status: 'pending', attempts: 1 });
  });

  it('treats a call that timed out as failed and sends it again; the centre keeps one', async () => {
    const order = buildOrder('12319');
    world.fake.failNext('12319', 'action', { delayMs: 1_500 });
    await world.fake.push(order);
    const runner = world.runner();
    await runner.drain();
    world.app.clock.advance(5_000);
    await new Promise((resolve) => setTimeout(resolve, 600));
    await runner.drain();
    expect(world.fake.calls.filter((call) => call.number === order.number && call.action?.kind === 'sign').length).toBe(2);
    expect(callsFor(order.number, 'sign')).toHaveLength(1);
  });
});

describe('延期', () => {
  it('sends the request once and, when the centre approves, moves the order deadline and our case clock', async () => {
    const now = world.app.clock.now();
    // Two hours: shorter than the catalog's own case limit, so the case clock is held to it.
    const order = buildOrder('12345', { receivedAt: now.toISOString(), deadline: new Date(now.getTime() + 2 * 3_600_000).toISOString() }, now);
    const caseId = await pushed(order);
    const until = new Date('2026-12-10T17:30:00+08:00');
    const ask = async (username: string, reason: string) =>
      world.app.server.request('POST', `/api/v1/cases/${caseId}/hotline/extension`, { token: await world.app.token(username), body: { reason, until: until.toISOString() } });
    const asked = await ask('street01', '需协调市政部门联合处置');
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    expect(asked.body).toMatchObject({ channel: '12345', number: order.number, state: 'extension_requested', extensionsRequested: 1 });
    expect(await ask('street01', '再次申请')).toMatchObject({ status: 409, body: { error: { code: 'hotline.extension_not_allowed' } } });
    expect(await ask('pm01', '物业申请')).toMatchObject({ status: 403, body: { error: { code: 'hotline.forbidden' } } });
    await drain();
    expect(callsFor(order.number, 'extension')).toEqual([{ kind: 'extension', reason: '需协调市政部门联合处置', until: until.toISOString() }]);
    expect((await orderOf('12345', order.number)).state).toBe('extension_requested');

    await act(world.app, 'street01', caseId, 'accept');
    const held = (await caseOf(caseId)).caseClock as { deadline: Date };
    expect(held.deadline).toEqual(new Date(order.deadline as string));

    const answer = await world.fake.notify('12345', { kind: 'extension_answer', number: order.number, approved: true, deadline: until.toISOString() });
    expect(answer.status, JSON.stringify(answer.answer)).toBe(200);
    expect(await orderOf('12345', order.number)).toMatchObject({ state: 'signed', replyBy: until });
    // Our case follows the centre's new date, up to our own limit, and says so in its timeline.
    const extended = await caseOf(caseId);
    expect(extended.externalDeadline).toEqual(until);
    const moved = (extended.caseClock as { deadline: Date }).deadline;
    expect(moved.getTime()).toBeGreaterThan(held.deadline.getTime());
    expect(moved.getTime()).toBeLessThanOrEqual(until.getTime());
    expect((extended.timeline as { type: string; note?: string }[]).at(-1)).toMatchObject({ type: 'extend', note: '12345热线同意延期至2026-12-10' });
    const again = await world.fake.notify('12345', { kind: 'extension_answer', number: order.number, approved: true, deadline: until.toISOString() });
    expect(again.answer).toMatchObject({ applied: false });
    expect((await caseOf(caseId)).timeline).toHaveLength((extended.timeline as unknown[]).length);
  });
});

describe('the reply, 回访, 催办 and 发回重办', () => {
  it('replies when our case closes, takes the centre rating and urge, and reopens on 发回重办 with the new deadline', async () => {
    const order = buildOrder('12345');
    const caseId = await pushed(order);

    const urge = await world.fake.notify('12345', { kind: 'urge', number: order.number, seq: 1, note: '市民再次来电' });
    expect(urge.answer).toMatchObject({ event: 'notice', applied: true });
    const urgeAgain = await world.fake.notify('12345', { kind: 'urge', number: order.number, seq: 1, note: '市民再次来电' });
    expect(urgeAgain.answer).toMatchObject({ applied: false });
    expect((await caseOf(caseId)).urgeCount).toBe(1);

    await handleToClosing(caseId);
    await drain();
    expect(callsFor(order.number, 'reply')).toEqual([{ kind: 'reply', result: '已组织环卫工人清运垃圾并消杀', resolved: true, publicReply: '已组织环卫工人清运垃圾并消杀' }]);
    expect(world.fake.stateOf('12345', order.number)).toBe('05');

    // 回访: the caller says not resolved, 不满意 ('3' on 12345's scale) → 1 on ours.
    const visit = await world.fake.notify('12345', { kind: 'visit', number: order.number, resolved: false, satisfaction: '3', comment: '垃圾又堆起来了' });
    expect(visit.status, JSON.stringify(visit.answer)).toBe(200);
    expect((await caseOf(caseId)).rating).toMatchObject({ resolved: 'no', satisfaction: 1, comment: '垃圾又堆起来了' });
    expect((await orderOf('12345', order.number)).state).toBe('visited');

    // A tight date: within the hour, well inside the catalog's handling limit.
    const deadline = new Date(world.app.clock.now().getTime() + 30 * 60_000);
    const redo = await world.fake.notify('12345', { kind: 'redo', number: order.number, seq: 1, reason: '市民不满意，要求重新处理', deadline: deadline.toISOString() });
    expect(redo.answer).toMatchObject({ applied: true });
    const reopened = await caseOf(caseId);
    expect(reopened).toMatchObject({ status: 'dispatched', reopenCount: 1, externalDeadline: deadline });
    expect(reopened.clock.deadline).toEqual(deadline);
    expect(await orderOf('12345', order.number)).toMatchObject({ state: 'redo', replyBy: deadline, redoCount: 1 });
    const redoAgain = await world.fake.notify('12345', { kind: 'redo', number: order.number, seq: 1, reason: '市民不满意，要求重新处理', deadline: deadline.toISOString() });
    expect(redoAgain.answer).toMatchObject({ applied: false });
    expect((await caseOf(caseId)).reopenCount).toBe(1);
  });

  it('refuses a notice on an order it never received with 404, and a satisfaction code the channel does not use with 400', async () => {
    expect((await world.fake.notify('12319', { kind: 'urge', number: 'CG-NOPE-0001', seq: 1 })).status).toBe(404);
    const order = buildOrder('12319');
    await pushed(order);
    const bad = await world.fake.notify('12319', { kind: 'visit', number: order.number, resolved: true, satisfaction: 'Z' });
    expect(bad.status).toBe(400);
  });
});

describe('reconciliation', () => {
  it('finds an order the centre sent that we never took in', async () => {
    const taken = buildOrder('12319');
    await pushed(taken);
    const planted = buildOrder('12319');
    world.fake.add(planted);
    const report = await world.app.deps.useCases.hotline!.reconcile('12319', '2026-11-30');
    expect(report.differences).toContainEqual({ kind: 'missing_here', number: planted.number, centreState: 'sent' });
    expect(report.differences.some((d) => d.number === taken.number)).toBe(false);
  });
});

describe('deadlines', () => {
  it('holds the case clock to the centre deadline when it is earlier than the catalog limit, and never loosens it', async () => {
    const now = world.app.clock.now();
    const tight = buildOrder('12345', { receivedAt: now.toISOString(), deadline: new Date(now.getTime() + 2 * 3_600_000).toISOString() }, now);
    const loose = buildOrder('12345', { receivedAt: now.toISOString(), deadline: new Date(now.getTime() + 60 * 24 * 3_600_000).toISOString() }, now);
    const tightId = await pushed(tight);
    const looseId = await pushed(loose);
    await act(world.app, 'street01', tightId, 'accept');
    await act(world.app, 'street01', looseId, 'accept');
    const tightCase = await caseOf(tightId);
    const looseCase = await caseOf(looseId);
    expect(tightCase.caseClock.deadline).toEqual(new Date(tight.deadline as string));
    // 暴露垃圾's own case limit is far shorter than sixty days: the catalog's stands.
    expect(looseCase.caseClock.deadline.getTime()).toBeLessThan(new Date(loose.deadline as string).getTime());
    expect(looseCase.caseClock.limitMs).toBeGreaterThan(tightCase.caseClock.limitMs);
  });
});

describe('合并办理', () => {
  it('answers an order whose case was merged into another with that case’s result when it closes, once', async () => {
    const first = buildOrder('12345');
    const second = buildOrder('12319');
    const targetId = await pushed(first);
    const duplicateId = await pushed(second);
    await act(world.app, 'street01', targetId, 'accept');
    await act(world.app, 'street01', duplicateId, 'merge', { intoCaseId: targetId });
    await drain();
    expect(callsFor(second.number, 'reply')).toEqual([]);

    await handleToClosing(targetId);
    await drain();
    await drain();
    const number = (await caseOf(targetId)).number as string;
    expect(callsFor(second.number, 'reply')).toEqual([{ kind: 'reply', result: `与案件${number}合并办理：已组织环卫工人清运垃圾并消杀`, resolved: true, publicReply: '已组织环卫工人清运垃圾并消杀' }]);
    expect(callsFor(first.number, 'reply')).toHaveLength(1);
    expect((await orderOf('12319', second.number)).state).toBe('replied');
  });
});

describe('a crash mid-notice', () => {
  it('applies a 回访 and a 发回重办 once when the process died before remembering them', async () => {
    const { applyCentreNotice } = await import('../commands/hotline');
    const order = buildOrder('12319');
    const caseId = await pushed(order);
    await handleToClosing(caseId);
    await drain();
    const deps = world.deps();
    const dying = { ...deps, orders: { ...deps.orders, rememberNotice: () => Promise.reject(new Error('kill -9')) } };
    const visit = { kind: 'visit', number: order.number, resolved: true, satisfaction: 'B' };
    const redo = { kind: 'redo', number: order.number, seq: 1, reason: '仍有垃圾', deadline: '2026-12-04T09:30:00.000Z' };
    await expect(applyCentreNotice(dying, '12319', visit)).rejects.toThrow('kill -9');
    expect(await applyCentreNotice(deps, '12319', visit)).toMatchObject({ applied: false });
    expect((await caseOf(caseId)).rating).toMatchObject({ resolved: 'yes', satisfaction: 4 });
    await expect(applyCentreNotice(dying, '12319', redo)).rejects.toThrow('kill -9');
    await applyCentreNotice(deps, '12319', redo);
    expect(await applyCentreNotice(deps, '12319', redo)).toMatchObject({ applied: false });
    expect((await caseOf(caseId)).reopenCount).toBe(1);
    expect(await orderOf('12319', order.number)).toMatchObject({ state: 'redo', redoCount: 1 });
  });
});

describe('notices by pull', () => {
  it('applies a pulled 催办 once, however often the page is read', async () => {
    const order = buildOrder('12345');
    const caseId = await pushed(order);
    world.fake.queueNotice('12345', { kind: 'urge', number: order.number, seq: 1, note: '市民催促' });
    world.fake.queueNotice('12345', { kind: 'urge', number: 'HF-UNKNOWN-1', seq: 1 });
    const first = await world.app.deps.useCases.hotline!.pullNotices('12345');
    expect(first.applied).toBe(1);
    expect(first.refused).toEqual([{ number: 'HF-UNKNOWN-1', code: 'not_found', message: expect.any(String) }]);
    expect(await world.app.deps.useCases.hotline!.pullNotices('12345')).toMatchObject({ applied: 0 });
    // The cursor lost (a crash before saving it): the page is read again, the urge is not doubled.
    await db().collection('hotline_cursors').deleteOne({ _id: '12345:notices' } as never);
    expect(await world.app.deps.useCases.hotline!.pullNotices('12345')).toMatchObject({ applied: 0 });
    expect((await caseOf(caseId)).urgeCount).toBe(1);
  });
});
