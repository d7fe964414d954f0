import type Router from '@koa/router';
import {
  claimMembershipSchema,
  listMembershipsQuerySchema,
  membershipIdParamSchema,
  membershipPageSchema,
  membershipViewSchema,
  myGridsSchema,
  myMembershipsSchema,
  rejectMembershipSchema,
  rosterImportResultSchema,
  verifyMembershipSchema,
} from '../../../shared/api/membership';
import { membershipError } from '../../errors';
import { actorOf } from '../../http/auth';
import type { AppDeps } from '../../http/app';
import { readRawBody } from '../../http/raw-body';
import { parseInput } from '../../http/validate';
import { describe } from '../../openapi/describe';
import { presentMembershipForStaff, presentOwnMembership } from '../../presenters/membership';

/** Where a committee posts its roster file: a raw-body route, the JSON parser leaves it alone. */
export const rosterImportPath = '/api/v1/memberships/roster';

/** A roster of a large committee is a few hundred kilobytes; the limit only stops abuse. */
const rosterMaxBytes = 2 * 1024 * 1024;

const idParam = { schema: membershipIdParamSchema, descriptions: { id: '住户身份编号' } };
const outsideScope = '不在本人辖区内的记录与不存在的记录一样回答 404（membership.not_found），编号无从试探。';

