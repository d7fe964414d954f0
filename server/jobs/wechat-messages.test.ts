import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { WeChatDelivery } from '../commands/ports';
import { startTestApp, type TestApp } from '../testing/app';
import { act, file, uploadPhoto } from '../testing/cases';
import { testRunner } from '../testing/jobs';
import { mongoWeChatDirectory } from '../db/wechat-store';
import { WeChatClient } from '../wechat/client';
import { databaseTokenStore } from '../wechat/token-store';
import type { FakeWeChat } from '../wechat/fake-server';

/**
 * WeChat messages end to end: case steps through the API, the job runner on the real engine, the
 * fake WeChat server on the other side. Residents and staff are given openids (as sign-in would)
 * and consents (as the app would ask for them).
 */

let app: TestApp;
let fake: FakeWeChat;
const subscribePath = '/cgi-bin/message/subscribe/send';
const templatePath = '/cgi-bin/message/template/send';

beforeAll(async () => {
  app = await startTestApp({ label: 'wechat_messages', wechat: true });
  fake = app.fakeWeChat!;
  for (const username of ['resident01', 'resident02', 'resident03', 'pm01', 'street01', 'district']) {
    await app.database.models.Account.updateOne({ username }, { $set: { openid: `o-${username}` } });
  }
});
afterAll(async () => app?.close());

beforeEach(() => {
  fake.messages.length = 0;
  fake.requests.length = 0;
});

const drain = () => testRunner(app).drain();
const consent = async (username: string, answer: Record<string, string>) => {
  const response = await app.server.request('POST', '/api/v1/wechat/subscriptions', { token: await app.token(username), body: answer });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as { templates: { templateId: string; remaining: number; active: boolean }[]; ignored: string[] };
};
const fileComplaint = async (username: string) =>
  (await file(app, username, { subcategoryCode: '05.10', description: '物业长期不清理楼道垃圾，多次反映无人处理', compoundCode: 'C001' })).id as string;
/** What the fake delivered, as (kind, to whom, template, status phrase). */
const delivered = () =>
  fake.messages.map(({ kind, body }) => {
    const data = body.data as Record<string, { value: string }>;
    return [kind, body.touser, body.template_id, data.phrase3?.value ?? data.keyword3?.value] as const;
  });
const inboxOf = async (caseId: string) =>
  (await app.database.models.InboxMessage.find({ caseId }).lean()).map((message) => `${message.template} → ${message.recipient}`).sort();
const deliveriesOf = async (caseId: string) =>
  (await app.database.connection.db!.collection('wechat_deliveries').find({ caseId }).toArray()) as unknown as (Omit<WeChatDelivery, 'key'> & { _id: string })[];
const idOf = async (username: string) => String((await app.database.models.Account.findOne({ username }).lean())!._id);
const consentsOf = async (username: string) => (await app.database.models.WeChatConsent.find({ accountId: await idOf(username) }).lean()).map(({ templateId, remaining, active, spentKeys }) => ({ templateId, remaining, active, spentKeys: spentKeys ?? [] }));

