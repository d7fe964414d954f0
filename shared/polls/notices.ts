import { beijingTime } from '../wechat-messages/fields';
import type { PollResult } from './rules';

/**
 * What a poll tells the residents who may vote on it (issue 9): that voting opens, that its
 * results are out, or that it was cancelled. Each is sent at most once in a poll's life, so the
 * kind alone, with the poll's id, is the notice's key.
 */
export const pollNoticeKinds = ['opened', 'results', 'cancelled'] as const;
export type PollNoticeKind = (typeof pollNoticeKinds)[number];

/** The template a notice is sent under, in the inbox and in the WeChat messages config. */
export type PollNoticeTemplate = `poll.${PollNoticeKind}`;
export const pollNoticeTemplateOf = (kind: PollNoticeKind): PollNoticeTemplate => `poll.${kind}`;

/** The job key of a poll's notice: one per poll and kind, so a repeat of the relay queues nothing twice. */
export const pollNoticeKey = (pollId: string, kind: PollNoticeKind) => `poll:${pollId}:${kind}`;

/** What a notice's text is made of, read from the poll when the notice is sent. */
export interface PollNoticeFacts {
  title: string;
  opensAt: Date;
  closesAt: Date;
  cancelReason?: string;
  /** The final result (results notices only). */
  result?: PollResult;
}

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

function verdictOf(result: PollResult): string {
  if (result.quorumMet === false) return '，参与率未达到要求';
  if (result.passed === true) return '，表决通过';
  if (result.passed === false) return '，表决未通过';
  return '';
}

/**
 * The inbox text of a notice. The opening notice names the voting window: a poll opened ahead of
 * its start time is told once, when it is published, since the start itself writes nothing.
 */
export function pollNoticeText(kind: PollNoticeKind, facts: PollNoticeFacts, now: Date): string {
  const title = `「${facts.title}」`;
  switch (kind) {
    case 'opened':
      return now.getTime() < facts.opensAt.getTime()
        ? `议事投票${title}将于 ${beijingTime(facts.opensAt)} 开始，${beijingTime(facts.closesAt)} 截止，请按时参与投票`
        : `议事投票${title}已开始，${beijingTime(facts.closesAt)} 截止，请及时参与投票`;
    case 'results': {
      const result = facts.result;
      if (!result) return `议事投票${title}结果已公布，请查看`;
      return `议事投票${title}结果已公布：共 ${result.ballots} 票，参与率 ${percent(result.turnout)}${verdictOf(result)}`;
    }
    case 'cancelled':
      return `议事投票${title}已取消${facts.cancelReason ? `：${facts.cancelReason}` : ''}`;
  }
}
