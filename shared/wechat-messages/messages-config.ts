import { z } from 'zod';
import { subscribeFieldTypeOf } from './fields';

/**
 * Which WeChat message each case step sends, to whom, through which template, with which values
 * in which fields. A typed default is below; a deployment replaces it whole with a JSON file named
 * by `WECHAT_MESSAGES_FILE` (parsed with this schema once, at start-up, in server/config.ts),
 * since template ids are issued per mini-program and per service account.
 */

/** Where a field's value comes from: a fact of the step, or fixed text. */
export const fieldSources = ['caseNumber', 'caseTitle', 'status', 'tip', 'time', 'text'] as const;
export type FieldSource = (typeof fieldSources)[number] | { text: string };

const fieldSourceSchema = z.union([z.enum(fieldSources), z.strictObject({ text: z.string().min(1) })]);
const templateIdSchema = z.string().trim().min(1).max(128);

/** A mini-program subscribe template: one-time (one consent, one message) or long-term (on until turned off). */
const subscribeTemplateSchema = z.strictObject({
  kind: z.enum(['one_time', 'long_term']),
  /** Its title in the WeChat console, for people reading the config and the dev page. */
  title: z.string().min(1),
});

const subscribeUseSchema = z.strictObject({
  templateId: templateIdSchema,
  /** Field key (`thing2`, whose prefix is its WeChat type) → source. */
  fields: z.record(z.string(), fieldSourceSchema),
});

const serviceUseSchema = z.strictObject({
  templateId: templateIdSchema,
  /** `first`, `keyword1`…, `remark` → source; each line is cut to WeChat's 20 characters. */
  fields: z.record(z.string().regex(/^(first|keyword\d+|remark)$/, '服务号模板字段须为 first、keywordN 或 remark'), fieldSourceSchema),
});

/** What one kind of recipient gets for one step. */
const eventMessageSchema = z.strictObject({
  /** 1 is the most important: it may spend the consents kept back (see `reserve`). */
  priority: z.number().int().min(1).max(9),
  /** The step in at most five Chinese characters (WeChat's `phrase`): 已受理. */
  status: z.string().min(1),
  /** One line for the reader: what happens next or what to do. */
  tip: z.string().min(1),
  subscribe: subscribeUseSchema.optional(),
  service: serviceUseSchema.optional(),
});
export type EventMessage = z.output<typeof eventMessageSchema>;

export const wechatMessagesConfigSchema = z
  .strictObject({
    subscribeTemplates: z.record(templateIdSchema, subscribeTemplateSchema),
    /**
     * The last `keep` one-time consents of a template are spent only on events of priority at most
     * `forPriorityAtMost`: a resident with one consent left hears that the work is done rather
     * than that it was dispatched.
     */
    reserve: z.strictObject({ keep: z.number().int().min(0).max(10), forPriorityAtMost: z.number().int().min(1).max(9) }),
    /** The mini-program page a message opens; `{caseId}` is replaced. */
    casePage: z.string().min(1),
    /** The page a poll's notice opens; `{pollId}` is replaced. A config written before polls gets the app's poll page. */
    pollPage: z.string().min(1).default('community/poll/index?id={pollId}'),
    /**
     * Notify template (`case.accept`, or a poll's notice `poll.opened`) → what residents and what
     * staff get. For a poll's notice the facts `caseNumber` and `caseTitle` are the poll's id and title.
     */
    events: z.record(
      z.string().regex(/^(case|poll)\.[a-z_]+$/, '事件名须形如 case.accept 或 poll.opened'),
      z.strictObject({ resident: eventMessageSchema.optional(), staff: eventMessageSchema.optional() }),
    ),
  })
  .superRefine((config, ctx) => {
    for (const [event, audiences] of Object.entries(config.events)) {
      for (const [audience, message] of Object.entries(audiences)) {
        const use = message?.subscribe;
        if (!use) continue;
        const path = ['events', event, audience, 'subscribe'];
        if (!config.subscribeTemplates[use.templateId]) ctx.addIssue({ code: 'custom', path: [...path, 'templateId'], message: `订阅模板 ${use.templateId} 未在 subscribeTemplates 中声明` });
        for (const key of Object.keys(use.fields)) {
          if (!subscribeFieldTypeOf(key)) ctx.addIssue({ code: 'custom', path: [...path, 'fields', key], message: `不是微信订阅消息的字段类型（应形如 thing1、phrase2、time3）` });
        }
      }
    }
  });
export type WeChatMessagesConfig = z.output<typeof wechatMessagesConfigSchema>;

// ---- the default: ids of the fake WeChat server; a deployment names its own ---------------------

