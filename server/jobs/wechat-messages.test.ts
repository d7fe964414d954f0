import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { WeChatDelivery } from '../commands/ports';
import { startTestApp, type TestApp } from '../testing/app';
import { act, file, uploadPhoto } from '../testing/cases';
import { testRunner } from '../testing/jobs';
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
