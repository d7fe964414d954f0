import { describe, expect, it } from 'vitest';
import { chooseChannel, serviceData, subscribeData, type ChannelFacts } from './channel';
import { defaultWeChatMessagesConfig, wechatMessagesConfigSchema, type EventMessage } from './messages-config';

const config = defaultWeChatMessagesConfig;
const dispatched = config.events['case.dispatch']!.resident!;
const closed = config.events['case.close']!.resident!;
const staffDispatch = config.events['case.dispatch']!.staff!;

const facts = (overrides: Partial<ChannelFacts> = {}): ChannelFacts => ({ message: dispatched, openid: 'o-mini', reserve: config.reserve, ...overrides });
const oneTime = (remaining: number) => ({ kind: 'one_time' as const, remaining, active: false });

describe('chooseChannel', () => {
  it('prefers the service account when the unionid links to a follower, consent or not', () => {
    expect(chooseChannel(facts({ serviceOpenid: 'o-svc' }))).toEqual({ channel: 'service', templateId: 'svc-case-progress', openid: 'o-svc' });
  });

  it('sends a subscribe message while a one-time consent is left', () => {
    expect(chooseChannel(facts({ consent: oneTime(2) }))).toEqual({ channel: 'subscribe', templateId: 'tmpl-case-progress', openid: 'o-mini', oneTime: true });
  });

  it('keeps the last one-time consent for the most important steps: dispatch waits, closing spends it', () => {
    expect(chooseChannel(facts({ consent: oneTime(1) }))).toEqual({ channel: 'inbox', reason: 'kept_for_more_important' });
    expect(chooseChannel(facts({ message: closed, consent: { kind: 'one_time', remaining: 1, active: false } }))).toMatchObject({ channel: 'subscribe', oneTime: true });
  });

  it('sends a message an earlier run already spent a consent on, even with none left now', () => {
    expect(chooseChannel(facts({ consent: { ...oneTime(0), spentOnThis: true } }))).toMatchObject({ channel: 'subscribe', oneTime: true });
  });

  it('falls back to the inbox with no consent left, none ever given, or no WeChat identity', () => {
    expect(chooseChannel(facts({ consent: oneTime(0) }))).toEqual({ channel: 'inbox', reason: 'no_consent' });
    expect(chooseChannel(facts())).toEqual({ channel: 'inbox', reason: 'no_consent' });
    expect(chooseChannel(facts({ openid: undefined, consent: oneTime(3) }))).toEqual({ channel: 'inbox', reason: 'no_wechat' });
  });

  it('uses a long-term consent until it is turned off, without counting', () => {
    const staff = facts({ message: staffDispatch });
    expect(chooseChannel({ ...staff, consent: { kind: 'long_term', remaining: 0, active: true } })).toMatchObject({ channel: 'subscribe', templateId: 'tmpl-work-order', oneTime: false });
    expect(chooseChannel({ ...staff, consent: { kind: 'long_term', remaining: 0, active: false } })).toEqual({ channel: 'inbox', reason: 'no_consent' });
  });

  it('sends nothing but the inbox for a step without a WeChat message', () => {
    expect(chooseChannel(facts({ message: undefined, serviceOpenid: 'o-svc' }))).toEqual({ channel: 'inbox', reason: 'no_template' });
    const inboxOnly: EventMessage = { priority: 5, status: '进展', tip: '有进展' };
    expect(chooseChannel(facts({ message: inboxOnly, serviceOpenid: 'o-svc' }))).toEqual({ channel: 'inbox', reason: 'no_template' });
  });
});

describe('message data', () => {
  const step = { caseNumber: 'BH20260309-0001', caseTitle: '小区东门垃圾桶满溢三天无人清理，气味很大影响出行', text: '案件 BH20260309-0001：派单', at: new Date('2026-03-09T01:30:00Z') };

  it('fills a subscribe template by field type: number, thing ≤ 20, phrase, Beijing time', () => {
    expect(subscribeData(dispatched.subscribe!.fields, step, dispatched)).toEqual({
      character_string1: { value: 'BH20260309-0001' },
      thing2: { value: '小区东门垃圾桶满溢三天无人清理，气味很…' },
      phrase3: { value: '已派单' },
      time4: { value: '2026年03月09日 09:30' },
      thing5: { value: '已派至责任单位处置' },
    });
  });

  it('fills a service template with lines of at most 20 characters', () => {
    const data = serviceData(dispatched.service!.fields, step, dispatched);
    expect(Object.keys(data)).toEqual(['first', 'keyword1', 'keyword2', 'keyword3', 'keyword4']);
    for (const { value } of Object.values(data)) expect([...value].length).toBeLessThanOrEqual(20);
  });
});

describe('the messages config', () => {
  it('accepts its own default', () => {
    expect(wechatMessagesConfigSchema.parse(config)).toEqual(config);
  });

  it('refuses an event naming an undeclared template or a field key WeChat has no type for', () => {
    const broken = structuredClone(config);
    broken.events['case.accept']!.resident!.subscribe = { templateId: 'tmpl-nowhere', fields: { keyword1: 'caseNumber' } };
    const issues = wechatMessagesConfigSchema.safeParse(broken).error!.issues.map((issue) => issue.path.join('.'));
    expect(issues).toEqual(['events.case.accept.resident.subscribe.templateId', 'events.case.accept.resident.subscribe.fields.keyword1']);
  });
});
