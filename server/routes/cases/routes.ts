import type Router from '@koa/router';
import { z } from 'zod';
import { caseEventTypes } from '../../../shared/cases/events';
import { caseIdParamSchema, fileCaseSchema, listCasesSchema, nearbyCasesSchema } from '../../../shared/schemas/cases';
import { actOnCase, eventsFor, fileCaseCommand, followCase, listCases, loadCase, nearbyCases, suggestAssignment } from '../../commands/cases';
import { caseCommandDeps } from '../../wiring';
import { actorOf, optionalActorOf } from '../../http/auth';
import { errors } from '../../http/errors';
import { parseInput } from '../../http/validate';
import type { AppDeps } from '../../http/app';
import { presentCase, presentCaseSummary } from '../../presenters/case';

const eventParamsSchema = z.strictObject({
  id: caseIdParamSchema.shape.id,
  type: z.enum(caseEventTypes, '未知的操作'),
});
const ifMatchSchema = z.coerce.number().int().min(1);

/** Cases: file, list, nearby duplicates, detail, lifecycle events, "me too". */
export function caseRoutes(router: Router, deps: AppDeps): void {
  const commands = caseCommandDeps(deps.database, deps.reference, deps.now);

  router.post('/api/v1/cases', async (ctx) => {
    const actor = actorOf(ctx);
    const input = parseInput(fileCaseSchema, ctx.request.body);
    const record = await fileCaseCommand(commands, actor, input);
    ctx.status = 201;
    ctx.set('Location', `/api/v1/cases/${record.id}`);
    ctx.body = await presentCase(deps.reference, record, { actor }, eventsFor(commands, record, actor), deps.now());
  });

  router.get('/api/v1/cases', async (ctx) => {
    const actor = optionalActorOf(ctx);
    const query = parseInput(listCasesSchema, ctx.query);
    const page = await listCases(commands, actor, query);
    ctx.body = { items: await Promise.all(page.items.map((record) => presentCaseSummary(deps.reference, record, { actor }))), nextCursor: page.nextCursor };
  });

  router.get('/api/v1/cases/nearby', async (ctx) => {
    const actor = actorOf(ctx);
    const query = parseInput(nearbyCasesSchema, ctx.query);
    const { radiusM, items } = await nearbyCases(commands, query);
    ctx.body = { radiusM, items: await Promise.all(items.map((record) => presentCaseSummary(deps.reference, record, { actor }))) };
  });

  router.get('/api/v1/cases/:id', async (ctx) => {
    const actor = optionalActorOf(ctx);
    const { id } = parseInput(caseIdParamSchema, ctx.params);
    const record = await loadCase(commands, id);
    const allowed = eventsFor(commands, record, actor);
    ctx.set('ETag', `"${record.version}"`);
    const view = await presentCase(deps.reference, record, { actor }, allowed, deps.now());
    // Those who may dispatch see what the service list suggests, so dispatch is one tap.
    const dispatching = allowed.includes('dispatch') || allowed.includes('reassign');
    ctx.body = dispatching ? { ...view, suggestedAssignment: await suggestAssignment(commands, record) } : view;
  });

  router.post('/api/v1/cases/:id/events/:type', async (ctx) => {
    const actor = actorOf(ctx);
    const { id, type } = parseInput(eventParamsSchema, ctx.params);
    const ifMatch = ctx.get('if-match').replaceAll('"', '');
    const expectedVersion = ifMatch ? parseInput(z.object({ 'If-Match': ifMatchSchema }), { 'If-Match': ifMatch })['If-Match'] : undefined;
    const body = ctx.request.body ?? {};
    if (typeof body !== 'object' || Array.isArray(body)) throw errors.validation({ '(body)': ['请求体须为对象'] });
    const { record } = await actOnCase(commands, actor, id, type, body as Record<string, unknown>, expectedVersion);
    ctx.set('ETag', `"${record.version}"`);
    ctx.body = await presentCase(deps.reference, record, { actor }, eventsFor(commands, record, actor), deps.now());
  });

  router.post('/api/v1/cases/:id/follow', async (ctx) => {
    const actor = actorOf(ctx);
    const { id } = parseInput(caseIdParamSchema, ctx.params);
    const record = await followCase(commands, actor, id);
    ctx.body = await presentCase(deps.reference, record, { actor, isFollower: true }, eventsFor(commands, record, actor), deps.now());
  });
}