describe('a case from filing to rating', () => {
  it('yields exactly the expected WeChat messages and inbox entries at every step', async () => {
    await consent('resident01', { 'tmpl-case-progress': 'accept', 'tmpl-case-rate': 'accept', errMsg: 'requestSubscribeMessage:ok' });
    await consent('resident01', { 'tmpl-case-progress': 'accept' });
    await consent('resident01', { 'tmpl-case-progress': 'accept' });
    await consent('pm01', { 'tmpl-work-order': 'accept' });
    const [resident, pm, street] = await Promise.all([idOf('resident01'), idOf('pm01'), idOf('street01')]);

    const id = await fileComplaint('resident01');
    const steps: [string, () => Promise<unknown>][] = [
      ['file', async () => {}],
      ['accept', () => act(app, 'street01', id, 'accept')],
      ['dispatch', () => act(app, 'street01', id, 'dispatch', { leadUnitCode: 'U-PM-030', leadUnitType: 'property_company' })],
      ['claim', () => act(app, 'pm01', id, 'claim')],
      ['resolve', async () => act(app, 'pm01', id, 'resolve', { note: '已清理完毕', photos: [await uploadPhoto(app, 'pm01')] })],
      ['verify', () => act(app, 'street01', id, 'verify')],
      ['close', () => act(app, 'street01', id, 'close')],
      ['rate', () => act(app, 'resident01', id, 'rate', { resolved: 'yes', satisfaction: 5 })],
    ];
    const seen: Record<string, { wechat: unknown[]; inbox: string[] }> = {};
    let inboxBefore: string[] = [];
    for (const [step, run] of steps) {
      fake.messages.length = 0;
      await run();
      await drain();
      const inbox = await inboxOf(id);
      seen[step] = { wechat: delivered(), inbox: inbox.filter((entry) => !inboxBefore.includes(entry)) };
      inboxBefore = inbox;
    }

    expect(seen).toEqual({
      file: { wechat: [], inbox: ['case.file → street:ST01'] },
      accept: { wechat: [['subscribe', 'o-resident01', 'tmpl-case-progress', '已受理']], inbox: [`case.accept → account:${resident}`] },
      dispatch: {
        wechat: expect.arrayContaining([
          ['subscribe', 'o-resident01', 'tmpl-case-progress', '已派单'],
          ['subscribe', 'o-pm01', 'tmpl-work-order', '新工单'],
        ]),
        inbox: [`case.dispatch → account:${resident}`, 'case.dispatch → unit:U-PM-030'],
      },
      claim: { wechat: [], inbox: [`case.claim → account:${resident}`] },
      resolve: { wechat: [['subscribe', 'o-resident01', 'tmpl-case-progress', '已办理']], inbox: [`case.resolve → account:${resident}`, 'case.resolve → street:ST01'] },
      verify: { wechat: [], inbox: ['case.verify → street:ST01'] },
      close: { wechat: [['subscribe', 'o-resident01', 'tmpl-case-rate', undefined]], inbox: [`case.close → account:${resident}`, 'case.close → unit:U-PM-030'] },
      rate: { wechat: [], inbox: ['case.rate → street:ST01', 'case.rate → unit:U-PM-030'] },
    });
    expect(seen.dispatch!.wechat).toHaveLength(2);

    // Every person behind a message has a delivery record: sent, or why it stayed in the inbox.
    const records = (await deliveriesOf(id)).map((d) => `${d.template} ${d.accountId === resident ? 'resident' : d.accountId === pm ? 'pm' : d.accountId === street ? 'street' : d.accountId} ${d.channel} ${d.status}`);
    expect(records.sort()).toEqual(
      [
        'case.accept resident subscribe sent',
        'case.dispatch resident subscribe sent',
        'case.dispatch pm subscribe sent',
        'case.resolve resident subscribe sent',
        'case.resolve street inbox inbox_only',
        'case.close resident subscribe sent',
        'case.close pm inbox inbox_only',
      ].sort(),
    );
    // Three progress consents and one rating consent, each spent once; the long-term one stays on.
    expect(await consentsOf('resident01')).toEqual(
      expect.arrayContaining([
        { templateId: 'tmpl-case-progress', remaining: 0, active: false, spentKeys: [] },
        { templateId: 'tmpl-case-rate', remaining: 0, active: false, spentKeys: [] },
      ]),
    );
    expect(await consentsOf('pm01')).toEqual([{ templateId: 'tmpl-work-order', remaining: 0, active: true, spentKeys: [] }]);
  });

  it('tells the staff of a unit each through their own WeChat, and the unit once in its inbox', async () => {
    // A second property-manager account of U-PM-030 with WeChat and the long-term consent.
    const second = await app.server.request('POST', '/api/v1/accounts', {
      token: await app.token('admin'),
      body: { username: 'pm01b', displayName: '物业值班员', password: 'Second-pm-2026!', assignment: { role: 'property_manager', unitCode: 'U-PM-030' } },
    });
    expect(second.status).toBe(201);
    await app.database.models.Account.updateOne({ username: 'pm01b' }, { $set: { openid: 'o-pm01b' } });
    await consent('pm01b', { 'tmpl-work-order': 'accept' });
    const id = await fileComplaint('resident02');
    await act(app, 'street01', id, 'accept');
    await act(app, 'street01', id, 'dispatch', { leadUnitCode: 'U-PM-030', leadUnitType: 'property_company' });
    await drain();
    expect(delivered().filter(([, , template]) => template === 'tmpl-work-order').map(([, to]) => to).sort()).toEqual(['o-pm01', 'o-pm01b']);
    expect((await inboxOf(id)).filter((entry) => entry.startsWith('case.dispatch → unit'))).toEqual(['case.dispatch → unit:U-PM-030']);
  });
});

