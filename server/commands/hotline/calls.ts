import type { HotlineAction, HotlineChannel } from '../../../shared/hotline/work-order';
import type { CaseRecord } from '../../../shared/cases/types';
import type { JobStore } from '../ports';
import { effectContextOf } from '../outbox';

/** One call to queue: the job's key makes a second queueing of the same call a no-op. */
export interface QueuedCall {
  channel: HotlineChannel;
  number: string;
  caseId: string;
  action: HotlineAction;
  key: string;
}

/** Queues a call to a centre as a job (the outbox runner sends it, with retry, backoff and dead letters). */
export async function queueCall(deps: { jobs: Pick<JobStore, 'enqueue'>; now: () => Date }, call: QueuedCall, record: CaseRecord): Promise<void> {
  await deps.jobs.enqueue(
    [
      {
        key: call.key,
        caseId: call.caseId,
        effect: { type: 'hotline.call', channel: call.channel, number: call.number, action: call.action },
        context: effectContextOf(record),
      },
    ],
    deps.now(),
  );
}
