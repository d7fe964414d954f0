import { z } from 'zod';

/** Where a job stands: waiting or running (`pending`), handled (`done`), or parked after its last retry (`failed`). */
export const jobStatuses = ['pending', 'done', 'failed'] as const;

export const jobStatusLabels: Record<(typeof jobStatuses)[number], string> = {
  pending: '待处理',
  done: '已完成',
  failed: '已失败（待人工重试）',
};

/** `GET /api/v1/admin/jobs`: one status at a time, newest change first, keyset-paged. */
export const listJobsSchema = z.strictObject({
  status: z.enum(jobStatuses, '任务状态须为 pending、done 或 failed').default('failed'),
  limit: z.coerce.number('每页条数须为数字').int('每页条数须为整数').min(1, '每页至少1条').max(100, '每页最多100条').default(50),
  cursor: z.string().min(1, '翻页标记无效').max(200, '翻页标记无效').regex(/^[A-Za-z0-9_-]+$/, '翻页标记无效').optional(),
});

const effectKey = String.raw`(?:[A-Za-z0-9_-]+:\d+:\d+|poll:[A-Za-z0-9_-]+:(?:opened|results|cancelled))`;

/** A call to a hotline centre: `hotline:<channel>:<order number>:<action>[:<n>]` (server/commands/hotline). */
const hotlineCallKey = String.raw`hotline:(?:12345|12319):[A-Za-z0-9-]{4,40}:(?:sign|return|extension|reply)(?::\d+)?`;

/**
 * A job id is the outbox entry's key, `caseId:version:index`, a poll notice's, `poll:pollId:kind`,
 * a WeChat message's, `wechat:<either>:accountId`, or a hotline call's.
 */
export const jobIdParamSchema = z.strictObject({
  id: z.string().max(120, '任务编号无效').regex(new RegExp(`^(?:${effectKey}|wechat:${effectKey}:[A-Za-z0-9_-]+|${hotlineCallKey})$`), '任务编号无效'),
});

/** One job as the admin API shows it. */
export const jobViewSchema = z.object({
  id: z.string(),
  kind: z.string(),
  caseId: z.string(),
  caseNumber: z.string(),
  status: z.enum(jobStatuses),
  statusLabel: z.string(),
  attempts: z.number().int(),
  dueAt: z.string(),
  lastError: z.string().optional(),
  createdAt: z.string(),
  statusAt: z.string(),
  doneAt: z.string().optional(),
  retriedBy: z.string().optional(),
});
export type JobView = z.infer<typeof jobViewSchema>;

export const jobPageSchema = z.object({ items: z.array(jobViewSchema), nextCursor: z.string().nullable() });
