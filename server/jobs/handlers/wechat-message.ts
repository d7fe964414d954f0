import { chooseChannel, keptBack, serviceData, subscribeData, type ChannelChoice, type MessageFacts } from '../../../shared/wechat-messages/channel';
import type { EventMessage } from '../../../shared/wechat-messages/messages-config';
import { verdictOf } from '../../../shared/wechat-messages/outcome';
import type { DeliveryAttempt, WeChatDelivery, WeChatFailure } from '../../commands/ports';
import type { JobHandler, JobOf, WeChatMessaging } from './types';

type Sendable = Extract<ChannelChoice, { channel: 'service' | 'subscribe' }>;

const finalStatuses = new Set<WeChatDelivery['status']>(['sent', 'refused', 'failed', 'uncertain', 'inbox_only']);

/**
 * Sends one WeChat message to one account, exactly once or not at all, whatever crashes:
 *
 * 1. A delivery already final (sent, refused, failed, uncertain, inbox only) is left alone: the
 *    message was handled by an earlier run.
 * 2. Otherwise the channel is chosen (service account, subscribe message while consents last, or
 *    the inbox only, see `chooseChannel`), a one-time consent is spent under the message's key
 *    (a re-run finds it spent on this very message and does not spend another), and the delivery
 *    is recorded as `sending` **before** WeChat is called.
 * 3. A re-run that finds `sending` does not know whether WeChat got the call. For a service-account
 *    template message it sends again: WeChat drops a repeat of the same `client_msg_id`. For a
 *    subscribe message, which WeChat does not de-duplicate, it records `uncertain` and sends
 *    nothing: at most once. A second copy would spend a consent the user gave for one message and
 *    is visible spam, while a lost one still stands in the in-app inbox, which always has it; the
 *    window is the few hundred milliseconds of the call. The same holds for a call that timed out.
 * 4. WeChat's answer settles it (shared/wechat-messages/outcome.ts): sent; refused (43101, the consent is
 *    gone) and other permanent refusals (47003 …) recorded and not retried; 45009, HTTP 5xx and a
 *    failed connection recorded as `retrying` and thrown, so the runner backs off and runs it again.
 */
export const wechatMessageHandler: JobHandler<'wechat.message'> = async (job, deps) => {
  const wechat = deps.wechat;
  if (!wechat) return;
  const now = deps.now();
  const key = job.id;
  const existing = await wechat.deliveries.find(key);
  if (existing && finalStatuses.has(existing.status)) {
    // A run that died after recording the outcome may not have released the consent's key.
    if (existing.oneTime) await wechat.consents.settle(existing.accountId, existing.templateId!, key, false);
    return;
  }
  if (existing?.status === 'sending' && existing.channel === 'subscribe') {
    await wechat.deliveries.record(key, 'uncertain', { at: now, outcome: 'uncertain', detail: '上次发送中断，是否送达未知；订阅消息不重发' });
    if (existing.oneTime) await wechat.consents.settle(existing.accountId, existing.templateId!, key, false);
    return;
  }

  const recipient = await wechat.directory.recipient(job.effect.accountId);
  const message = wechat.config.events[job.effect.template]?.[recipient?.role === 'resident' ? 'resident' : 'staff'];
  let choice: ChannelChoice;
  if (existing) {
    // Retrying (or re-sending a service message): the channel chosen first, its consent already spent.
    choice = existing.channel === 'service' ? { channel: 'service', templateId: existing.templateId!, openid: existing.openid! } : { channel: 'subscribe', templateId: existing.templateId!, openid: existing.openid!, oneTime: existing.oneTime ?? false };
  } else {
    choice = await choose(job, wechat, recipient, message);
    if (choice.channel === 'inbox') {
      await wechat.deliveries.inboxOnly(deliveryOf(job), choice.reason, now);
      return;
    }
  }
  if (!message) {
    // Retrying a step the messages config no longer sends (changed between two runs): nothing to fill the template with.
    await wechat.deliveries.record(key, 'failed', { at: now, outcome: 'failed', detail: '消息配置已不再发送此步骤' });
    if (existing?.oneTime) await wechat.consents.settle(existing.accountId, existing.templateId!, key, true);
    return;
  }
  const delivery = { ...deliveryOf(job), channel: choice.channel, templateId: choice.templateId, openid: choice.openid, ...(choice.channel === 'subscribe' && choice.oneTime ? { oneTime: true } : {}) };
  const from = !existing ? 'new' : existing.status === 'retrying' ? 'retrying' : 'sending';
  if (!(await wechat.deliveries.begin(delivery, from, now))) {
    throw new Error(`微信消息 ${key} 正由另一次运行处理`);
  }
  await send(job, wechat, choice, message, delivery, deps.now);
};