describe('consents', () => {
  it('names the topic of every template, so the app asks for the case ones and the poll ones each in its place', async () => {
    const answer = await consent('resident06', { 'tmpl-poll-open': 'accept' });
    const topics = Object.fromEntries((answer.templates as unknown as { templateId: string; topic: string }[]).map(({ templateId, topic }) => [templateId, topic]));
    expect(topics).toEqual({ 'tmpl-case-progress': 'case', 'tmpl-case-rate': 'case', 'tmpl-work-order': 'case', 'tmpl-poll-open': 'poll', 'tmpl-poll-result': 'poll' });
    expect(answer.templates.find((template) => template.templateId === 'tmpl-poll-open')?.remaining).toBe(1);
  });

  it('sends nothing but the inbox to a resident with no consent left', async () => {
    const id = await fileComplaint('resident02');
    await act(app, 'street01', id, 'accept');
    await drain();
    expect(delivered().filter(([, to]) => to === 'o-resident02')).toEqual([]);
    expect(await inboxOf(id)).toContain(`case.accept → account:${await idOf('resident02')}`);
    const [record] = (await deliveriesOf(id)).filter((d) => d.template === 'case.accept');
    expect(record).toMatchObject({ channel: 'inbox', status: 'inbox_only', attempts: [{ outcome: 'inbox_only', detail: 'no_consent' }] });
  });

  it('spends one-time consents once each, the last one on the most important step', async () => {
    await consent('resident03', { 'tmpl-case-progress': 'accept' });
    const id = await fileComplaint('resident03');
    await act(app, 'street01', id, 'accept');
    await act(app, 'street01', id, 'dispatch', { leadUnitCode: 'U-PM-030', leadUnitType: 'property_company' });
    await act(app, 'pm01', id, 'claim');
    await drain();
    // Accepted and dispatched matter less than "done": the one consent is kept for it.
    expect(delivered().filter(([, to]) => to === 'o-resident03')).toEqual([]);
    await act(app, 'pm01', id, 'resolve', { note: '已清理完毕', photos: [await uploadPhoto(app, 'pm01')] });
    await drain();
    await drain();
    expect(delivered().filter(([, to]) => to === 'o-resident03')).toEqual([['subscribe', 'o-resident03', 'tmpl-case-progress', '已办理']]);
    expect(await consentsOf('resident03')).toEqual([{ templateId: 'tmpl-case-progress', remaining: 0, active: false, spentKeys: [] }]);
    const resident = await idOf('resident03');
    const reasons = (await deliveriesOf(id)).filter((d) => d.accountId === resident).map((d) => [d.template, d.attempts[0]?.detail ?? d.status]);
    expect(reasons).toEqual(expect.arrayContaining([['case.accept', 'kept_for_more_important'], ['case.dispatch', 'kept_for_more_important']]));
  });
});

