import Taro from '@tarojs/taro';
import type { z } from 'zod';
import type {
  castVoteSchema,
  pollCommentPageSchema,
  pollCommentViewSchema,
  pollDecisionCaseSchema,
  pollDecisionSchema,
  pollDraftSchema,
  pollPageSchema,
  PollPhaseName,
  pollResultsSchema,
  pollSummarySchema,
  pollViewSchema,
  pollVoterPageSchema,
  receiptCheckSchema,
  voteReceiptSchema,
} from '../../shared/api/polls';
import { API_BASE, request } from './http';

/**
 * Consultation polls (议事协商) as the app receives them: the JSON of the shared response schemas
 * (dates as ISO strings; pages format them where they show them). Requests are the schemas' input
 * side, so dates go as ISO strings too.
 */
export type PollSummary = z.input<typeof pollSummarySchema>;
export type PollPage = z.input<typeof pollPageSchema>;
export type PollView = z.input<typeof pollViewSchema>;
export type PollQuestion = PollView['questions'][number];
export type PollResults = z.input<typeof pollResultsSchema>;
export type PollCommentView = z.input<typeof pollCommentViewSchema>;
export type PollCommentPage = z.input<typeof pollCommentPageSchema>;
export type PollVoterPage = z.input<typeof pollVoterPageSchema>;
export type PollDraft = z.input<typeof pollDraftSchema>;
export type PollDecision = z.input<typeof pollDecisionSchema>;
export type PollDecisionCase = z.input<typeof pollDecisionCaseSchema>;
export type Ballot = z.input<typeof castVoteSchema>['choices'];
export type VoteReceipt = z.input<typeof voteReceiptSchema>;
export type ReceiptCheck = z.input<typeof receiptCheckSchema>;
export type { PollPhaseName } from '../../shared/api/polls';

export interface PollListQuery {
  /** `mine`: a resident's polls (their verified homes, no drafts); `manage`: a staff member's scope, drafts included. */
  view: 'mine' | 'manage';
  phase?: PollPhaseName;
  limit?: number;
  cursor?: string;
}

const pollPath = (id: string) => `/api/v1/polls/${encodeURIComponent(id)}`;

// ——— everyone who may see the poll ———

export function listPolls(query: PollListQuery): Promise<PollPage> {
  return request<PollPage>('GET', '/api/v1/polls', undefined, { query: { ...query } });
}

/** A poll, with `me` (may I vote, comment, manage) for a signed-in viewer; without login only when its results are public and it has ended. */
export function getPoll(id: string): Promise<PollView> {
  return request<PollView>('GET', pollPath(id));
}

/** 403 `poll.results_hidden` while they may not be shown. */
export function getPollResults(id: string): Promise<PollResults> {
  return request<PollResults>('GET', `${pollPath(id)}/results`);
}

export function listPollComments(id: string, query: { limit?: number; cursor?: string } = {}): Promise<PollCommentPage> {
  return request<PollCommentPage>('GET', `${pollPath(id)}/comments`, undefined, { query: { ...query } });
}

// ——— residents ———

/**
 * Casts the ballot: for each question id, the option ids chosen. The receipt comes back once and
 * is kept nowhere in the clear: the page must show it now. A ballot cannot be changed afterwards.
 */
export function castVote(id: string, choices: Ballot): Promise<VoteReceipt> {
  return request<VoteReceipt>('POST', `${pollPath(id)}/votes`, { choices });
}

/** A voter checks their own ballot by its receipt: counted or still pending, and the choices. 404 `poll.receipt_unknown`. */
export function checkReceipt(id: string, receipt: string): Promise<ReceiptCheck> {
  return request<ReceiptCheck>('POST', `${pollPath(id)}/receipt`, { receipt });
}

export function postPollComment(id: string, text: string): Promise<PollCommentView> {
  return request<PollCommentView>('POST', `${pollPath(id)}/comments`, { text });
}

// ——— staff who manage the poll ———

export function createPoll(draft: PollDraft): Promise<PollView> {
  return request<PollView>('POST', '/api/v1/polls', draft);
}

/** Drafts only; `version` is the one the page showed (409 `poll.stale` when it moved, `poll.not_draft` once opened). */
export function updatePoll(id: string, version: number, draft: PollDraft): Promise<PollView> {
  return request<PollView>('PUT', pollPath(id), { version, draft });
}

/** Publishes a draft: voting starts at `opensAt` (422 `poll.window_past` when it would already have closed). */
export function openPoll(id: string, version: number): Promise<PollView> {
  return request<PollView>('POST', `${pollPath(id)}/open`, { version });
}

/** Ends voting now. */
export function closePoll(id: string, version: number): Promise<PollView> {
  return request<PollView>('POST', `${pollPath(id)}/close`, { version });
}

export function cancelPoll(id: string, version: number, reason: string): Promise<PollView> {
  return request<PollView>('POST', `${pollPath(id)}/cancel`, { version, reason });
}

/** Who voted (households and, per-resident, names), never what. */
export function listPollVoters(id: string, query: { limit?: number; cursor?: string } = {}): Promise<PollVoterPage> {
  return request<PollVoterPage>('GET', `${pollPath(id)}/voters`, undefined, { query: { ...query } });
}

/** The decision record of an ended poll, once. */
export function recordPollDecision(id: string, decision: PollDecision): Promise<PollView> {
  return request<PollView>('POST', `${pollPath(id)}/decision`, decision);
}

/** Turns the decision into a case filed by the committee at the poll's compound, linked both ways. */
export function fileDecisionCase(id: string, input: PollDecisionCase): Promise<{ caseId: string; number: string }> {
  return request<{ caseId: string; number: string }>('POST', `${pollPath(id)}/decision/case`, input);
}

export function hidePollComment(id: string, commentId: string, reason: string): Promise<PollCommentView> {
  return request<PollCommentView>('POST', `${pollPath(id)}/comments/${encodeURIComponent(commentId)}/hide`, { reason });
}

/** Where the results CSV (UTF-8 with BOM) is served: for `Taro.downloadFile` in the mini-program (it needs the bearer header). */
export function pollResultsCsvUrl(id: string): string {
  return `${API_BASE}${pollPath(id)}/results.csv`;
}

/** The results CSV as text (H5: make a Blob of it to save). Failures throw an ApiError like every request. */
export async function pollResultsCsv(id: string): Promise<string> {
  const res = await Taro.request<string>({ url: pollResultsCsvUrl(id), method: 'GET', dataType: 'text', responseType: 'text', timeout: 15000 });
  return res.data;
}
