import { formatSubscribeField, formatTemplateLine, subscribeFieldTypeOf } from './fields';
import type { EventMessage, FieldSource, WeChatMessagesConfig } from './messages-config';

/** A recipient's standing for one subscribe template. */
export interface ConsentState {
  kind: 'one_time' | 'long_term';
  /** One-time: consents left (each allows one message). */
  remaining: number;
  /** Long-term: on until the user turns it off. */
  active: boolean;
  /** A one-time consent was already spent on this very message by an earlier run of its job. */
  spentOnThis?: boolean;
}

/** What the chooser knows of one recipient and one step. */
export interface ChannelFacts {
  /** What this kind of recipient gets for this step; undefined when the step sends no WeChat message. */
  message: EventMessage | undefined;
  /** The mini-program openid; undefined for an account without a WeChat identity. */
  openid?: string;
  /** The openid under the district's service account, when the unionid links to a current follower. */
  serviceOpenid?: string;
  /** The recipient's consent for the message's subscribe template, if any was ever given. */
  consent?: ConsentState;
  reserve: WeChatMessagesConfig['reserve'];
}

export type ChannelChoice =
  | { channel: 'service'; templateId: string; openid: string }
  | { channel: 'subscribe'; templateId: string; openid: string; oneTime: boolean }
  | { channel: 'inbox'; reason: 'no_template' | 'no_wechat' | 'no_consent' | 'kept_for_more_important' };

/**
 * The channel of one message besides the inbox, which always has it: the service account's
 * template message when the recipient's unionid links to a follower (no consent needed there);
 * else a subscribe message while a consent allows it (a one-time template's last consents are
 * kept for the most important steps); else the inbox only.
 */
export function chooseChannel(facts: ChannelFacts): ChannelChoice {
  const { message, consent } = facts;
  if (!message || (!message.service && !message.subscribe)) return { channel: 'inbox', reason: 'no_template' };
  if (message.service && facts.serviceOpenid) return { channel: 'service', templateId: message.service.templateId, openid: facts.serviceOpenid };
  if (!message.subscribe) return { channel: 'inbox', reason: 'no_template' };
  if (!facts.openid) return { channel: 'inbox', reason: 'no_wechat' };
  const { templateId } = message.subscribe;
  if (!consent) return { channel: 'inbox', reason: 'no_consent' };
  // An earlier run spent a consent on this message and died before sending: the consent is its own.
  if (consent.kind === 'one_time' && consent.spentOnThis) return { channel: 'subscribe', templateId, openid: facts.openid, oneTime: true };
  if (consent.kind === 'long_term') return consent.active ? { channel: 'subscribe', templateId, openid: facts.openid, oneTime: false } : { channel: 'inbox', reason: 'no_consent' };
  if (consent.remaining <= 0) return { channel: 'inbox', reason: 'no_consent' };
  if (consent.remaining <= keptBack(message.priority, facts.reserve)) return { channel: 'inbox', reason: 'kept_for_more_important' };
  return { channel: 'subscribe', templateId, openid: facts.openid, oneTime: true };
}

/** How many of a template's one-time consents a step of this priority must leave for more important ones. */
export function keptBack(priority: number, reserve: WeChatMessagesConfig['reserve']): number {
  return priority <= reserve.forPriorityAtMost ? 0 : reserve.keep;
}

/** The facts of a step a message's fields are filled from. */
export interface MessageFacts {
  caseNumber: string;
  caseTitle: string;
  /** The inbox text of the step. */
  text: string;
  at: Date;
}

const valueOf = (source: FieldSource, facts: MessageFacts, message: EventMessage): string | Date => {
  if (typeof source === 'object') return source.text;
  switch (source) {
    case 'caseNumber':
      return facts.caseNumber;
    case 'caseTitle':
      return facts.caseTitle;
    case 'status':
      return message.status;
    case 'tip':
      return message.tip;
    case 'time':
      return facts.at;
    case 'text':
      return facts.text;
  }
};

/** A subscribe message's `data`, every value made to fit its field's type. */
export function subscribeData(fields: Record<string, FieldSource>, facts: MessageFacts, message: EventMessage): Record<string, { value: string }> {
  return Object.fromEntries(
    Object.entries(fields).map(([key, source]) => {
      const type = subscribeFieldTypeOf(key);
      // The config schema refuses unknown keys; a value for one would only be refused by WeChat (47003).
      if (!type) throw new Error(`订阅消息字段 ${key} 的类型未知`);
      return [key, { value: formatSubscribeField(type, valueOf(source, facts, message)) }];
    }),
  );
}

/** A service-account template message's `data`, each line within WeChat's 20 characters. */
export function serviceData(fields: Record<string, FieldSource>, facts: MessageFacts, message: EventMessage): Record<string, { value: string }> {
  return Object.fromEntries(Object.entries(fields).map(([key, source]) => [key, { value: formatTemplateLine(valueOf(source, facts, message)) }]));
}
