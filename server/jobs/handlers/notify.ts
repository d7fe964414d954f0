import { caseEventLabels } from '../../../shared/cases/events';
import type { Audience } from '../../../shared/cases/types';
import { accountInbox, readersOf } from '../../commands/messages';
import type { InboxMessage } from '../../commands/ports';
import type { HandlerDeps, JobHandler, JobOf } from './types';

/**
 * Who receives a notification, as inbox recipients. People (the reporter, "me too" followers) get
 * their account's inbox; organisations get one shared inbox each, keyed by code — the unit
 * (`unit:U-PM-030`), the street centre (`street:ST01`), the district centre (`district`) — which
 * their staff read. The reporter and units are taken from the step (the job's context);
 * followers are read when the job runs, so someone who followed in between is told too.
 */
async function recipientsOf(audience: Audience, job: JobOf<'notify'>, deps: HandlerDeps): Promise<string[]> {
  const { context } = job;
  switch (audience) {
    case 'reporter':
      return [accountInbox(context.reporterId)];
    case 'followers': {
      const parties = await deps.followers.partiesOf(job.caseId);
      return (parties?.followerIds ?? []).map(accountInbox);
    }
    case 'lead_unit':
      return context.leadUnitCode ? [`unit:${context.leadUnitCode}`] : [];
    case 'cohandlers':
      return context.cohandlerUnitCodes.map((code) => `unit:${code}`);
    case 'street':
      return [`street:${context.streetCode}`];
    case 'district':
      return ['district'];
  }
}

/** The message text: case number, title and the step, in the words the timeline uses. */
function textOf(job: JobOf<'notify'>): string {
  const step = job.effect.template.slice('case.'.length);
  const label = step === 'file' ? '新上报' : (caseEventLabels[step as keyof typeof caseEventLabels] ?? step);
  return `案件 ${job.context.number}「${job.context.title}」：${label}`;
}

/**
 * Writes one in-app message per recipient, then queues one WeChat message per person behind them:
 * the account of a personal message, the active staff with WeChat of an organisation's. The inbox
 * is unique on (effect key, recipient) and a WeChat job's id is `wechat:<effect key>:<account>`,
 * so a re-run after a crash adds no message and queues nothing twice.
 */
export const notifyHandler: JobHandler<'notify'> = async (job, deps) => {
  const recipients = [...new Set(await recipientsOf(job.effect.audience, job, deps))];
  const at = deps.now();
  const messages: InboxMessage[] = recipients.map((recipient) => ({
    effectKey: job.id,
    recipient,
    caseId: job.caseId,
    caseNumber: job.context.number,
    template: job.effect.template,
    text: textOf(job),
    at,
  }));
  const added = await deps.inbox.deliver(messages);
  // Live unread counts; a re-run that added nothing says nothing.
  if (added > 0) await deps.bus.publish({ type: 'inbox.changed', key: job.id, inboxes: recipients });
  if (deps.wechat?.config.events[job.effect.template]) await queueWeChatMessages(job, recipients, textOf(job), at, deps);
};

/** One `wechat.message` job per account behind the recipients; the WeChat handler picks the channel. */
async function queueWeChatMessages(job: JobOf<'notify'>, recipients: string[], text: string, at: Date, deps: HandlerDeps): Promise<void> {
  const accounts = new Set<string>();
  for (const recipient of recipients) {
    const readers = readersOf(recipient);
    if (readers?.kind === 'account') accounts.add(readers.accountId);
    else if (readers) for (const id of await deps.wechat!.directory.staffWithWeChat(readers)) accounts.add(id);
  }
  await deps.jobs.enqueue(
    [...accounts].map((accountId) => ({
      key: `wechat:${job.id}:${accountId}`,
      caseId: job.caseId,
      effect: { type: 'wechat.message', caseId: job.caseId, accountId, template: job.effect.template, text, at: at.toISOString() },
      context: job.context,
    })),
    at,
  );
}
