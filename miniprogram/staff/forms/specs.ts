import { caseEventBodySchemas, caseEventLabels, MAX_PHOTOS, type CaseEventType } from '../../../shared/cases/events';
import { MAX_SUSPENSION_DAYS } from '../../../shared/cases/rules';
import type { UnitType } from '../../../shared/domain/places';

/**
 * One form per staff event, as data: which fields, in which NutUI control, with which labels. The
 * page renders any spec the same way; the body is checked with the very schema the server parses
 * it with (`caseEventBodySchemas`), so a message under a field reads the same before and after
 * sending.
 */
export type FieldKind = 'text' | 'line' | 'photos' | 'units' | 'date';

export interface FieldSpec {
  key: string;
  kind: FieldKind;
  label: string;
  placeholder?: string;
  required: boolean;
  /** The body keys this field fills (a unit picker fills three); errors on them show under it. */
  bodyKeys: string[];
  maxLength?: number;
}

export interface FormSpec {
  type: CaseEventType;
  title: string;
  /** A line above the form: what the step does. */
  hint?: string;
  submitLabel: string;
  fields: FieldSpec[];
}

export interface UnitChoice {
  code: string;
  name: string;
  type: UnitType;
}

export interface Assignment {
  lead: UnitChoice | null;
  cohandlers: UnitChoice[];
}

export type FormValues = Record<string, string | string[] | Assignment | Date | null | undefined>;

const text = (key: string, label: string, required: boolean, placeholder: string, maxLength = 500): FieldSpec => ({
  key,
  kind: 'text',
  label,
  required,
  placeholder,
  bodyKeys: [key],
  maxLength,
});
const reason = (placeholder: string) => text('reason', '原因', true, placeholder);
const note = (required: boolean, placeholder = '填写办理说明') => text('note', '说明', required, placeholder, 2000);
const photos = (key = 'photos', label = '照片'): FieldSpec => ({ key, kind: 'photos', label, required: false, bodyKeys: [key] });
const units: FieldSpec = {
  key: 'assignment',
  kind: 'units',
  label: '承办单位',
  required: true,
  bodyKeys: ['leadUnitCode', 'leadUnitType', 'cohandlers'],
};

const specs: Partial<Record<CaseEventType, Omit<FormSpec, 'type' | 'title' | 'submitLabel'>>> = {
  accept: {
    hint: '受理后进入派单；可同时发布公开摘要，让其他居民看到处理情况。',
    fields: [note(false, '受理说明（选填）'), text('publicSummary', '公开摘要', false, '选填，5–300字，公开页面可见', 300)],
  },
  reject: { hint: '不予受理会告知上报人原因。', fields: [reason('说明不予受理的原因，上报人可见')] },
  dispatch: { hint: '已按服务清单预选承办单位，可调整。', fields: [units, note(false, '派单说明（选填）')] },
  reassign: { hint: '转派不重新计算办结时限。', fields: [units, reason('说明转派原因')] },
  claim: { hint: '接单后开始处置计时。', fields: [note(false, '接单说明（选填）')] },
  return: { hint: '退单回到派单环节，由中心重新派单。', fields: [reason('说明退单原因，如不属于本单位职责')] },
  escalate: { hint: '上报区中心协调处理。', fields: [reason('说明需要区中心协调的原因')] },
  progress: { fields: [note(true, '现场处置进展'), photos()] },
  resolve: { hint: '回单后由中心审核，再请上报人评价。', fields: [note(true, '处置结果，居民可见'), photos('photos', '处置后照片')] },
  send_back: { hint: '退回承办单位继续处置。', fields: [reason('说明退回原因')] },
  verify: { fields: [note(false, '审核意见（选填）')] },
  close: { fields: [note(false, '结案说明（选填）')] },
  suspend: {
    hint: `挂起期间不计时，最长${MAX_SUSPENSION_DAYS}天。`,
    fields: [reason('说明挂起原因'), { key: 'until', kind: 'date', label: '挂起至', required: true, bodyKeys: ['until'] }],
  },
  resume: { fields: [note(false, '恢复说明（选填）')] },
  merge: {
    hint: '重复上报的案件合并到已有案件，上报人将看到合并去向。',
    fields: [{ key: 'intoCaseId', kind: 'line', label: '合并到案件', required: true, placeholder: '目标案件ID', bodyKeys: ['intoCaseId'] }],
  },
  supervise: { hint: '督办会提醒承办单位优先处理。', fields: [note(false, '督办要求（选填）')] },
  urge: { fields: [note(false, '催办说明（选填）')] },
  publish_summary: {
    hint: '公开摘要对所有人可见，请勿包含个人信息。',
    fields: [text('summary', '公开摘要', true, '5–300字', 300), photos('photos', '公开照片')],
  },
};

