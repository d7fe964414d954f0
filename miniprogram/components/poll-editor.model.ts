import type { z } from 'zod';
import { draftProblems, pollDraftSchema } from '../../shared/api/polls';

/**
 * The poll editor's form, pure: what the committee types (text as typed, percentages as people
 * say them), the request body the API takes, the same checks the server makes (the shared schema),
 * and the server's field errors (`questions.0.options.1.text`) put back beside their fields.
 */

/** The JSON `POST /polls` and `PUT /polls/:id` take as `draft`. */
export type PollDraftBody = z.input<typeof pollDraftSchema>;

export interface OptionForm {
  /** Local identity in the list, so React keeps an input's text when a row above is removed. */
  key: string;
  text: string;
}

export interface QuestionForm {
  key: string;
  text: string;
  kind: 'single' | 'multiple';
  /** Multiple choice only; '' lets every option be chosen. */
  maxChoices: string;
  options: OptionForm[];
}

export type ScopeKind = 'compound' | 'buildings' | 'grid';

/** 过半数 (more than half) and 三分之二以上 (two thirds or more): the rules committees use most. */
export const passPresets = {
  majority: { label: '过半数', threshold: 0.5, rule: 'more_than' },
  two_thirds: { label: '三分之二以上', threshold: 2 / 3, rule: 'at_least' },
} as const;
export type PassPreset = keyof typeof passPresets | 'custom';

export interface PollForm {
  title: string;
  background: string;
  scope: { kind: ScopeKind; compoundCode: string; buildingCodes: string[]; gridCode: string };
  questions: QuestionForm[];
  votesPer: 'resident' | 'household';
  opensAt: Date | null;
  closesAt: Date | null;
  resultsVisibility: 'live' | 'after_close';
  publicResults: boolean;
  /** Least turnout in percent as typed; '' means no quorum. */
  quorumPercent: string;
  pass: {
    enabled: boolean;
    /** Index of the option of question 1 that decides the poll. */
    optionIndex: number;
    preset: PassPreset;
    /** For `custom`: the share in percent as typed, and whether reaching it is enough (以上) or it must be exceeded (超过). */
    customPercent: string;
    customRule: 'at_least' | 'more_than';
  };
}

/** Where an error shows: a path of the draft (`questions.0.options.1.text`), or `form` for the banner. */
export type FormErrors = Record<string, string>;

let keys = 0;
export const newKey = (prefix: string) => `${prefix}-${(keys++).toString(36)}`;

export const newOption = (text = ''): OptionForm => ({ key: newKey('o'), text });
export const newQuestion = (texts: string[] = ['', '']): QuestionForm => ({ key: newKey('q'), text: '', kind: 'single', maxChoices: '', options: texts.map(newOption) });

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * A new poll: one single-choice question (同意/不同意/弃权), voting for seven days from now, so
 * that publishing opens it at once (a later start is picked in the editor).
 */
export function emptyPollForm(now: Date, scope: Partial<PollForm['scope']> = {}): PollForm {
  const opensAt = new Date(Math.floor(now.getTime() / MINUTE) * MINUTE);
  return {
    title: '',
    background: '',
    scope: { kind: 'compound', compoundCode: '', buildingCodes: [], gridCode: '', ...scope },
    questions: [newQuestion(['同意', '不同意', '弃权'])],
    votesPer: 'household',
    opensAt,
    closesAt: new Date(opensAt.getTime() + 7 * 24 * HOUR),
    resultsVisibility: 'after_close',
    publicResults: false,
    quorumPercent: '',
    pass: { enabled: false, optionIndex: 0, preset: 'majority', customPercent: '', customRule: 'more_than' },
  };
}