const progressFields = { character_string1: 'caseNumber', thing2: 'caseTitle', phrase3: 'status', time4: 'time', thing5: 'tip' } as const;
const workOrderFields = { character_string1: 'caseNumber', thing2: 'caseTitle', phrase3: 'status', time4: 'time' } as const;
const serviceFields = { first: 'tip', keyword1: 'caseNumber', keyword2: 'caseTitle', keyword3: 'status', keyword4: 'time' } as const;

const toResident = (priority: number, status: string, tip: string, templateId = 'tmpl-case-progress'): EventMessage => ({
  priority,
  status,
  tip,
  subscribe: { templateId, fields: templateId === 'tmpl-case-rate' ? { character_string1: 'caseNumber', thing2: 'caseTitle', thing3: 'tip' } : progressFields },
  service: { templateId: 'svc-case-progress', fields: serviceFields },
});
const toStaff = (priority: number, status: string, tip: string): EventMessage => ({
  priority,
  status,
  tip,
  subscribe: { templateId: 'tmpl-work-order', fields: workOrderFields },
  service: { templateId: 'svc-work-order', fields: serviceFields },
});

const pollFields = { thing1: 'caseTitle', phrase2: 'status', time3: 'time', thing4: 'tip' } as const;

/** A poll's notice to the residents who may vote: a one-time subscribe template, or the service account. */
const toVoter = (status: string, tip: string, templateId: 'tmpl-poll-open' | 'tmpl-poll-result'): EventMessage => ({
  // Each poll template carries only poll notices: none is more important than another to keep a consent for.
  priority: 1,
  status,
  tip,
  subscribe: { templateId, fields: pollFields },
  service: { templateId: 'svc-poll-notice', fields: { first: 'tip', keyword1: 'caseTitle', keyword2: 'status', keyword3: 'time' } },
});

/**
 * Residents hear of the steps that matter to them (accepted, dispatched, done, closed with a
 * request to rate, not accepted, reopened); staff of new work (assignment, reassignment, reopening),
 * 催办 (by hand or by the clock) and escalation. Residents' templates are one-time (a consent per
 * message, asked when filing, following and rating); the staff template is long-term (open to the
 * 政务民生 category a district platform is in). Residents who may vote on a poll hear that it
 * opened, that its results are out, or that it was cancelled.
 */
export const defaultWeChatMessagesConfig: WeChatMessagesConfig = {
  subscribeTemplates: {
    'tmpl-case-progress': { kind: 'one_time', title: '案件进度通知' },
    'tmpl-case-rate': { kind: 'one_time', title: '服务评价提醒' },
    'tmpl-work-order': { kind: 'long_term', title: '工单待办提醒' },
    'tmpl-poll-open': { kind: 'one_time', title: '议事投票开始提醒' },
    'tmpl-poll-result': { kind: 'one_time', title: '议事结果通知' },
  },
  reserve: { keep: 1, forPriorityAtMost: 1 },
  casePage: 'pages/case/index?id={caseId}',
  pollPage: 'community/poll/index?id={pollId}',
  events: {
    'case.accept': { resident: toResident(3, '已受理', '您反映的问题已受理，将尽快派单处置') },
    'case.reject': { resident: toResident(2, '不予受理', '您反映的问题未予受理，详情请查看') },
    'case.dispatch': {
      resident: toResident(3, '已派单', '已派至责任单位处置'),
      staff: toStaff(1, '新工单', '有新派发的案件，请及时接单'),
    },
    'case.reassign': { staff: toStaff(1, '新工单', '有转派来的案件，请及时接单') },
    'case.resolve': { resident: toResident(1, '已办理', '责任单位已办理完毕，待审核结案') },
    'case.close': { resident: toResident(1, '待评价', '案件已办结，请对办理结果进行评价', 'tmpl-case-rate') },
    'case.reopen': {
      resident: toResident(2, '已重办', '案件已重新办理'),
      staff: toStaff(1, '重办', '案件被申请重办，请重新处置'),
    },
    'case.urge': { staff: toStaff(2, '催办', '案件被催办，请尽快处置') },
    'case.overdue': { staff: toStaff(1, '已超时', '案件已超过办理时限，请尽快处置') },
    'case.case_overdue': { staff: toStaff(1, '已超时', '案件已超过办结时限，请尽快处置') },
    'case.escalate': { staff: toStaff(1, '已升级', '案件已上报区中心督办') },
    'case.auto_escalate': { staff: toStaff(1, '已升级', '案件超时已升级至区中心') },
    'case.case_escalate': { staff: toStaff(1, '已升级', '案件办结超时已升级至区中心') },
    'poll.opened': { resident: toVoter('投票开始', '议事投票已发布，请在截止前参与投票', 'tmpl-poll-open') },
    'poll.results': { resident: toVoter('结果公布', '议事投票已结束，结果已公布', 'tmpl-poll-result') },
    'poll.cancelled': { resident: toVoter('已取消', '议事投票已取消，详情请查看', 'tmpl-poll-result') },
  },
};