export function formSpec(type: CaseEventType): FormSpec | undefined {
  const spec = specs[type];
  if (!spec) return undefined;
  return { type, title: caseEventLabels[type], submitLabel: `确认${caseEventLabels[type]}`, ...spec };
}

/** The request body the values make: empty optional text left out, units spelled as the API takes them. */
export function buildBody(spec: FormSpec, values: FormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of spec.fields) {
    const value = values[field.key];
    if (field.kind === 'units') {
      const assignment = (value as Assignment | undefined) ?? { lead: null, cohandlers: [] };
      body.leadUnitCode = assignment.lead?.code ?? '';
      body.leadUnitType = assignment.lead?.type;
      body.cohandlers = assignment.cohandlers.map((unit) => ({ unitCode: unit.code, unitType: unit.type }));
    } else if (field.kind === 'photos') {
      const ids = (value as string[] | undefined) ?? [];
      if (ids.length > 0 || field.required) body[field.key] = ids;
    } else if (field.kind === 'date') {
      if (value instanceof Date) body[field.key] = value.toISOString();
      else if (field.required) body[field.key] = '';
    } else {
      const typed = typeof value === 'string' ? value : '';
      if (typed.trim() !== '' || field.required) body[field.key] = typed;
    }
  }
  return body;
}

export type FieldErrors = Record<string, string>;

/** Maps body paths (`cohandlers.0.unitCode`, `until`) to the form field that shows them; the first message wins. */
export function fieldErrorsFor(spec: FormSpec, byPath: Record<string, readonly string[]>): FieldErrors {
  const errors: FieldErrors = {};
  for (const [path, messages] of Object.entries(byPath)) {
    const top = path.split('.')[0];
    const field = spec.fields.find((candidate) => candidate.bodyKeys.includes(top));
    const key = field?.key ?? '(form)';
    if (!errors[key] && messages[0]) errors[key] = messages[0];
  }
  return errors;
}

export type Checked = { ok: true; body: Record<string, unknown> } | { ok: false; errors: FieldErrors };

/** Checks the values with the event's shared schema (and the suspension's upper bound, which the schema leaves to the machine). */
export function checkForm(spec: FormSpec, values: FormValues, now: Date = new Date()): Checked {
  const body = buildBody(spec, values);
  const parsed = caseEventBodySchemas[spec.type].safeParse(body);
  const byPath: Record<string, string[]> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key].join('.')) : [issue.path.join('.') || '(form)'];
      for (const key of keys) (byPath[key] ??= []).push(issue.message);
    }
  }
  if (spec.type === 'suspend' && values.until instanceof Date && !suspensionInRange(values.until, now)) {
    (byPath.until ??= []).push(`挂起截止时间须晚于当前时间，且不超过${MAX_SUSPENSION_DAYS}天`);
  }
  if (Object.keys(byPath).length > 0) return { ok: false, errors: fieldErrorsFor(spec, byPath) };
  return { ok: true, body };
}

export function suspensionInRange(until: Date, now: Date): boolean {
  const ahead = until.getTime() - now.getTime();
  return ahead > 0 && ahead <= MAX_SUSPENSION_DAYS * 86_400_000;
}

/** The latest a suspension may run to, for the date picker's end. */
export function latestSuspension(now: Date): Date {
  return new Date(now.getTime() + MAX_SUSPENSION_DAYS * 86_400_000);
}

/** The field errors an API refusal carries (`details.fields`), shown under their fields. */
export function apiFieldErrors(spec: FormSpec, error: unknown): FieldErrors {
  const fields = (error as { details?: { fields?: unknown } } | null)?.details?.fields;
  if (typeof fields !== 'object' || fields === null) return {};
  const byPath: Record<string, string[]> = {};
  for (const [path, messages] of Object.entries(fields as Record<string, unknown>)) {
    if (Array.isArray(messages)) byPath[path] = messages.filter((m): m is string => typeof m === 'string');
  }
  return fieldErrorsFor(spec, byPath);
}

export { MAX_PHOTOS };
