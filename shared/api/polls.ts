import { z } from 'zod';
import { codeSchema } from '../schemas/common';
import { dateTime, namedCode, pageOf, photoLinksSchema } from './common';
import { photoIdPattern } from './photos';

/**
 * Consultation polls (议事协商): a committee asks the residents of a compound, some buildings or a
 * grid; each verified resident (or household) answers once; the result is published and a decision
 * may become a case. Ballots are secret once counted (ARCHITECTURE.md, "Poll ballots").
 */

export const pollStatuses = ['draft', 'open', 'closed', 'cancelled'] as const;
/** Where a poll stands for people: an open poll is `scheduled` before its window and `ended` after it. */
export const pollPhases = ['draft', 'scheduled', 'voting', 'ended', 'cancelled'] as const;
export type PollPhaseName = (typeof pollPhases)[number];
export const pollPhaseLabels: Record<PollPhaseName, string> = { draft: '草稿', scheduled: '未开始', voting: '投票中', ended: '已结束', cancelled: '已取消' };

export const pollRefusalLabels: Record<string, string> = {
  'poll.draft': '议题还是草稿，尚未发布',
  'poll.not_yet_open': '投票尚未开始',
  'poll.closed': '投票已结束',
  'poll.cancelled': '议题已取消',
  'poll.not_resident': '只有居民可以投票',
  'poll.unverified': '您的住户身份尚未认证，认证后才能投票',
  'poll.outside_scope': '您不在本议题的投票范围内',
  'poll.already_voted': '您（或您家）已经投过票，投票后不能更改',
};

const text = (label: string, min: number, max: number) => z.string(`请填写${label}`).trim().min(min, `${label}至少${min}个字`).max(max, `${label}最多${max}字`);

export const pollScopeSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('compound'), compoundCode: codeSchema('小区') }),
    z.strictObject({
      kind: z.literal('buildings'),
      compoundCode: codeSchema('小区'),
      buildingCodes: z.array(codeSchema('楼栋'), '请选择楼栋').min(1, '至少选择一栋楼').max(200, '楼栋过多'),
    }),
    z.strictObject({ kind: z.literal('grid'), gridCode: codeSchema('网格') }),
  ],
  '投票范围须为小区、楼栋或网格',
);
export type PollScopeInput = z.output<typeof pollScopeSchema>;

const questionInput = z.strictObject({
  text: text('问题', 2, 200),
  kind: z.enum(['single', 'multiple'], '题型须为单选或多选'),
  /** Multiple choice: how many options a ballot may choose (up to the number of options). */
  maxChoices: z.number('最多可选数须为数字').int().min(1, '最多可选数至少为1').max(20).optional(),
  options: z.array(z.strictObject({ text: text('选项', 1, 100) }), '请填写选项').min(2, '至少两个选项').max(20, '最多20个选项'),
});

/** `POST /api/v1/polls` and `PUT /api/v1/polls/:id` (drafts only): the whole poll as its author writes it. */
export const pollDraftSchema = z
  .strictObject({
    title: text('标题', 4, 60),
    background: text('背景说明', 10, 3000),
    /** Photos the author uploaded (`POST /api/v1/photos`), shown with the background to whoever may read the poll. */
    photoIds: z.array(z.string().regex(photoIdPattern, '照片编号格式不正确'), '照片须为列表').max(9, '最多9张照片').default([]),
    scope: pollScopeSchema,
    questions: z.array(questionInput, '请添加问题').min(1, '至少一个问题').max(20, '最多20个问题'),
    votesPer: z.enum(['resident', 'household'], '计票方式须为每人一票或每户一票'),
    opensAt: z.iso.datetime({ offset: true, error: '开始时间格式不正确' }).transform((value) => new Date(value)),
    closesAt: z.iso.datetime({ offset: true, error: '截止时间格式不正确' }).transform((value) => new Date(value)),
    resultsVisibility: z.enum(['live', 'after_close'], '结果公开方式须为实时或结束后'),
    /** Whether the results may be shown on the public portal once the poll has ended. */
    publicResults: z.boolean('是否公开结果须为是或否').default(false),
    /** Least turnout, as a share 0–1. */
    quorum: z.number('参与率须为数字').gt(0, '参与率须大于0').max(1, '参与率不能超过100%').optional(),
    /** The option (by index) of the first question that decides the poll, and the share of the ballots it needs. */
    pass: z
      .strictObject({
        optionIndex: z.number().int().min(0, '选项不存在'),
        threshold: z.number('通过比例须为数字').gt(0, '通过比例须大于0').max(1, '通过比例不能超过100%'),
        rule: z.enum(['at_least', 'more_than'], '通过规则须为"以上"或"超过"'),
      })
      .optional(),
  });

