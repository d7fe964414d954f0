import { ApiError, messageOf } from '../services/http';
import { sendVisit, type RecordVisitBody, type RecordVisitResult } from '../services/visits';
import { dropVisitDraft, keepVisitDraft } from './draft-store';
import { draftErrorsOf, type DraftErrors, type VisitDraft } from './visit-draft';

export type SendOutcome =
  | { kind: 'sent'; result: RecordVisitResult }
  /** No answer (no network, a timeout, the server busy): kept with its body, to send again. */
  | { kind: 'queued'; draft: VisitDraft }
  /** The server refused what was sent (a field, a rule): back on the form with the errors. */
  | { kind: 'invalid'; draft: VisitDraft; errors: DraftErrors; message: string }
  /** The server will never take it (the person is no longer this account's, or archived). */
  | { kind: 'refused'; draft: VisitDraft; message: string };

/** Failures worth sending again unchanged: nothing was stored, or the answer was lost. */
function worthRetrying(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500;
}

/**
 * Sends a draft's visit and keeps the phone's copy in step with the answer: dropped once the server
 * has the visit, kept (with the exact body sent) when no answer came, handed back with the errors
 * when the server refused it.
 */
export async function sendVisitDraft(draft: VisitDraft, body: RecordVisitBody): Promise<SendOutcome> {
  const sending: VisitDraft = { ...draft, body, status: 'queued', savedAt: new Date().toISOString() };
  // Kept before the request leaves: if the app dies while waiting, the visit is still on the phone.
  keepVisitDraft(sending);
  try {
    const result = await sendVisit(draft.person.id, body);
    dropVisitDraft(draft.accountId, draft.draftId);
    return { kind: 'sent', result };
  } catch (error) {
    const message = messageOf(error);
    if (worthRetrying(error)) {
      const queued = { ...sending, lastError: message };
      keepVisitDraft(queued);
      return { kind: 'queued', draft: queued };
    }
    const errors = error instanceof ApiError ? draftErrorsOf(error.details) : {};
    if (error instanceof ApiError && (error.status === 400 || error.status === 422) && error.code !== 'visit.draft_reused') {
      const back: VisitDraft = { ...draft, status: 'editing', lastError: message };
      delete back.body;
      keepVisitDraft(back);
      return { kind: 'invalid', draft: back, errors, message };
    }
    const refused: VisitDraft = { ...sending, status: 'refused', lastError: message };
    keepVisitDraft(refused);
    return { kind: 'refused', draft: refused, message };
  }
}

/** Sends every visit waiting on the phone, one after the other; answers how many went. */
export async function sendQueuedVisits(drafts: readonly VisitDraft[]): Promise<{ sent: number; left: number }> {
  let sent = 0;
  let left = 0;
  for (const draft of drafts) {
    if (draft.status !== 'queued' || !draft.body) continue;
    const outcome = await sendVisitDraft(draft, draft.body);
    if (outcome.kind === 'sent') sent++;
    else left++;
  }
  return { sent, left };
}