describe('staff: 催办, overdue and escalation', () => {
  it('tells the unit of a 催办 and, through the clock, of the overrun; the district of the escalation', async () => {
    await consent('pm01', { 'tmpl-work-order': 'accept' });
    await consent('district', { 'tmpl-work-order': 'accept' });
    const id = await fileComplaint('resident02');
    await act(app, 'street01', id, 'accept');
    await act(app, 'street01', id, 'dispatch', { leadUnitCode: 'U-PM-030', leadUnitType: 'property_company' });
    await drain();
    fake.messages.length = 0;

    await act(app, 'street01', id, 'urge', { note: '请尽快处理' });
    await drain();
    // Both property-manager accounts of the unit with WeChat (pm01b was added above).
    expect(delivered().sort()).toEqual([
      ['subscribe', 'o-pm01', 'tmpl-work-order', '催办'],
      ['subscribe', 'o-pm01b', 'tmpl-work-order', '催办'],
    ]);

    fake.messages.length = 0;
    app.clock.advance(40 * 86_400_000);
    await drain();
    const staffMessages = delivered().map(([, to, , status]) => `${to} ${status}`);
    expect(staffMessages).toContain('o-pm01 已超时');
    expect(staffMessages).toContain('o-district 已升级');
    expect(staffMessages.filter((line) => line.startsWith('o-resident02'))).toEqual([]);
  });
});