/** The form of a draft the API sent back (to edit it again). */
export function formOfPoll(poll: {
  title: string;
  background: string;
  scope: PollDraftBody['scope'];
  questions: { text: string; kind: 'single' | 'multiple'; maxChoices: number; options: { id: string; text: string }[] }[];
  votesPer: 'resident' | 'household';
  opensAt: string | Date;
  closesAt: string | Date;
  resultsVisibility: 'live' | 'after_close';
  publicResults: boolean;
  quorum: number | null;
  pass: { optionId: string; threshold: number; rule: 'at_least' | 'more_than' } | null;
}): PollForm {
  const scope = poll.scope;
  const preset = poll.pass ? (Object.entries(passPresets).find(([, candidate]) => sameShare(candidate.threshold, poll.pass!.threshold) && candidate.rule === poll.pass!.rule)?.[0] as PassPreset | undefined) : undefined;
  const optionIndex = poll.pass ? Math.max(0, poll.questions[0]?.options.findIndex((option) => option.id === poll.pass!.optionId) ?? 0) : 0;
  return {
    title: poll.title,
    background: poll.background,
    scope: {
      kind: scope.kind,
      compoundCode: scope.kind === 'grid' ? '' : scope.compoundCode,
      buildingCodes: scope.kind === 'buildings' ? [...scope.buildingCodes] : [],
      gridCode: scope.kind === 'grid' ? scope.gridCode : '',
    },
    questions: poll.questions.map((question) => ({
      key: newKey('q'),
      text: question.text,
      kind: question.kind,
      maxChoices: question.kind === 'multiple' ? String(question.maxChoices) : '',
      options: question.options.map((option) => newOption(option.text)),
    })),
    votesPer: poll.votesPer,
    opensAt: new Date(poll.opensAt),
    closesAt: new Date(poll.closesAt),
    resultsVisibility: poll.resultsVisibility,
    publicResults: poll.publicResults,
    quorumPercent: poll.quorum === null ? '' : trimPercent(poll.quorum * 100),
    pass: {
      enabled: poll.pass !== null,
      optionIndex,
      preset: poll.pass ? (preset ?? 'custom') : 'majority',
      customPercent: poll.pass && !preset ? trimPercent(poll.pass.threshold * 100) : '',
      customRule: poll.pass?.rule ?? 'more_than',
    },
  };
}

const sameShare = (a: number, b: number) => Math.abs(a - b) < 1e-9;
const trimPercent = (percent: number) => String(Math.round(percent * 100) / 100);

/** A number typed by a person (full-width digits and a trailing % allowed); NaN when it is not one. */
function typedNumber(text: string): number {
  const cleaned = text
    .replace(/[０-９．]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0))
    .replace(/[%％\s]/g, '');
  return cleaned === '' ? NaN : Number(cleaned);
}

/** Beijing time with its offset, as the API's datetimes are written. */
export function isoWithOffset(date: Date): string {
  const beijing = new Date(date.getTime() + 8 * HOUR);
  return `${beijing.toISOString().slice(0, 19)}+08:00`;
}

/**
 * The body the API takes. What a person typed goes as typed (a bad percentage becomes NaN, an
 * empty date an empty string), so the shared schema, here or on the server, names the field.
 */
export function pollRequestBody(form: PollForm, photoIds: string[]): PollDraftBody {
  const scope: PollDraftBody['scope'] =
    form.scope.kind === 'grid'
      ? { kind: 'grid', gridCode: form.scope.gridCode }
      : form.scope.kind === 'buildings'
        ? { kind: 'buildings', compoundCode: form.scope.compoundCode, buildingCodes: form.scope.buildingCodes }
        : { kind: 'compound', compoundCode: form.scope.compoundCode };
  const body: PollDraftBody = {
    title: form.title,
    background: form.background,
    photoIds,
    scope,
    questions: form.questions.map((question) => ({
      text: question.text,
      kind: question.kind,
      ...(question.kind === 'multiple' ? { maxChoices: question.maxChoices.trim() === '' ? question.options.length : typedNumber(question.maxChoices) } : {}),
      options: question.options.map((option) => ({ text: option.text })),
    })),
    votesPer: form.votesPer,
    opensAt: form.opensAt ? isoWithOffset(form.opensAt) : '',
    closesAt: form.closesAt ? isoWithOffset(form.closesAt) : '',
    resultsVisibility: form.resultsVisibility,
    publicResults: form.publicResults,
  };
  if (form.quorumPercent.trim() !== '') body.quorum = typedNumber(form.quorumPercent) / 100;
  if (form.pass.enabled) {
    const chosen = form.pass.preset === 'custom' ? { threshold: typedNumber(form.pass.customPercent) / 100, rule: form.pass.customRule } : passPresets[form.pass.preset];
    body.pass = { optionIndex: form.pass.optionIndex, threshold: chosen.threshold, rule: chosen.rule };
  }
  return body;
}

/**
 * Where a path of the request shows in the form. The PUT body nests the draft (`draft.title`);
 * a listed field's element errors show beside the list (`photoIds.3` → `photoIds`); the pass
 * threshold is typed as the custom percentage; anything the form has no field for goes to the banner.
 */
export function formFieldOf(path: string): string {
  const parts = path.split('.');
  if (parts[0] === 'draft') parts.shift();
  const [head, second] = parts;
  switch (head) {
    case 'title':
    case 'background':
    case 'votesPer':
    case 'opensAt':
    case 'closesAt':
    case 'resultsVisibility':
    case 'publicResults':
    case 'quorum':
      return head;
    case 'photoIds':
      return 'photoIds';
    case 'scope':
      return second === 'buildingCodes' || second === 'compoundCode' || second === 'gridCode' ? `scope.${second}` : 'scope';
    case 'pass':
      return second === 'optionIndex' ? 'pass.optionIndex' : 'pass.threshold';
    case 'questions': {
      if (parts.length === 1) return 'questions';
      const [, index, field, optionIndex] = parts;
      if (field === 'options' && optionIndex !== undefined && /^\d+$/.test(optionIndex)) return `questions.${index}.options.${optionIndex}`;
      if (field === 'text' || field === 'kind' || field === 'maxChoices' || field === 'options') return `questions.${index}.${field}`;
      return `questions.${index}`;
    }
    default:
      return 'form';
  }
}

