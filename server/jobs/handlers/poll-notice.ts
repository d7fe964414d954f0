import { pollNoticeTemplateOf, pollNoticeText } from '../../../shared/polls/notices';
import { resultOf } from '../../../shared/polls/rules';
import { accountInbox } from '../../commands/messages';
import type { InboxMessage, StoredPoll } from '../../commands/ports';
import type { JobHandler, JobOf } from './types';

/** Residents read and told per round: a compound's thousands never sit in memory at once. */
export const pollAudiencePage = 200;

/** The notice's text, as of when the notice was recorded (a re-run writes the same words). */
function textOf(job: JobOf<'poll.notice'>, poll: StoredPoll): string {
  const kind = job.effect.notice;
  const recordedAt = poll.notices?.[kind] ?? job.createdAt;
  const result = kind === 'results' ? resultOf(poll, poll.tally, poll.counted, poll.eligibleAtEnd ?? 0) : undefined;
  return pollNoticeText(
    kind,
    { title: poll.title, opensAt: poll.opensAt, closesAt: poll.closesAt, ...(poll.cancelReason ? { cancelReason: poll.cancelReason } : {}), ...(result ? { result } : {}) },
    recordedAt,
  );
}

/**
 * Tells the residents who may vote on a poll (verified homes in its scope; for a per-household
 * poll, every verified member of each household) that it opened, that its results are out, or that
 * it was cancelled. The audience is read page by page when the job runs; each page's inbox
 * messages are unique on (job key, inbox) and its WeChat jobs keyed `wechat:<job key>:<account>`,
 * so a re-run after a crash, anywhere in the pages, adds no message and queues nothing twice.
 */
export const pollNoticeHandler: JobHandler<'poll.notice'> = async (job, deps) => {
  if (!deps.polls) throw new Error('此任务运行器未配置议题通知');
  const poll = await deps.polls.polls.findById(job.effect.pollId);
  if (!poll) throw new Error(`议题 ${job.effect.pollId} 不存在`);
  const template = pollNoticeTemplateOf(job.effect.notice);
  const text = textOf(job, poll);
  const sendsWeChat = Boolean(deps.wechat?.config.events[template]);
  const at = deps.now();
  let after: string | undefined;
  do {
    const page = await deps.polls.memberships.eligibleAccounts(poll.scope, { ...(after !== undefined ? { after } : {}), limit: pollAudiencePage });
    const accounts = [...new Set(page.accountIds)];
    const recipients = accounts.map(accountInbox);
    const messages: InboxMessage[] = recipients.map((recipient) => ({ effectKey: job.id, recipient, poll: { id: poll.id, title: poll.title }, template, text, at }));
    if ((await deps.inbox.deliver(messages)) > 0) await deps.bus.publish({ type: 'inbox.changed', key: `${job.id}:${after ?? ''}`, inboxes: recipients });
    if (sendsWeChat) {
      await deps.jobs.enqueue(
        accounts.map((accountId) => ({
          key: `wechat:${job.id}:${accountId}`,
          caseId: poll.id,
          effect: { type: 'wechat.message', caseId: poll.id, pollId: poll.id, accountId, template, text, at: at.toISOString() },
          context: job.context,
        })),
        at,
      );
    }
    after = page.next ?? undefined;
  } while (after !== undefined);
};
