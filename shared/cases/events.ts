import { z } from 'zod';
import { unitTypes } from '../domain/places';

/**
 * What may happen to a case, as data. The schemas are the single source of the event types and are
 * reused by the API (request bodies) and the app (form checks before sending).
 */

/** Most photos one step may carry, as in the WeChat image picker. */
export const MAX_PHOTOS = 9;

const reason = z.string().trim().min(2, '原因至少填写2个字').max(500, '原因不超过500字');
const note = z.string().trim().min(1, '说明不能为空').max(2000, '说明不超过2000字');
const photoIds = z.array(z.string().min(1, '照片编号不能为空')).max(MAX_PHOTOS, `照片最多${MAX_PHOTOS}张`);

/** A unit taking part in a case: the lead unit (主办) or a cohandler (协办). Strict: a body's every key is refused or used, never dropped. */
export const unitRefSchema = z.strictObject({
  unitCode: z.string().trim().min(1, '请选择单位'),
  unitType: z.enum(unitTypes, '单位类型无效'),
});
export type UnitRef = z.output<typeof unitRefSchema>;

const assignmentFields = {
  leadUnitCode: z.string().trim().min(1, '请选择主办单位'),
  leadUnitType: z.enum(unitTypes, '单位类型无效'),
  /** Cohandlers (协办单位); none by default. */
  cohandlers: z.array(unitRefSchema).max(10, '协办单位最多10个').default([]),
};

const event = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), ...shape });

/** The public summary (公开摘要): reviewed words shown to everyone; personal data is masked on display anyway. */
const publicSummary = z.string().trim().min(5, '公开摘要至少5个字').max(300, '公开摘要不超过300字');

/** One schema per event type; the body of an API request is the schema without `type`. */
export const caseEventSchemas = {
  accept: event('accept', {
    note: note.optional(),
    /** Optionally publish at once what the public may see. */
    publicSummary: publicSummary.optional(),
    /** Photos of the case the public may see; only with `publicSummary`. */
    publicPhotos: photoIds.optional(),
  }),
  reject: event('reject', { reason }),
  dispatch: event('dispatch', { ...assignmentFields, note: note.optional() }),
  claim: event('claim', { note: note.optional() }),
  return: event('return', { reason }),
  reassign: event('reassign', { ...assignmentFields, reason }),
  escalate: event('escalate', { reason }),
  progress: event('progress', { note, photos: photoIds.default([]) }),
  resolve: event('resolve', { note, photos: photoIds.default([]) }),
  send_back: event('send_back', { reason }),
  verify: event('verify', { note: note.optional() }),
  close: event('close', { note: note.optional() }),
  suspend: event('suspend', {
    reason,
    /** End of the suspension; at most {@link MAX_SUSPENSION_DAYS} ahead. */
    until: z.coerce.date('挂起截止时间无效'),
  }),
  resume: event('resume', { note: note.optional() }),
  reopen: event('reopen', {
    reason,
    /** A hotline centre's new deadline on 发回重办: only the hotline's intake (a system actor) sends one. */
    deadline: z.coerce.date('重办时限无效').optional(),
  }),
  /** A hotline centre granted our 延期 request: its new date replaces the one the case was held to. Only the hotline's intake (a system actor) sends it. */
  extend: event('extend', { reason, deadline: z.coerce.date('延期时限无效') }),
  merge: event('merge', { intoCaseId: z.string().trim().min(1, '请选择要合并到的案件') }),
  rate: event('rate', {
    resolved: z.enum(['yes', 'partly', 'no'], '请选择问题是否解决'),
    satisfaction: z.number().int('满意度须为1到5的整数').min(1, '满意度须为1到5的整数').max(5, '满意度须为1到5的整数'),
    comment: z.string().trim().max(500, '评价不超过500字').optional(),
  }),
  urge: event('urge', { note: note.optional() }),
  supervise: event('supervise', { note: note.optional() }),
  publish_summary: event('publish_summary', { summary: publicSummary, photos: photoIds.default([]) }),
  warn: event('warn', {}),
  overdue: event('overdue', {}),
  auto_escalate: event('auto_escalate', {}),
  case_warn: event('case_warn', {}),
  case_overdue: event('case_overdue', {}),
  case_escalate: event('case_escalate', {}),
} as const;

export type CaseEventType = keyof typeof caseEventSchemas;
export const caseEventTypes = Object.keys(caseEventSchemas) as CaseEventType[];

export const caseEventSchema = z.discriminatedUnion('type', [
  caseEventSchemas.accept,
  caseEventSchemas.reject,
  caseEventSchemas.dispatch,
  caseEventSchemas.claim,
  caseEventSchemas.return,
  caseEventSchemas.reassign,
  caseEventSchemas.escalate,
  caseEventSchemas.progress,
  caseEventSchemas.resolve,
  caseEventSchemas.send_back,
  caseEventSchemas.verify,
  caseEventSchemas.close,
  caseEventSchemas.suspend,
  caseEventSchemas.resume,
  caseEventSchemas.reopen,
  caseEventSchemas.extend,
  caseEventSchemas.merge,
  caseEventSchemas.rate,
  caseEventSchemas.urge,
  caseEventSchemas.supervise,
  caseEventSchemas.warn,
  caseEventSchemas.overdue,
  caseEventSchemas.auto_escalate,
  caseEventSchemas.publish_summary,
  caseEventSchemas.case_warn,
  caseEventSchemas.case_overdue,
  caseEventSchemas.case_escalate,
]);

/** An event as the machine receives it (after parsing: trimmed, defaults filled, dates coerced). */
export type CaseEvent = z.output<typeof caseEventSchema>;
/** An event as a client may send it (defaults omitted, dates as ISO strings). */
export type CaseEventInput = z.input<typeof caseEventSchema>;
export type CaseEventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;

/**
 * The body of each event as a client sends it (`POST /cases/:id/events/:type`): the event's
 * schema without `type` (it is in the path), strict so that unknown keys are refused rather than
 * silently dropped. The one schema an event's body is parsed with, once (see `decideEvent`).
 */
export const caseEventBodySchemas = Object.fromEntries(
  Object.entries(caseEventSchemas).map(([type, schema]) => [type, z.strictObject(schema.shape).omit({ type: true })]),
) as unknown as Record<CaseEventType, z.ZodType<Record<string, unknown>>>;

/** Chinese names of the events, as the timeline and the buttons show them. */
export const caseEventLabels: Record<CaseEventType, string> = {
  accept: '受理',
  reject: '不予受理',
  dispatch: '派单',
  claim: '接单',
  return: '退单',
  reassign: '转派',
  escalate: '上报区中心',
  progress: '处置进展',
  resolve: '回单',
  send_back: '审核退回',
  verify: '审核通过',
  close: '结案',
  suspend: '挂起',
  resume: '恢复办理',
  reopen: '申请重办',
  extend: '热线同意延期',
  merge: '合并',
  rate: '评价',
  urge: '催办',
  supervise: '督办',
  warn: '临期预警',
  overdue: '超时催办',
  auto_escalate: '超时升级',
  publish_summary: '公开摘要',
  case_warn: '办结临期预警',
  case_overdue: '办结超时催办',
  case_escalate: '办结超时升级',
};

/** Events only the platform's clock check sends; submitted through the API they are refused. */
export const systemCaseEventTypes = ['warn', 'overdue', 'auto_escalate', 'case_warn', 'case_overdue', 'case_escalate'] as const satisfies readonly CaseEventType[];