/** The server's (or the schema's) `{ path: messages[] }` as one message per form field, the first one kept. */
export function formErrorsFrom(fields: Record<string, string[]> | undefined): FormErrors {
  const errors: FormErrors = {};
  for (const [path, messages] of Object.entries(fields ?? {})) {
    const field = formFieldOf(path);
    if (!errors[field] && messages[0]) errors[field] = messages[0];
  }
  return errors;
}

/**
 * The server's checks made before sending, with its messages, plus what only the app knows:
 * photos still uploading, a scope not chosen yet.
 */
export function validatePollForm(form: PollForm, photos: { status: 'uploading' | 'done' | 'failed' }[] = []): FormErrors {
  const fields: Record<string, string[]> = {};
  const parsed = pollDraftSchema.safeParse(pollRequestBody(form, []));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path.map(String).join('.') || 'form';
      fields[key] = [...(fields[key] ?? []), issue.message];
    }
  }
  // The rules across fields the server answers 422 poll.invalid_draft, checked here first (also when another field is wrong).
  const body = pollRequestBody(form, []);
  if (form.opensAt && form.closesAt) {
    const crossField = draftProblems({ questions: body.questions, opensAt: form.opensAt, closesAt: form.closesAt, pass: body.pass });
    for (const [key, messages] of Object.entries(crossField)) if (!fields[key]) fields[key] = messages;
  }
  const errors = formErrorsFrom(fields);
  if (form.scope.kind !== 'grid' && form.scope.compoundCode === '') errors['scope.compoundCode'] = '请选择小区';
  if (form.scope.kind === 'grid' && form.scope.gridCode === '') errors['scope.gridCode'] = '请选择网格';
  if (!form.opensAt) errors.opensAt = '请选择开始时间';
  if (!form.closesAt) errors.closesAt = '请选择截止时间';
  // The schema's window check runs only once every field parses: a bad quorum must not hide it.
  else if (form.opensAt && form.closesAt.getTime() <= form.opensAt.getTime()) errors.closesAt = '截止时间须晚于开始时间';
  if (form.quorumPercent.trim() !== '' && Number.isNaN(typedNumber(form.quorumPercent))) errors.quorum = '参与率须为数字，如 50';
  if (form.pass.enabled && form.pass.preset === 'custom' && Number.isNaN(typedNumber(form.pass.customPercent))) errors['pass.threshold'] = '通过比例须为数字，如 60';
  if (photos.some((photo) => photo.status === 'uploading')) errors.photoIds = '照片还在上传，请稍候';
  else if (photos.some((photo) => photo.status === 'failed')) errors.photoIds = '有照片上传失败，请重试或删除';
  return errors;
}

export const hasErrors = (errors: FormErrors) => Object.keys(errors).length > 0;

/** Errors of a question and its options move with it: after a structural change they are dropped, not shifted onto another row. */
export function withoutQuestionErrors(errors: FormErrors): FormErrors {
  return Object.fromEntries(Object.entries(errors).filter(([key]) => !key.startsWith('questions.') && !key.startsWith('pass.')));
}

/** How a pass rule reads: "「同意」超过50%". */
export function passRuleLabel(optionText: string, threshold: number, rule: 'at_least' | 'more_than'): string {
  const preset = Object.values(passPresets).find((candidate) => sameShare(candidate.threshold, threshold) && candidate.rule === rule);
  if (preset) return `「${optionText}」${preset.label}`;
  return `「${optionText}」${rule === 'at_least' ? '达到' : '超过'}${trimPercent(threshold * 100)}%${rule === 'at_least' ? '（含）' : ''}`;
}

/** What a refused write means when someone else got there first, and what to do about it. */
const conflictExplanations: Record<string, string> = {
  'poll.stale': '这个议题刚被其他人修改过，你看到的不是最新内容。请刷新后再操作。',
  'poll.not_draft': '这个议题已经发布，问题不能再修改。',
  'membership.stale': '这条住户申请刚被其他人处理或修改过，请刷新后再看。',
  'membership.not_pending': '这条住户申请已经处理过了，无需再审核。',
};

/** The explanation of a version conflict or a decision already taken; null for any other failure. */
export function staffConflictMessage(error: unknown): string | null {
  const code = typeof error === 'object' && error !== null && 'code' in error ? (error as { code: unknown }).code : undefined;
  return typeof code === 'string' ? (conflictExplanations[code] ?? null) : null;
}