const deliveryOf = (job: JobOf<'wechat.message'>) => ({ key: job.id, accountId: job.effect.accountId, caseId: job.caseId, template: job.effect.template });

/** The channel for a first run: facts read now, a one-time consent spent under the message's key. */
async function choose(job: JobOf<'wechat.message'>, wechat: WeChatMessaging, recipient: Awaited<ReturnType<WeChatMessaging['directory']['recipient']>>, message: EventMessage | undefined): Promise<ChannelChoice> {
  if (!recipient || recipient.disabled) return { channel: 'inbox', reason: 'no_wechat' };
  const templateId = message?.subscribe?.templateId;
  const kind = templateId ? wechat.config.subscribeTemplates[templateId]?.kind : undefined;
  const stored = templateId && recipient.openid ? (await wechat.consents.consentsOf(recipient.accountId)).find((consent) => consent.templateId === templateId) : undefined;
  const serviceOpenid = message?.service && recipient.unionid ? await wechat.directory.serviceFollower(recipient.unionid) : undefined;
  const choice = chooseChannel({
    message,
    openid: recipient.openid,
    serviceOpenid,
    // The config says which kind a template is now; a consent stored under the other kind counts as none.
    consent: stored && stored.kind === kind ? { ...stored, spentOnThis: stored.spentKeys.includes(job.id) } : undefined,
    reserve: wechat.config.reserve,
  });
  if (choice.channel !== 'subscribe' || !choice.oneTime) return choice;
  const spent = await wechat.consents.spend(recipient.accountId, choice.templateId, job.id, keptBack(message!.priority, wechat.config.reserve));
  // Spent meanwhile by another message (the read above is not the spend): none left for this one.
  return spent === 'none_left' ? { channel: 'inbox', reason: 'no_consent' } : choice;
}

async function send(job: JobOf<'wechat.message'>, wechat: WeChatMessaging, choice: Sendable, message: EventMessage, delivery: { oneTime?: boolean }, now: () => Date): Promise<void> {
  const key = job.id;
  const facts: MessageFacts = { caseNumber: job.context.number, caseTitle: job.context.title, text: job.effect.text, at: new Date(job.effect.at) };
  const { pollId } = job.effect;
  const page = pollId !== undefined ? wechat.config.pollPage.replace('{pollId}', encodeURIComponent(pollId)) : wechat.config.casePage.replace('{caseId}', encodeURIComponent(job.caseId));
  const attempt = (outcome: DeliveryAttempt['outcome'], failure?: WeChatFailure): DeliveryAttempt => ({
    at: now(),
    outcome,
    ...(failure?.errcode !== undefined ? { errcode: failure.errcode } : {}),
    ...(failure ? { detail: failure.message.slice(0, 300) } : {}),
  });
  const settle = (refund: boolean) => (delivery.oneTime ? wechat.consents.settle(job.effect.accountId, choice.templateId, key, refund) : Promise.resolve());
  try {
    if (choice.channel === 'service') {
      const data = serviceData(message.service!.fields, facts, message);
      await wechat.sender.sendTemplateMessage({ openid: choice.openid, templateId: choice.templateId, miniprogram: { appid: wechat.miniprogramAppId, pagepath: page }, data, clientMsgId: key });
    } else {
      await wechat.sender.sendSubscribeMessage({ openid: choice.openid, templateId: choice.templateId, page, data: subscribeData(message.subscribe!.fields, facts, message) });
    }
  } catch (error) {
    const failure = error as WeChatFailure;
    switch (verdictOf(failure)) {
      case 'refused':
        await wechat.deliveries.record(key, 'refused', attempt('refused', failure));
        if (choice.channel === 'subscribe') await wechat.consents.revoke(job.effect.accountId, choice.templateId, now());
        await settle(false);
        return;
      case 'permanent':
        await wechat.deliveries.record(key, 'failed', attempt('failed', failure));
        // WeChat refused the message itself: the consent was not used.
        await settle(true);
        return;
      case 'unknown':
        if (choice.channel === 'subscribe') {
          await wechat.deliveries.record(key, 'uncertain', attempt('uncertain', failure));
          await settle(false);
          return;
        }
        await wechat.deliveries.record(key, 'retrying', attempt('retry', failure));
        throw error;
      case 'later':
        await wechat.deliveries.record(key, 'retrying', attempt('retry', failure));
        throw error;
    }
  }
  await wechat.deliveries.record(key, 'sent', attempt('sent'));
  await settle(false);
}
