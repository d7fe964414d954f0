import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeInWorkOrder } from '../commands/hotline';
import { buildOrder, startHotlineWorld, type HotlineTestWorld } from '../testing/hotline';

/**
 * Work orders in, by push and by pull, against the fake centre on the real engine: one case per
 * order whatever the delivery (twice, out of order, replayed, after a crash), signed webhooks
 * only, and a secret caller kept out of the public view.
 */

let world: HotlineTestWorld;
beforeAll(async () => {
  world = await startHotlineWorld('hotline_intake');
});
afterAll(async () => world?.close());

const db = () => world.app.database.connection.db!;
const casesOf = async (caseId: string) => db().collection('cases').countDocuments({ _id: caseId } as never);
const hotlineCases = async () => db().collection('cases').countDocuments({ source: 'hotline' });
const signsOf = (number: string) => world.fake.accepted.filter((call) => call.number === number && call.action.kind === 'sign');

describe('push: the centre calls our webhook', () => {
  it('files exactly one case for an order delivered twice, and signs it once', async () => {
    const order = buildOrder('12345');
    const before = await hotlineCases();
    const [first, second] = await world.fake.push(order, { times: 2 });
    expect(first!.status, JSON.stringify(first!.answer)).toBe(200);
    expect(second!.status).toBe(200);
    const answer = first!.answer as { caseId: string; caseNumber: string; duplicate: boolean };
    expect(answer.duplicate).toBe(false);
    expect(second!.answer).toMatchObject({ caseId: answer.caseId, duplicate: true });
    expect(await hotlineCases()).toBe(before + 1);

    const stored = (await db().collection('cases').findOne({ _id: answer.caseId } as never))!;
    expect(stored).toMatchObject({ source: 'hotline', subcategoryCode: '01.01', streetCode: 'ST01', status: 'submitted' });
    expect(stored.reporter).toMatchObject({ name: '张小明', phone: '13912345678', anonymous: false });

    await world.runner().drain();
    expect(signsOf(order.number)).toHaveLength(1);
    expect(world.fake.stateOf('12345', order.number)).toBe('02');
    const link = await db().collection('hotline_orders').findOne({ _id: `12345:${order.number}` } as never);
    expect(link).toMatchObject({ caseId: answer.caseId, state: 'signed', categoryMapped: true, placeConfirmed: false });
  });

  it('places an order at the compound its address names, confirmed, and a vague one in its street in no compound, for a dispatcher to confirm', async () => {
    const compound = [...world.app.reference.compounds.values()].find((one) => one.streetCode === 'ST01')!;
    const named = buildOrder('12345', { place: { district: '包河区', street: '包公街道', streetCode: 'ST01', address: `${compound.name}3栋楼下 13800001111 附近` } });
    const [hook] = await world.fake.push(named);
    const answer = hook!.answer as { caseId: string };
    expect((await db().collection('cases').findOne({ _id: answer.caseId } as never))!.compoundCode).toBe(compound.code);
    expect(await db().collection('hotline_orders').findOne({ _id: `12345:${named.number}` } as never)).toMatchObject({ placeConfirmed: true });

    const vague = buildOrder('12345', { place: { district: '包河区', street: '包公街道', streetCode: 'ST01', address: '路边' } });
    const [vagueHook] = await world.fake.push(vague);
    expect(await db().collection('hotline_orders').findOne({ _id: `12345:${vague.number}` } as never)).toMatchObject({ placeConfirmed: false });
    const placed = (await db().collection('cases').findOne({ _id: (vagueHook!.answer as { caseId: string }).caseId } as never))!;
    expect(placed).toMatchObject({ streetCode: 'ST01' });
    expect(placed.compoundCode).toBeUndefined();
  });

  it('files one case per order when orders arrive out of order and repeated', async () => {
    const a = buildOrder('12319');
    const b = buildOrder('12319', { categoryCode: 'S0201', categoryPath: ['事件', '宣传广告', '非法小广告'] });
    const before = await hotlineCases();
    const hooks = await world.fake.pushAll([b, a, b, a]);
    expect(hooks.map((hook) => hook.status)).toEqual([200, 200, 200, 200]);
    expect(hooks.map((hook) => (hook.answer as { duplicate: boolean }).duplicate)).toEqual([false, false, true, true]);
    expect(await hotlineCases()).toBe(before + 2);
    const second = (await db().collection('cases').findOne({ _id: (hooks[0]!.answer as { caseId: string }).caseId } as never))!;
    expect(second.subcategoryCode).toBe('01.05');
  });

  it('refuses a replayed webhook with 409 and files nothing more', async () => {
    const [hook] = await world.fake.push(buildOrder('12345'));
    const before = await hotlineCases();
    const replay = await world.fake.replay(hook!);
    expect(replay.status).toBe(409);
    expect(replay.answer).toMatchObject({ error: { code: 'hotline.replayed' } });
    expect(await hotlineCases()).toBe(before);
  });

  it('refuses a webhook whose signature does not match its body, is stale or missing, with 401', async () => {
    const body = JSON.stringify({ event: 'order', order: { gdbh: 'HFX0001' } });
    const now = world.app.clock.now();
    const forOther = world.fake.sign('12345', '{"event":"order"}', now);
    const stale = world.fake.sign('12345', body, new Date(now.getTime() - 6 * 60_000));
    const otherChannel = world.fake.sign('12319', body, now);
    for (const headers of [forOther, stale, otherChannel, {}]) {
      const hook = await world.fake.send('12345', body, headers);
      expect(hook.status).toBe(401);
      expect(hook.answer).toMatchObject({ error: { code: 'hotline.bad_signature' } });
    }
    const fine = await world.fake.send('12345', body, world.fake.sign('12345', body, now));
    // Signed well, but not a valid order: refused for its content, not its signature.
    expect(fine.status).toBe(400);
  });
});