/**
 * What a draft's fields say against each other, as field errors (JSON Schema cannot state these,
 * so the API answers them 422 `poll.invalid_draft`, and the app checks them before sending).
 */
export function draftProblems(draft: Pick<z.output<typeof pollDraftSchema>, 'questions' | 'opensAt' | 'closesAt' | 'pass'>): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const add = (path: string, message: string) => (problems[path] ??= []).push(message);
  if (draft.closesAt.getTime() <= draft.opensAt.getTime()) add('closesAt', '截止时间须晚于开始时间');
  draft.questions.forEach((question, q) => {
    if (question.kind === 'multiple' && question.maxChoices !== undefined && question.maxChoices > question.options.length) add(`questions.${q}.maxChoices`, '最多可选数不能超过选项数');
    const seen = new Set<string>();
    question.options.forEach((option, o) => {
      if (seen.has(option.text)) add(`questions.${q}.options.${o}.text`, '选项重复');
      seen.add(option.text);
    });
  });
  if (draft.pass && draft.pass.optionIndex >= (draft.questions[0]?.options.length ?? 0)) add('pass.optionIndex', '决定结果的选项不在第一个问题中');
  return problems;
}

export type PollDraftInput = z.output<typeof pollDraftSchema>;

/** The `:id` of a poll route. */
export const pollIdParamSchema = z.strictObject({ id: z.string().regex(/^p[0-9a-z]{16}$/, '议题编号格式不正确') });

export const pollVersionSchema = z.strictObject({ version: z.number('版本号须为数字').int().min(1) });

export const cancelPollSchema = z.strictObject({ version: pollVersionSchema.shape.version, reason: text('取消原因', 2, 200) });

/** `PUT /api/v1/polls/:id`: the whole draft again, guarded by the version it was read at. */
export const updatePollSchema = z.strictObject({ version: pollVersionSchema.shape.version, draft: pollDraftSchema });

/** `POST /api/v1/polls/:id/votes`: for each question id, the option ids chosen. */
export const castVoteSchema = z.strictObject({
  choices: z.record(z.string().max(20, '问题编号不正确'), z.array(z.string().max(20, '选项编号不正确'), '选择须为列表').max(20, '选择过多'), '请作答'),
});
export type CastVote = z.output<typeof castVoteSchema>;

/** What a voter gets back once: the receipt code, shown to them and kept nowhere in the clear. */
export const voteReceiptSchema = z.strictObject({
  receipt: z.string().meta({ description: '回执码：只返回这一次，凭它查验自己的选票已按所投计入' }),
});

/** `POST /api/v1/polls/:id/receipt`: a voter checks their own ballot. */
export const checkReceiptSchema = z.strictObject({ receipt: z.string('请输入回执码').trim().regex(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/, '回执码格式不正确') });
export const receiptCheckSchema = z.strictObject({
  /** `counted`: in the tally; `pending`: cast, to be counted within minutes (at the latest when the poll ends). */
  status: z.enum(['counted', 'pending']),
  choices: z.record(z.string(), z.array(z.string())),
});

/** `POST /api/v1/polls/:id/decision`: the record of what was decided, once the poll has ended. */
export const pollDecisionSchema = z.strictObject({
  decision: text('决定', 2, 500),
  minutes: text('会议纪要', 2, 5000).optional(),
  meeting: z
    .strictObject({
      heldAt: z.iso.datetime({ offset: true, error: '会议时间格式不正确' }).transform((value) => new Date(value)),
      place: text('会议地点', 2, 100),
      attendance: z.number('到会人数须为数字').int().min(0).max(100000),
    })
    .optional(),
});
export type PollDecisionInput = z.output<typeof pollDecisionSchema>;

/** `POST /api/v1/polls/:id/decision/case`: the decision becomes a case, linked both ways. */
export const pollDecisionCaseSchema = z.strictObject({
  subcategoryCode: z.string().regex(/^\d{2}\.\d{2}$/, '请选择问题小类'),
  title: text('标题', 4, 40).optional(),
  description: text('说明', 10, 1000),
});

export const pollCommentSchema = z.strictObject({ text: text('留言', 2, 500) });
export const hideCommentSchema = z.strictObject({ reason: text('隐藏原因', 2, 200) });
export const commentIdParamSchema = z.strictObject({ id: pollIdParamSchema.shape.id, commentId: z.string().regex(/^[0-9a-f]{24}$/, '留言编号格式不正确') });

