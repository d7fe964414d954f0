import { z } from 'zod';
import type { CaseSummary, CaseView } from './cases';

/**
 * The live channel (`GET /api/v1/live`, a WebSocket): what a client may send and what it gets.
 * Notifications are hints; the database is the source. Every delivery carries the case's
 * timeline sequence number, and a client that reconnects sends the last one it saw per
 * subscription (`after`), so it receives what it missed from the stored timeline, in order,
 * nothing twice.
 */
export const livePath = '/api/v1/live';

const subscriptionId = z.string().regex(/^[A-Za-z0-9_.:-]{1,40}$/, '订阅标识须为 1–40 位字母、数字或 _.:-');
const caseId = z.string().regex(/^[A-Za-z0-9_-]{8,40}$/, '案件编号格式不正确');
const seq = z.number().int().min(0).max(1_000_000);

/** Up to this many cases a client can say it holds in one list subscription. */
export const maxCursorsPerSubscription = 500;

/** Last sequence number seen per case, for the list subscriptions ("mine", a staff inbox). */
const cursors = z
  .record(caseId, seq)
  .refine((value) => Object.keys(value).length <= maxCursorsPerSubscription, `最多携带 ${maxCursorsPerSubscription} 个案件的进度`);

const subscribeSchema = z.discriminatedUnion('topic', [
  /** One case's timeline, as the REST view would show it to this account. */
  z.strictObject({ type: z.literal('subscribe'), id: subscriptionId, topic: z.literal('case'), caseId, after: seq.optional() }),
  /** The cases I filed or follow. */
  z.strictObject({ type: z.literal('subscribe'), id: subscriptionId, topic: z.literal('mine'), after: cursors.optional() }),
  /** Staff: my inbox, the cases in my role's scope (the list `view=inbox` shows). */
  z.strictObject({ type: z.literal('subscribe'), id: subscriptionId, topic: z.literal('inbox'), after: cursors.optional() }),
  /** My in-app messages (mine and my organisation's): the unread count now and whenever it grows. */
  z.strictObject({ type: z.literal('subscribe'), id: subscriptionId, topic: z.literal('messages') }),
]);

export const liveClientMessageSchema = z.discriminatedUnion('type', [
  /** Signs the connection in (the same access token as the API); without it only public case views. */
  z.strictObject({ type: z.literal('auth'), token: z.string().min(1).max(4096) }),
  subscribeSchema,
  z.strictObject({ type: z.literal('unsubscribe'), id: subscriptionId }),
  /** A client-side heartbeat (the mini-program's socket cannot send protocol pings). */
  z.strictObject({ type: z.literal('ping') }),
]);
export type LiveClientMessage = z.infer<typeof liveClientMessageSchema>;

export type TimelineEntryView = CaseView['timeline'][number];

export type LiveServerMessage =
  | { type: 'ready'; accountId: string | null; role: string | null }
  | { type: 'subscribed'; id: string; topic: 'case' | 'mine' | 'inbox' | 'messages' }
  /** Unread in-app messages (GET /api/v1/messages lists them); sent at subscribe and when new ones land. */
  | { type: 'messages.unread'; id: string; unread: number }
  | { type: 'unsubscribed'; id: string }
  /** New steps of one case (seq > what this subscription already has), with the case's state after them. */
  | {
      type: 'case.entries';
      id: string;
      caseId: string;
      view: CaseView['view'];
      status: CaseView['status'];
      statusLabel: string;
      version: number;
      entries: TimelineEntryView[];
    }
  /** A case of a list subscription changed (or is in it at subscribe time); `seq` is its last step. */
  | { type: 'case.summary'; id: string; caseId: string; seq: number; summary: CaseSummary }
  /** A case this inbox held has left its scope (reassigned, closed out of the open group…). */
  | { type: 'case.left'; id: string; caseId: string; seq: number }
  | { type: 'pong' }
  | { type: 'error'; id?: string; code: string; message: string; fields?: Record<string, string[]> };

/** Close codes beyond the standard ones: the app tells "sign in again" from "retry later". */
export const liveCloseCodes = {
  /** The token is bad, expired or revoked, or the account was disabled: sign in again. */
  unauthenticated: 4401,
  /** Too many connections for this account (or this address, anonymous): close another tab. */
  tooManyConnections: 4409,
  /** Silent too long: no subscription, or heartbeats unanswered. Reconnect when needed. */
  idle: 4408,
  /** The client did not read its messages fast enough; reconnect and catch up with `after`. */
  tooSlow: 4429,
  /** The server is stopping; reconnect (another process, or this one after restart). */
  goingAway: 1001,
} as const;
