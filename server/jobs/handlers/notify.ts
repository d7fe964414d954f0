import { caseEventLabels } from '../../../shared/cases/events';
import type { Audience } from '../../../shared/cases/types';
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
      return [`account:${context.reporterId}`];
    case 'followers': {
      const parties = await deps.followers.partiesOf(job.caseId);
      return (parties?.followerIds ?? []).map((id) => `account:${id}`);
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
 * Writes one in-app message per recipient. The inbox is unique on (effect key, recipient): a
 * re-run after a crash finds the messages already there and adds none.
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
  await deps.inbox.deliver(messages);
};