export const listPollsQuerySchema = z.strictObject({
  /** `mine`: the polls of a resident's homes; `manage`: the polls of a staff member's scope, drafts included. */
  view: z.enum(['mine', 'manage'], '列表须为 mine 或 manage').default('mine'),
  phase: z.enum(pollPhases, '阶段不正确').optional(),
  limit: z.coerce.number('每页条数须为数字').int('每页条数须为整数').min(1, '每页至少1条').max(50, '每页最多50条').default(20),
  cursor: z.string().min(1, '翻页标记无效').max(200, '翻页标记无效').regex(/^[A-Za-z0-9_-]+$/, '翻页标记无效').optional(),
});
export type ListPollsQuery = z.output<typeof listPollsQuerySchema>;

const questionView = z.strictObject({
  id: z.string(),
  text: z.string(),
  kind: z.enum(['single', 'multiple']),
  maxChoices: z.number().int(),
  options: z.array(z.strictObject({ id: z.string(), text: z.string() })),
});

export const pollResultsSchema = z.strictObject({
  /** Ballots counted so far (a ballot is counted within minutes of being cast; all of them once the poll ends). */
  ballots: z.number().int(),
  eligible: z.number().int(),
  turnout: z.number(),
  counts: z.record(z.string(), z.record(z.string(), z.number().int())),
  quorumMet: z.boolean().nullable(),
  passed: z.boolean().nullable(),
  /** Final once the poll has ended and every ballot is counted. */
  final: z.boolean(),
});
export type PollResultsView = z.output<typeof pollResultsSchema>;

export const pollSummarySchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  phase: z.enum(pollPhases),
  scopeLabel: z.string(),
  opensAt: dateTime,
  closesAt: dateTime,
  votesPer: z.enum(['resident', 'household']),
  /** Votes cast so far (who voted, never what). */
  votes: z.number().int(),
  /** For a signed-in resident: whether they (or their household) have voted. */
  voted: z.boolean().nullable(),
});
export type PollSummary = z.output<typeof pollSummarySchema>;
export const pollPageSchema = pageOf(pollSummarySchema);

export const pollViewSchema = z.strictObject({
  id: z.string(),
  status: z.enum(pollStatuses),
  phase: z.enum(pollPhases),
  title: z.string(),
  background: z.string(),
  photos: z.array(photoLinksSchema),
  scope: pollScopeSchema,
  scopeLabel: z.string(),
  street: namedCode,
  questions: z.array(questionView),
  votesPer: z.enum(['resident', 'household']),
  opensAt: dateTime,
  closesAt: dateTime,
  resultsVisibility: z.enum(['live', 'after_close']),
  publicResults: z.boolean(),
  quorum: z.number().nullable(),
  pass: z.strictObject({ optionId: z.string(), threshold: z.number(), rule: z.enum(['at_least', 'more_than']) }).nullable(),
  author: z.strictObject({ name: z.string(), unit: namedCode.nullable() }),
  votes: z.number().int(),
  /** Results when they may be shown to this viewer now, else null. */
  results: pollResultsSchema.nullable(),
  /** For a signed-in viewer: may they vote now, and if not, why (a `poll.*` code). */
  me: z
    .strictObject({
      canVote: z.boolean(),
      refusal: z.string().nullable(),
      voted: z.boolean(),
      canComment: z.boolean(),
      canManage: z.boolean(),
      /** Whether the viewer may edit the draft (its managers, or the property company that wrote it). */
      canEdit: z.boolean(),
    })
    .nullable(),
  decision: z
    .strictObject({
      decision: z.string(),
      minutes: z.string().nullable(),
      meeting: z.strictObject({ heldAt: dateTime, place: z.string(), attendance: z.number().int() }).nullable(),
      decidedAt: dateTime,
      /** Cases the decision became: residents follow them from here. */
      cases: z.array(z.strictObject({ id: z.string(), number: z.string(), title: z.string(), status: z.string() })),
    })
    .nullable(),
  cancelReason: z.string().nullable(),
  createdAt: dateTime,
  /** The guard of the next edit, open, close or cancel. */
  version: z.number().int(),
});
export type PollView = z.output<typeof pollViewSchema>;

/** `GET /api/v1/polls/:id/voters` (staff of the poll's scope): who voted, never what. */
export const pollVoterSchema = z.strictObject({
  householdId: z.string(),
  building: z.string(),
  unit: z.string(),
  room: z.string(),
  /** The voter's name for a per-resident poll; null for a per-household one (the household voted). */
  name: z.string().nullable(),
});
export const pollVoterPageSchema = pageOf(pollVoterSchema);

export const pollCommentViewSchema = z.strictObject({
  id: z.string(),
  /** The author as shown to everyone: surname and 某, with the building. */
  author: z.string(),
  text: z.string().nullable(),
  at: dateTime,
  hidden: z.strictObject({ reason: z.string(), at: dateTime }).nullable(),
  mine: z.boolean(),
});
export const pollCommentPageSchema = pageOf(pollCommentViewSchema);