describe("WeChat's answers", () => {
  /** A resident with `count` progress consents and a case accepted for them: the accept message is due. */
  async function acceptedWithConsent(username: string, count = 1) {
    for (let i = 0; i < count; i += 1) await consent(username, { 'tmpl-case-progress': 'accept' });
    const id = await fileComplaint(username);
    // The reserve keeps the last consent for "done": one more than the accept needs.
    await consent(username, { 'tmpl-case-progress': 'accept' });
    await act(app, 'street01', id, 'accept');
    const key = `wechat:${id}:2:0:${await idOf(username)}`;
    return { id, key };
  }
  const deliveryOf = async (key: string) => (await app.database.connection.db!.collection('wechat_deliveries').findOne({ _id: key } as never)) as unknown as WeChatDelivery & { _id: string };
  const jobOf = async (key: string) => app.database.connection.db!.collection('jobs').findOne({ _id: key } as never);
  /** As if the runner holding the job died and its lease ran out: the job is due again. */
  const leaseRunsOut = (key: string) => app.database.connection.db!.collection('jobs').updateOne({ _id: key } as never, { $set: { status: 'pending', dueAt: app.clock.now() } });

  it('survives a token expiring mid-stream: a fresh token, each message sent once', async () => {
    await app.database.models.WeChatConsent.deleteMany({ accountId: await idOf('resident02') });
    const first = await acceptedWithConsent('resident02', 2);
    await drain();
    fake.expireTokens();
    await act(app, 'street01', first.id, 'dispatch', { leadUnitCode: 'U-PM-030', leadUnitType: 'property_company' });
    await drain();
    expect(delivered().filter(([, to]) => to === 'o-resident02').map(([, , , status]) => status)).toEqual(['已受理', '已派单']);
    expect(fake.received(subscribePath).filter((request) => request.query.access_token !== fake.received(subscribePath)[0]!.query.access_token).length).toBeGreaterThan(0);
    expect(fake.received('/cgi-bin/token').length).toBeGreaterThanOrEqual(1);
    expect((await deliveryOf(first.key)).status).toBe('sent');
  });

  it('records 43101 (the user refused) and does not retry it; the consent is gone', async () => {
    const { key } = await acceptedWithConsent('resident03');
    fake.failNext(subscribePath, { errcode: 43101, errmsg: 'user refuse to accept the msg' });
    await drain();
    app.clock.advance(3_600_000);
    await drain();
    expect(fake.received(subscribePath)).toHaveLength(1);
    expect(fake.messages).toEqual([]);
    expect(await deliveryOf(key)).toMatchObject({ status: 'refused', attempts: [{ outcome: 'refused', errcode: 43101 }] });
    expect(await jobOf(key)).toMatchObject({ status: 'done' });
    expect((await consentsOf('resident03')).find((c) => c.templateId === 'tmpl-case-progress')).toMatchObject({ remaining: 0, spentKeys: [] });
  });

  it('records 47003 (bad data) without retrying, and gives the unused consent back', async () => {
    await app.database.models.WeChatConsent.deleteMany({ accountId: await idOf('resident03') });
    const { key } = await acceptedWithConsent('resident03');
    fake.failNext(subscribePath, { errcode: 47003, errmsg: 'argument invalid!' });
    await drain();
    expect(fake.received(subscribePath)).toHaveLength(1);
    expect(await deliveryOf(key)).toMatchObject({ status: 'failed', attempts: [{ outcome: 'failed', errcode: 47003 }] });
    expect((await consentsOf('resident03')).find((c) => c.templateId === 'tmpl-case-progress')).toMatchObject({ remaining: 2, spentKeys: [] });
  });

  it('backs off on 45009 (rate limit) and on HTTP 503, then sends once, spending one consent', async () => {
    await app.database.models.WeChatConsent.deleteMany({ accountId: await idOf('resident03') });
    const { key } = await acceptedWithConsent('resident03');
    fake.failNext(subscribePath, { errcode: 45009, errmsg: 'reach max api daily quota limit' });
    fake.failNext(subscribePath, { httpStatus: 503 });
    await drain();
    expect(await deliveryOf(key)).toMatchObject({ status: 'retrying' });
    expect(await jobOf(key)).toMatchObject({ status: 'pending', attempts: 1 });
    for (let round = 0; round < 3; round += 1) {
      app.clock.advance(3_600_000);
      await drain();
    }
    expect(fake.messages.filter(({ body }) => body.touser === 'o-resident03')).toHaveLength(1);
    expect((await deliveryOf(key)).attempts.map((attempt) => [attempt.outcome, attempt.errcode])).toEqual([
      ['retry', 45009],
      ['retry', undefined],
      ['sent', undefined],
    ]);
    expect((await consentsOf('resident03')).find((c) => c.templateId === 'tmpl-case-progress')).toMatchObject({ remaining: 1, spentKeys: [] });
  });

  it('lets an admin reach a WeChat job by its id (a done one is refused as not failed, not as a bad id)', async () => {
    const { key } = await acceptedWithConsent('resident03');
    await drain();
    const retried = await app.server.request('POST', `/api/v1/admin/jobs/${key}/retry`, { token: await app.token('admin') });
    expect(retried.status, JSON.stringify(retried.body)).toBe(409);
    expect(retried.body.error.code).toBe('job.not_failed');
  });

  it('sends once when the job runs again after it was sent (a runner died before marking it done)', async () => {
    await app.database.models.WeChatConsent.deleteMany({ accountId: await idOf('resident03') });
    const { key } = await acceptedWithConsent('resident03');
    await drain();
    await leaseRunsOut(key);
    await drain();
    expect(fake.received(subscribePath)).toHaveLength(1);
    expect((await deliveryOf(key)).attempts).toHaveLength(1);
  });

  it('sends a subscribe message at most once: a run that died inside the call leaves it uncertain, not re-sent', async () => {
    await app.database.models.WeChatConsent.deleteMany({ accountId: await idOf('resident03') });
    const { key } = await acceptedWithConsent('resident03');
    await drain();
    // The process died after WeChat took the message and before the answer was recorded.
    await app.database.connection.db!.collection('wechat_deliveries').updateOne({ _id: key } as never, { $set: { status: 'sending' }, $pop: { attempts: 1 } });
    await leaseRunsOut(key);
    await drain();
    expect(fake.received(subscribePath)).toHaveLength(1);
    expect(await deliveryOf(key)).toMatchObject({ status: 'uncertain', attempts: [{ outcome: 'uncertain' }] });
  });

  it('treats a timed-out subscribe send as uncertain: recorded, never sent again', async () => {
    await app.database.models.WeChatConsent.deleteMany({ accountId: await idOf('resident03') });
    const { key } = await acceptedWithConsent('resident03');
    fake.failNext(subscribePath, { delayMs: 600 });
    await impatientRunner().drain();
    app.clock.advance(3_600_000);
    await impatientRunner().drain();
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(fake.received(subscribePath)).toHaveLength(1);
    expect(await deliveryOf(key)).toMatchObject({ status: 'uncertain', attempts: [{ outcome: 'uncertain' }] });
  });

  /** A runner whose WeChat client gives up after 200 ms. */
  const impatientRunner = () =>
    testRunner(app, {
      wechat: {
        sender: new WeChatClient({ appId: 'wx-test', appSecret: 'test-secret', apiBase: fake.url, tokenStore: databaseTokenStore(app.database), timeoutMs: 200 }),
        messages: app.deps.config.wechat.messages,
        appId: 'wx-test',
      },
    });

  describe('through the service account', () => {
    beforeAll(async () => {
      await app.database.models.Account.updateOne({ username: 'resident02' }, { $set: { unionid: 'u-resident02' } });
      await mongoWeChatDirectory(app.database).recordServiceFollower({ unionid: 'u-resident02', openid: 'svc-resident02', following: true }, app.clock.now());
    });

    it('sends a template message to a linked follower, no consent needed, client_msg_id = the message key, lines ≤ 20', async () => {
      await app.database.models.WeChatConsent.deleteMany({ accountId: await idOf('resident02') });
      const id = await fileComplaint('resident02');
      await act(app, 'street01', id, 'accept');
      await drain();
      const key = `wechat:${id}:2:0:${await idOf('resident02')}`;
      expect(fake.messages).toHaveLength(1);
      const { body } = fake.messages[0]!;
      expect(body).toMatchObject({ touser: 'svc-resident02', template_id: 'svc-case-progress', client_msg_id: key, miniprogram: { appid: 'wx-test', pagepath: `pages/case/index?id=${id}` } });
      for (const { value } of Object.values(body.data as Record<string, { value: string }>)) expect([...value].length).toBeLessThanOrEqual(20);
      expect(await deliveryOf(key)).toMatchObject({ channel: 'service', status: 'sent' });
    });

    it('re-sends after a crash inside the call, and WeChat (the fake) drops the repeat by client_msg_id', async () => {
      const id = await fileComplaint('resident02');
      await act(app, 'street01', id, 'accept');
      await drain();
      const key = `wechat:${id}:2:0:${await idOf('resident02')}`;
      await app.database.connection.db!.collection('wechat_deliveries').updateOne({ _id: key } as never, { $set: { status: 'sending' }, $pop: { attempts: 1 } });
      await leaseRunsOut(key);
      await drain();
      expect(fake.received(templatePath)).toHaveLength(2);
      expect(fake.messages).toHaveLength(1);
      expect(await deliveryOf(key)).toMatchObject({ status: 'sent', attempts: [{ outcome: 'sent' }] });
    });

    it('retries a timed-out template message, which WeChat delivers once', async () => {
      const id = await fileComplaint('resident02');
      await act(app, 'street01', id, 'accept');
      fake.failNext(templatePath, { delayMs: 600 });
      await impatientRunner().drain();
      await new Promise((resolve) => setTimeout(resolve, 700));
      app.clock.advance(3_600_000);
      await impatientRunner().drain();
      const key = `wechat:${id}:2:0:${await idOf('resident02')}`;
      // (The hour on also ran other cases' clocks: staff messages of theirs are left out.)
      const toResident = (request: { body: unknown }) => (request.body as { touser?: string }).touser === 'svc-resident02';
      expect(fake.received(templatePath).filter(toResident)).toHaveLength(2);
      expect(fake.messages.filter(toResident)).toHaveLength(1);
      expect((await deliveryOf(key)).attempts.map((attempt) => attempt.outcome)).toEqual(['retry', 'sent']);
    });

    it('falls back to the subscribe channel once the user unfollows', async () => {
      await mongoWeChatDirectory(app.database).recordServiceFollower({ unionid: 'u-resident02', openid: 'svc-resident02', following: false }, app.clock.now());
      await consent('resident02', { 'tmpl-case-progress': 'accept' });
      await consent('resident02', { 'tmpl-case-progress': 'accept' });
      const id = await fileComplaint('resident02');
      await act(app, 'street01', id, 'accept');
      await drain();
      expect(delivered()).toEqual([['subscribe', 'o-resident02', 'tmpl-case-progress', '已受理']]);
    });
  });
});