/** Residents' homes (住户身份): claims, the staff's roster and decisions, the committee's roster import. */
export function membershipRoutes(router: Router, deps: AppDeps): void {
  const { memberships, places } = deps.useCases;

  describe(router, {
    method: 'post',
    path: '/api/v1/memberships',
    operationId: 'claimMembership',
    summary: '申报住户身份',
    description:
      '居民申报自己住在某小区某楼某单元某室，及与房屋的关系。填写的姓名和手机号与社区住户名册中该房间的记录一致时立即认证（decidedBy=roster），否则待社区或网格审核。' +
      '同一房间已在审核中或已认证 409（membership.duplicate）；小区或楼栋不存在 422（membership.unknown_place）；非居民 403（membership.forbidden）。',
    tag: '住户身份',
    access: 'signed_in',
    request: { json: { schema: claimMembershipSchema, required: true } },
    responses: { 201: { description: '申报结果', schema: membershipViewSchema } },
    errors: [400, 403, 409, 422],
  });
  router.post('/api/v1/memberships', async (ctx) => {
    const actor = actorOf(ctx);
    const input = parseInput(claimMembershipSchema, ctx.request.body);
    const claimed = await memberships.claim(actor, input);
    ctx.status = 201;
    ctx.body = presentOwnMembership(claimed, places);
  });

  describe(router, {
    method: 'get',
    path: '/api/v1/memberships/mine',
    operationId: 'listMyMemberships',
    summary: '我的住户身份',
    description: '本人申报过的全部住房，新的在前，含待审核、未通过与已迁出的。仅居民（其他身份 403 membership.forbidden）。',
    tag: '住户身份',
    access: 'signed_in',
    responses: { 200: { description: '{ items }', schema: myMembershipsSchema } },
    errors: [403],
  });
  router.get('/api/v1/memberships/mine', async (ctx) => {
    ctx.body = { items: (await memberships.mine(actorOf(ctx))).map((membership) => presentOwnMembership(membership, places)) };
  });

  describe(router, {
    method: 'get',
    path: '/api/v1/memberships/my-grids',
    operationId: 'listMyGrids',
    summary: '我的网格团队',
    description: '本人已认证住房所在的每个网格的“1+2+N”团队：网格长与网格员的手机号完整显示，志愿者只显示姓名；以及本人在该网格内居住的小区。仅居民。',
    tag: '住户身份',
    access: 'signed_in',
    responses: { 200: { description: '{ items }', schema: myGridsSchema } },
    errors: [403],
  });
  router.get('/api/v1/memberships/my-grids', async (ctx) => {
    ctx.body = await memberships.myGrids(actorOf(ctx));
  });

  describe(router, {
    method: 'post',
    path: '/api/v1/memberships/:id/leave',
    operationId: 'leaveMembership',
    summary: '迁出或撤回申报',
    description: '本人的住户身份改为已迁出（ended），此后不再计入任何议事协商。他人的记录回答 404；已迁出或未通过的 422（membership.not_active）。',
    tag: '住户身份',
    access: 'signed_in',
    request: { params: idParam },
    responses: { 200: { description: '已迁出的住户身份', schema: membershipViewSchema } },
    errors: [400, 403, 404, 409, 422],
  });
  router.post('/api/v1/memberships/:id/leave', async (ctx) => {
    const actor = actorOf(ctx);
    const { id } = parseInput(membershipIdParamSchema, ctx.params);
    ctx.body = presentOwnMembership(await memberships.leave(actor, id), places);
  });

  describe(router, {
    method: 'get',
    path: '/api/v1/memberships',
    operationId: 'listMemberships',
    summary: '辖区住户名册',
    description:
      '工作人员查看辖区内的住户身份：社区居委会看本社区的小区，网格长与网格员看本网格的小区，街镇中心看本街镇，区中心与系统管理员看全区；其他身份 403（membership.forbidden）。' +
      '新的在前，游标翻页。住户手机号：社区与本网格工作人员完整显示，街镇、区中心与管理员只见打码号码。翻页标记无效 422（list.invalid_cursor）。',
    tag: '住户身份',
    access: 'signed_in',
    request: {
      query: {
        schema: listMembershipsQuerySchema,
        descriptions: { status: '只列某状态：pending、verified、rejected、ended', compoundCode: '只列某小区（须在辖区内，否则为空）', limit: '每页条数，1–100', cursor: '翻页标记：上一页返回的 nextCursor' },
      },
    },
    responses: { 200: { description: '一页住户身份：{ items, nextCursor }', schema: membershipPageSchema } },
    errors: [400, 403, 422],
  });
  router.get('/api/v1/memberships', async (ctx) => {
    const actor = actorOf(ctx);
    const query = parseInput(listMembershipsQuerySchema, ctx.query);
    const page = await memberships.list(actor, query);
    ctx.body = { items: page.items.map((membership) => presentMembershipForStaff(membership, places, actor)), nextCursor: page.nextCursor };
  });

  const decisionDescription = `社区居委会、网格长与网格员审核本辖区的待审核申报；其他身份 403（membership.forbidden）。${outsideScope}版本号已变 409（membership.stale，details.currentRevision）；不是待审核 422（membership.not_pending）。`;

  describe(router, {
    method: 'post',
    path: '/api/v1/memberships/:id/verify',
    operationId: 'verifyMembership',
    summary: '认证住户身份',
    description: decisionDescription,
    tag: '住户身份',
    access: 'signed_in',
    request: { params: idParam, json: { schema: verifyMembershipSchema, required: true } },
    responses: { 200: { description: '已认证', schema: membershipViewSchema } },
    errors: [400, 403, 404, 409, 422],
  });
  router.post('/api/v1/memberships/:id/verify', async (ctx) => {
    const actor = actorOf(ctx);
    const { id } = parseInput(membershipIdParamSchema, ctx.params);
    const { revision } = parseInput(verifyMembershipSchema, ctx.request.body);
    ctx.body = presentMembershipForStaff(await memberships.verify(actor, id, revision), places, actor);
  });

  describe(router, {
    method: 'post',
    path: '/api/v1/memberships/:id/reject',
    operationId: 'rejectMembership',
    summary: '驳回住户身份申报',
    description: `须写明原因，居民可见。${decisionDescription}`,
    tag: '住户身份',
    access: 'signed_in',
    request: { params: idParam, json: { schema: rejectMembershipSchema, required: true } },
    responses: { 200: { description: '未通过', schema: membershipViewSchema } },
    errors: [400, 403, 404, 409, 422],
  });
  router.post('/api/v1/memberships/:id/reject', async (ctx) => {
    const actor = actorOf(ctx);
    const { id } = parseInput(membershipIdParamSchema, ctx.params);
    const { reason, revision } = parseInput(rejectMembershipSchema, ctx.request.body);
    ctx.body = presentMembershipForStaff(await memberships.reject(actor, id, reason, revision), places, actor);
  });

  describe(router, {
    method: 'post',
    path: rosterImportPath,
    operationId: 'importRoster',
    summary: '导入住户名册',
    description:
      `请求体为 CSV 文件本身（Content-Type: text/csv，UTF-8 或 GBK 编码，不超过 2 MB），列：小区编号、楼栋编号、单元、房号、姓名、手机号、关系（业主/租户/家属）。仅社区居委会，且只能含本社区的小区（其他身份 403 roster.forbidden）。` +
      '任何一行有误则整份不导入：422（roster.rejected），details.rejected 列出每个有误的行及原因，details.problem 说明整份文件的问题（编码、缺列）。' +
      '导入成功则替换本社区原有名册，并认证名册中姓名与手机号一致的待审核申报。',
    tag: '住户身份',
    access: 'signed_in',
    request: { raw: { required: true, content: { 'text/csv': { schema: { type: 'string', format: 'binary', minLength: 1, maxLength: rosterMaxBytes } } } } },
    responses: { 200: { description: '导入结果', schema: rosterImportResultSchema } },
    errors: [400, 403, 413, 415, 422],
  });
  router.post(rosterImportPath, async (ctx) => {
    const actor = actorOf(ctx);
    // A structured body is never a CSV file: refused unread (the connection is closed by jsonBodiesOnly).
    if (ctx.request.is('json', 'urlencoded', 'multipart')) throw membershipError('roster.unsupported_type', '请以 CSV 文件上传（Content-Type: text/csv）');
    const bytes = await readRawBody(ctx, rosterMaxBytes, {
      tooLarge: () => membershipError('roster.too_large', '名册文件不能超过 2 MB', { maxBytes: rosterMaxBytes }),
      interrupted: () => membershipError('roster.upload_interrupted', '上传中断，请重试'),
    });
    ctx.body = await memberships.importRoster(actor, bytes);
  });
}