describe('pull: we poll the centre with a cursor', () => {
  it('takes in each new order once, page after page, and signs each', async () => {
    const orders = Array.from({ length: 25 }, () => buildOrder('12319'));
    for (const order of orders) world.fake.add(order);
    const before = await hotlineCases();
    const first = await world.app.deps.useCases.hotline!.pull('12319');
    expect(first).toMatchObject({ taken: 25, refused: [] });
    expect(first.pages).toBeGreaterThanOrEqual(2);
    expect(await hotlineCases()).toBe(before + 25);
    // Nothing new: the cursor holds, nothing is fetched twice.
    expect(await world.app.deps.useCases.hotline!.pull('12319')).toMatchObject({ taken: 0 });
    await world.runner().drain();
    for (const order of orders) expect(signsOf(order.number)).toHaveLength(1);
  });

  it('files one case for an order that comes both pushed and pulled', async () => {
    const order = buildOrder('12345');
    const [hook] = await world.fake.push(order);
    world.fake.add(order);
    const before = await hotlineCases();
    expect(await world.app.deps.useCases.hotline!.pull('12345')).toMatchObject({ taken: 0, refused: [] });
    expect(await hotlineCases()).toBe(before);
    expect(await casesOf((hook!.answer as { caseId: string }).caseId)).toBe(1);
  });

  it('reports an order outside the district and moves on', async () => {
    const lost = buildOrder('12345', { place: { district: '蜀山区', street: '稻香村街道', address: '某路1号' } });
    const good = buildOrder('12345');
    world.fake.add(lost);
    world.fake.add(good);
    const report = await world.app.deps.useCases.hotline!.pull('12345');
    expect(report.taken).toBe(1);
    expect(report.refused).toEqual([{ number: lost.number, code: 'hotline.place_unknown', message: expect.any(String) }]);
  });

  it('keeps its cursor when the centre fails, and takes the orders on the next pull', async () => {
    const order = buildOrder('12345');
    world.fake.add(order);
    world.fake.failNext('12345', 'order', { httpStatus: 502 });
    await expect(world.app.deps.useCases.hotline!.pull('12345')).rejects.toThrow(/502/);
    expect(await world.app.deps.useCases.hotline!.pull('12345')).toMatchObject({ taken: 1 });
  });
});

describe('a crash mid-intake', () => {
  it('doubles nothing: the order known, the case filed, the sign call lost; the next delivery completes it', async () => {
    const order = buildOrder('12345');
    const deps = world.deps();
    const crashing = { ...deps, jobs: { enqueue: () => Promise.reject(new Error('kill -9')) } };
    await expect(takeInWorkOrder(crashing, order, '12345')).rejects.toThrow('kill -9');
    const again = await takeInWorkOrder(deps, order, '12345');
    expect(again.created).toBe(false);
    expect(await casesOf(again.caseId)).toBe(1);
    const third = await takeInWorkOrder(deps, order, '12345');
    expect(third.caseId).toBe(again.caseId);
    expect(await db().collection('jobs').countDocuments({ _id: `hotline:12345:${order.number}:sign` } as never)).toBe(1);
  });
});

describe('a secret caller', () => {
  it('is never in the public view nor in Open311 (JSON or XML), and is in the street centre view', async () => {
    const order = buildOrder('12345', { caller: { name: '李秘密', phone: '13700001111', secret: true } });
    const [hook] = await world.fake.push(order);
    const caseId = (hook!.answer as { caseId: string }).caseId;
    const publicView = await world.app.server.request('GET', `/api/v1/cases/${caseId}`);
    expect(publicView.status).toBe(200);
    const text = JSON.stringify(publicView.body);
    expect(text).not.toContain('李秘密');
    expect(text).not.toContain('13700001111');
    expect(text).not.toContain('1111');
    for (const format of ['json', 'xml']) {
      const open311 = await world.app.server.request('GET', `/open311/v2/requests/${caseId}.${format}`);
      expect(open311.status, format).toBe(200);
      const body = typeof open311.body === 'string' ? open311.body : JSON.stringify(open311.body);
      expect(body).toContain(caseId);
      for (const secret of ['李秘密', '13700001111', '1111']) expect(body, format).not.toContain(secret);
    }
    const centreView = await world.app.server.request('GET', `/api/v1/cases/${caseId}`, { token: await world.app.token('street01') });
    expect(centreView.body).toMatchObject({ view: 'full', reporter: { name: '李秘密', phone: '13700001111' } });
  });
});

describe('liveness', () => {
  it('reports each channel in the health answer, and turns to alarm when the interface keeps failing', async () => {
    const health = await world.app.server.request('GET', '/api/health');
    expect(health.body).toMatchObject({ hotline: { '12345': { status: 'ok' }, '12319': { status: 'ok' } } });
    const alarms: string[] = [];
    const runner = world.runner({ log: { info: () => {}, error: (_fields, message) => alarms.push(message) } });
    for (let i = 0; i < 3; i += 1) {
      world.fake.failNext('12319', 'list', { httpStatus: 503 });
      world.app.clock.advance(61_000);
      await runner.runOnce();
    }
    expect(alarms.filter((message) => message.startsWith('热线告警'))).toEqual([expect.stringContaining('12319热线接口连续3次失败')]);
    const after = await world.app.server.request('GET', '/api/health');
    expect(after.body).toMatchObject({ hotline: { '12319': { status: 'alarm', reason: 'failing' }, '12345': { status: 'ok' } } });
  });
});
