import { z } from 'zod';
import { dateTime, pageOf } from './common';

/**
 * The in-app inbox (站内消息): what each resident and each organisation's staff were told about a
 * case step or a consultation poll (opened, results out, cancelled), kept after the case closes,
 * with read state per account.
 */

/** `GET /api/v1/messages`: newest first, keyset-paged, optionally only the unread ones. */
export const listMessagesQuerySchema = z.strictObject({
  unread: z.enum(['true', 'false'], 'unread 须为 true 或 false').default('false').transform((value) => value === 'true'),
  limit: z.coerce.number('每页条数须为数字').int('每页条数须为整数').min(1, '每页至少1条').max(50, '每页最多50条').default(20),
  cursor: z.string().min(1, '翻页标记无效').max(200, '翻页标记无效').regex(/^[A-Za-z0-9_-]+$/, '翻页标记无效').optional(),
});
export type ListMessagesQuery = z.output<typeof listMessagesQuerySchema>;

/** The `:id` of a message route. */
export const messageIdParamSchema = z.strictObject({ id: z.string().regex(/^[0-9a-f]{24}$/, '消息编号格式不正确') });

/** What a message tells of, and so which page it opens: a case, or a poll. */
export const messageSubjectSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('case'), id: z.string(), number: z.string() }),
  z.strictObject({ kind: z.literal('poll'), id: z.string(), title: z.string() }),
  /** A visit reminder: opens the visit worklist (the message names no person). */
  z.strictObject({ kind: z.literal('visits') }),
]);
export type MessageSubject = z.output<typeof messageSubjectSchema>;

/** One message as its reader sees it. */
export const messageViewSchema = z.strictObject({
  id: z.string(),
  /** A case message's case (every case message has it, as before polls sent messages); absent on a poll's. */
  caseId: z.string().optional(),
  /** The case number printed on notices (案件编号); with `caseId`. */
  caseNumber: z.string().optional(),
  subject: messageSubjectSchema,
  /** The step it tells of: `case.accept`, `case.dispatch`, …, or a poll's `poll.opened`, `poll.results`, `poll.cancelled`. */
  template: z.string(),
  text: z.string(),
  at: dateTime,
  /** Whether this account has read it (a shared organisation message is read per account). */
  read: z.boolean(),
  /** `mine` for the account's own messages, `organisation` for its unit's or centre's shared inbox. */
  inbox: z.enum(['mine', 'organisation']),
});
export type MessageView = z.output<typeof messageViewSchema>;

export const messagePageSchema = pageOf(messageViewSchema);

export const unreadCountSchema = z.strictObject({ unread: z.number().int().min(0) });

/** `POST /api/v1/messages/:id/read`: the message is read now, for this account. */
export const readResultSchema = z.strictObject({ id: z.string(), read: z.literal(true) });

export const readAllResultSchema = z.strictObject({
  /** Messages newly marked read. */
  marked: z.number().int().min(0),
});
