import type Router from '@koa/router';
import { z } from 'zod';
import {
  cancelPollSchema,
  castVoteSchema,
  checkReceiptSchema,
  commentIdParamSchema,
  hideCommentSchema,
  listPollsQuerySchema,
  pollCommentPageSchema,
  pollCommentSchema,
  pollCommentViewSchema,
  pollDecisionCaseSchema,
  pollDecisionSchema,
  pollDraftSchema,
  pollIdParamSchema,
  pollPageSchema,
  pollResultsSchema,
  pollVersionSchema,
  pollViewSchema,
  pollVoterPageSchema,
  receiptCheckSchema,
  updatePollSchema,
  voteReceiptSchema,
} from '../../../shared/api/polls';
import type { Actor } from '../../../shared/domain/roles';
import { actorOf, optionalActorOf } from '../../http/auth';
import type { AppDeps } from '../../http/app';
import { parseInput } from '../../http/validate';
import { describe } from '../../openapi/describe';
import { presentComment, presentPoll, presentPollSummary, presentResult, presentVoter, resultsCsv } from '../../presenters/poll';

const pageQuerySchema = z.strictObject({
  limit: z.coerce.number('每页条数须为数字').int('每页条数须为整数').min(1, '每页至少1条').max(100, '每页最多100条').default(20),
  cursor: z.string().min(1, '翻页标记无效').max(300, '翻页标记无效').regex(/^[A-Za-z0-9_-]+$/, '翻页标记无效').optional(),
});
const pageDescriptions = { limit: '每页条数，1–100', cursor: '翻页标记：上一页返回的 nextCursor' };
const idParam = { schema: pollIdParamSchema, descriptions: { id: '议题编号' } };
const tag = '议事协商' as const;

/** Consultation polls (议事协商): drafts, the window, one secret vote each, results, the decision and the case it becomes. */
export function pollRoutes(router: Router, deps: AppDeps): void {
  const { polls } = deps.useCases;
  const reference = deps.useCases.places;
  const now = () => deps.useCases.now();
  const pageOf = (query: z.output<typeof pageQuerySchema>) => ({ limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) });
  const view = async (actor: Actor | undefined, id: string) => presentPoll(reference, await polls.page(actor, id), now());

  describe(router, {
    method: 'get',
    path: '/api/v1/polls',
    operationId: 'listPolls',
    summary: '议题列表',
    description:
      'view=mine：居民住所（已认证或待审核）所在小区、楼栋、网格的议题（不含草稿）；view=manage：工作人员辖区内的议题（含草稿）。新的在前，游标翻页；phase 按阶段筛选（一页可能少于 limit 条，按 nextCursor 继续）。',
    tag,
    access: 'signed_in',
    request: { query: { schema: listPollsQuerySchema, descriptions: { view: 'mine 或 manage', phase: '阶段：draft、scheduled、voting、ended、cancelled', ...pageDescriptions } } },
    responses: { 200: { description: '一页议题', schema: pollPageSchema } },
    errors: [400, 403, 422],
  });
  router.get('/api/v1/polls', async (ctx) => {
    const actor = actorOf(ctx);
    const query = parseInput(listPollsQuerySchema, ctx.query);
    const { page, votes, voted } = await polls.list(actor, query);
    ctx.body = {
      items: page.items.map((poll) => presentPollSummary(reference, poll, now(), votes.get(poll.id) ?? 0, actor.role === 'resident' ? voted.has(poll.id) : null)),
      nextCursor: page.nextCursor,
    };
  });

  describe(router, {
    method: 'post',
    path: '/api/v1/polls',
    operationId: 'createPoll',
    summary: '发起议题（草稿）',
    description: '社区居委会（本社区小区）、网格长（本网格或其中小区）、物业（所服务小区，只能起草，由居委会发布）。问题与选项的编号由服务器按顺序生成（q1、q1o1）。',
    tag,
    access: 'signed_in',
    request: { json: { schema: pollDraftSchema, required: true } },
    responses: { 201: { description: '新草稿', schema: pollViewSchema } },
    errors: [400, 403],
  });
  router.post('/api/v1/polls', async (ctx) => {
    const actor = actorOf(ctx);
    const input = parseInput(pollDraftSchema, ctx.request.body);
    const poll = await polls.create(actor, input);
    ctx.status = 201;
    ctx.body = await view(actor, poll.id);
  });

  describe(router, {
    method: 'get',
    path: '/api/v1/polls/:id',
    operationId: 'getPoll',
    summary: '议题详情',
    description:
      '范围内的居民（已认证或待审核）与辖区工作人员可看；结果公开且已结束的议题不登录也可看。结果按公开方式给出（实时或结束后）；me 说明当前账号能否投票及原因。看不到的议题回答 404。',
    tag,
    access: 'optional',
    request: { params: idParam },
    responses: { 200: { description: '议题', schema: pollViewSchema } },
    errors: [400, 404],
  });
  router.get('/api/v1/polls/:id', async (ctx) => {
    const { id } = parseInput(pollIdParamSchema, ctx.params);
    ctx.body = await view(optionalActorOf(ctx), id);
  });

  describe(router, {
    method: 'put',
    path: '/api/v1/polls/:id',
    operationId: 'updatePoll',
    summary: '修改草稿',
    description: '只能修改草稿；发布后问题冻结（409 poll.not_draft）。version 不是当前版本时 409（poll.stale）。',
    tag,
    access: 'signed_in',
    request: { params: idParam, json: { schema: updatePollSchema, required: true } },
    responses: { 200: { description: '修改后的草稿', schema: pollViewSchema } },
    errors: [400, 403, 404, 409],
  });
  router.put('/api/v1/polls/:id', async (ctx) => {
    const actor = actorOf(ctx);
    const { id } = parseInput(pollIdParamSchema, ctx.params);
    const { version, draft } = parseInput(updatePollSchema, ctx.request.body);
    await polls.edit(actor, id, version, draft);
    ctx.body = await view(actor, id);
  });

  const lifecycle = [
    { path: 'open', operationId: 'openPoll', summary: '发布议题', description: '草稿发布后问题冻结，到开始时间起可投票。截止时间已过 422（poll.window_past）。', run: polls.open },
    { path: 'close', operationId: 'closePoll', summary: '结束投票', description: '立即结束投票；剩余选票在数秒内计入，结果随即为最终结果。', run: polls.close },
  ] as const;
  for (const step of lifecycle) {
    describe(router, {
      method: 'post',
      path: `/api/v1/polls/:id/${step.path}`,
      operationId: step.operationId,
      summary: step.summary,
      description: `${step.description} 只有议题所在社区居委会或网格长可以操作（403 poll.forbidden）；version 不是当前版本时 409（poll.stale）。`,
      tag,
      access: 'signed_in',
      request: { params: idParam, json: { schema: pollVersionSchema, required: true } },
      responses: { 200: { description: '议题', schema: pollViewSchema } },
      errors: [400, 403, 404, 409, 422],
    });
    router.post(`/api/v1/polls/:id/${step.path}`, async (ctx) => {
      const actor = actorOf(ctx);
      const { id } = parseInput(pollIdParamSchema, ctx.params);
      const { version } = parseInput(pollVersionSchema, ctx.request.body);
      await step.run(actor, id, version);
      ctx.body = await view(actor, id);
    });
  }

  describe(router, {
    method: 'post',
    path: '/api/v1/polls/:id/cancel',
    operationId: 'cancelPoll',
    summary: '取消议题',
    description: '草稿或尚未结束的议题可以取消，须写明原因；取消后不公布结果。',
    tag,
    access: 'signed_in',
    request: { params: idParam, json: { schema: cancelPollSchema, required: true } },
    responses: { 200: { description: '议题', schema: pollViewSchema } },
    errors: [400, 403, 404, 409],
  });
  router.post('/api/v1/polls/:id/cancel', async (ctx) => {
    const actor = actorOf(ctx);
    const { id } = parseInput(pollIdParamSchema, ctx.params);
    const { version, reason } = parseInput(cancelPollSchema, ctx.request.body);
    await polls.cancel(actor, id, version, reason);
    ctx.body = await view(actor, id);
  });

  describe(router, {
    method: 'post',
    path: '/api/v1/polls/:id/votes',
    operationId: 'castVote',
    summary: '投票',
    description:
      '投票时在服务器上核对资格：议题在投票期内、本人是居民、住所已认证且在范围内。每人（或每户）一票由数据库唯一键保证；投票后不能更改。' +
      '返回的回执码只给这一次，凭它可查验自己的选票已按所投计入；选票计入后，任何人都无法把它与投票人对应。' +
      '拒绝：403 poll.not_resident / poll.outside_scope / poll.unverified；409 poll.already_voted；422 poll.draft / poll.not_yet_open / poll.closed / poll.cancelled / poll.invalid_ballot（details.problems）。',
    tag,
    access: 'signed_in',
    request: { params: idParam, json: { schema: castVoteSchema, required: true } },
    responses: { 201: { description: '回执码', schema: voteReceiptSchema } },
    errors: [400, 403, 404, 409, 422],
  });
  router.post('/api/v1/polls/:id/votes', async (ctx) => {
    const actor = actorOf(ctx);
    const { id } = parseInput(pollIdParamSchema, ctx.params);
    const input = parseInput(castVoteSchema, ctx.request.body);
    const receipt = await polls.vote(actor, id, input);
    ctx.status = 201;
    ctx.body = receipt;
  });

  describe(router, {
    method: 'post',
    path: '/api/v1/polls/:id/receipt',
    operationId: 'checkReceipt',
    summary: '查验选票',
    description: '凭回执码查看自己的选票：已计入（counted）或待计入（pending），及所投内容。回执码用 POST 提交，不出现在网址和日志里。没有对应选票 404（poll.receipt_unknown）。',
    tag,
    access: 'optional',
    request: { params: idParam, json: { schema: checkReceiptSchema, required: true } },
    responses: { 200: { description: '选票', schema: receiptCheckSchema } },
    errors: [400, 404],
  });
  router.post('/api/v1/polls/:id/receipt', async (ctx) => {
    const { id } = parseInput(pollIdParamSchema, ctx.params);
    const { receipt } = parseInput(checkReceiptSchema, ctx.request.body);
    ctx.body = await polls.checkReceipt(optionalActorOf(ctx), id, receipt);
  });

  describe(router, {
    method: 'get',
    path: '/api/v1/polls/:id/results',
    operationId: 'getPollResults',
    summary: '投票结果',
    description: '各选项票数、参与率（对有投票权的人数或户数）、是否达到参与率要求与是否通过。结束后公布的议题在投票期内 403（poll.results_hidden）。',
    tag,
    access: 'optional',
    request: { params: idParam },
    responses: { 200: { description: '结果', schema: pollResultsSchema } },
    errors: [400, 403, 404],
  });
  router.get('/api/v1/polls/:id/results', async (ctx) => {
    const { id } = parseInput(pollIdParamSchema, ctx.params);
    const { result } = await polls.results(optionalActorOf(ctx), id);
    ctx.body = presentResult(result);
  });

  describe(router, {
    method: 'get',
    path: '/api/v1/polls/:id/results.csv',
    operationId: 'exportPollResults',
    summary: '导出投票结果（CSV）',
    description: 'UTF-8（带 BOM，Excel 可直接打开），含议题、范围、参与率、是否通过与导出时间，每个选项一行。',
    tag,
    access: 'optional',
    request: { params: idParam },
    responses: { 200: { description: 'CSV 文件', content: { 'text/csv': { schema: { type: 'string' } } } } },
    errors: [400, 403, 404],
  });
  router.get('/api/v1/polls/:id/results.csv', async (ctx) => {
    const { id } = parseInput(pollIdParamSchema, ctx.params);
    const { poll, result } = await polls.results(optionalActorOf(ctx), id);
    ctx.type = 'text/csv; charset=utf-8';
    ctx.set('Content-Disposition', `attachment; filename="poll-${poll.id}-results.csv"; filename*=UTF-8''${encodeURIComponent(`${poll.title}-结果.csv`)}`);
    ctx.body = resultsCsv(reference, poll, result, now());
  });

  describe(router, {
    method: 'get',
    path: '/api/v1/polls/:id/voters',
    operationId: 'listPollVoters',
    summary: '已投票名单',
    description: '议题管理者可看谁已投票（楼栋、单元、房号；每人一票时含姓名），从不包含投了什么。按房屋排序，不按投票时间。',
    tag,
    access: 'signed_in',
    request: { params: idParam, query: { schema: pageQuerySchema, descriptions: pageDescriptions } },
    responses: { 200: { description: '一页已投票的住户', schema: pollVoterPageSchema } },
    errors: [400, 403, 404, 422],
  });
  router.get('/api/v1/polls/:id/voters', async (ctx) => {
    const actor = actorOf(ctx);
    const { id } = parseInput(pollIdParamSchema, ctx.params);
    const query = parseInput(pageQuerySchema, ctx.query);
    const { poll, page } = await polls.voters(actor, id, pageOf(query));
    ctx.body = { items: page.items.map((participation) => presentVoter(reference, poll, participation)), nextCursor: page.nextCursor };
  });

  describe(router, {
    method: 'post',
    path: '/api/v1/polls/:id/decision',
    operationId: 'recordPollDecision',
    summary: '记录决定',
    description: '投票结束后记录决定、会议纪要与到会情况，只记录一次（409 poll.decision_recorded）。',
    tag,
    access: 'signed_in',
    request: { params: idParam, json: { schema: pollDecisionSchema, required: true } },
    responses: { 200: { description: '议题', schema: pollViewSchema } },
    errors: [400, 403, 404, 409],
  });
  router.post('/api/v1/polls/:id/decision', async (ctx) => {
    const actor = actorOf(ctx);
    const { id } = parseInput(pollIdParamSchema, ctx.params);
    const input = parseInput(pollDecisionSchema, ctx.request.body);
    await polls.decide(actor, id, input);
    ctx.body = await view(actor, id);
  });

  describe(router, {
    method: 'post',
    path: '/api/v1/polls/:id/decision/case',
    operationId: 'pollDecisionToCase',
    summary: '决定转为案件',
    description: '把决定交办为案件（如“建设电动自行车车棚”），地点为议题所在小区，案件与议题互相关联，居民可从议题跟进办理。',
    tag,
    access: 'signed_in',
    request: { params: idParam, json: { schema: pollDecisionCaseSchema, required: true } },
    responses: { 201: { description: '新案件', schema: z.strictObject({ caseId: z.string(), number: z.string() }) } },
    errors: [400, 403, 404, 409, 422],
  });
  router.post('/api/v1/polls/:id/decision/case', async (ctx) => {
    const actor = actorOf(ctx);
    const { id } = parseInput(pollIdParamSchema, ctx.params);
    const input = parseInput(pollDecisionCaseSchema, ctx.request.body);
    const { caseId, number } = await polls.decisionToCase(actor, id, input);
    ctx.status = 201;
    ctx.body = { caseId, number };
  });

  describe(router, {
    method: 'get',
    path: '/api/v1/polls/:id/comments',
    operationId: 'listPollComments',
    summary: '议题留言',
    description: '新的在前，游标翻页。被隐藏的留言显示隐藏原因，内容只对议题管理者可见。',
    tag,
    access: 'optional',
    request: { params: idParam, query: { schema: pageQuerySchema, descriptions: pageDescriptions } },
    responses: { 200: { description: '一页留言', schema: pollCommentPageSchema } },
    errors: [400, 404, 422],
  });
  router.get('/api/v1/polls/:id/comments', async (ctx) => {
    const actor = optionalActorOf(ctx);
    const { id } = parseInput(pollIdParamSchema, ctx.params);
    const query = parseInput(pageQuerySchema, ctx.query);
    const { manage, page } = await polls.comments(actor, id, pageOf(query));
    ctx.body = { items: page.items.map((comment) => presentComment(comment, { ...(actor ? { id: actor.id } : {}), manage })), nextCursor: page.nextCursor };
  });

  describe(router, {
    method: 'post',
    path: '/api/v1/polls/:id/comments',
    operationId: 'addPollComment',
    summary: '留言',
    description: '本议题范围内已认证的居民可以留言（403 poll.comment_forbidden），署名为楼栋和姓氏。',
    tag,
    access: 'signed_in',
    request: { params: idParam, json: { schema: pollCommentSchema, required: true } },
    responses: { 201: { description: '留言', schema: pollCommentViewSchema } },
    errors: [400, 403, 404],
  });
  router.post('/api/v1/polls/:id/comments', async (ctx) => {
    const actor = actorOf(ctx);
    const { id } = parseInput(pollIdParamSchema, ctx.params);
    const { text } = parseInput(pollCommentSchema, ctx.request.body);
    const { comment } = await polls.addComment(actor, id, text);
    ctx.status = 201;
    ctx.body = presentComment(comment, { id: actor.id, manage: false });
  });

  describe(router, {
    method: 'post',
    path: '/api/v1/polls/:id/comments/:commentId/hide',
    operationId: 'hidePollComment',
    summary: '隐藏留言',
    description: '议题管理者隐藏不当留言，须写明原因；原因对所有人可见。',
    tag,
    access: 'signed_in',
    request: { params: { schema: commentIdParamSchema, descriptions: { id: '议题编号', commentId: '留言编号' } }, json: { schema: hideCommentSchema, required: true } },
    responses: { 200: { description: '留言', schema: pollCommentViewSchema } },
    errors: [400, 403, 404],
  });
  router.post('/api/v1/polls/:id/comments/:commentId/hide', async (ctx) => {
    const actor = actorOf(ctx);
    const { id, commentId } = parseInput(commentIdParamSchema, ctx.params);
    const { reason } = parseInput(hideCommentSchema, ctx.request.body);
    const comment = await polls.hideComment(actor, id, commentId, reason);
    ctx.body = presentComment(comment, { id: actor.id, manage: true });
  });
}
