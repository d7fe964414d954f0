import type Router from '@koa/router';
import {
  accountIdParamSchema,
  changeAssignmentSchema,
  createAccountSchema,
  disableAccountSchema,
  listAccountsQuerySchema,
  resetPasswordSchema,
} from '../../../shared/api/accounts';
import {
  changeAssignment,
  createAccount,
  disableAccount,
  enableAccount,
  getAccount,
  listAccounts,
  resetPassword,
  type AccountCommandDeps,
} from '../../commands/accounts';
import { actorOf } from '../../http/auth';
import { parseInput } from '../../http/validate';
import { presentAccount } from '../../presenters/account';

/**
 * Account administration: the district's admin manages every account, a street centre's
 * dispatcher those of its street (see server/commands/accounts.ts). Every change answers the
 * account as it now is, with its audit trail.
 */
export function accountRoutes(router: Router, commands: AccountCommandDeps): void {
  router.get('/api/v1/accounts', async (ctx) => {
    const actor = actorOf(ctx);
    const query = parseInput(listAccountsQuerySchema, ctx.query);
    const page = await listAccounts(commands, actor, query);
    ctx.body = { items: page.items.map((account) => presentAccount(account)), nextCursor: page.nextCursor };
  });

  router.post('/api/v1/accounts', async (ctx) => {
    const actor = actorOf(ctx);
    const input = parseInput(createAccountSchema, ctx.request.body);
    ctx.status = 201;
    ctx.body = presentAccount(await createAccount(commands, actor, input), { withAudit: true });
  });

  router.get('/api/v1/accounts/:id', async (ctx) => {
    const actor = actorOf(ctx);
    const { id } = parseInput(accountIdParamSchema, ctx.params);
    ctx.body = presentAccount(await getAccount(commands, actor, id), { withAudit: true });
  });

  router.put('/api/v1/accounts/:id/assignment', async (ctx) => {
    const actor = actorOf(ctx);
    const { id } = parseInput(accountIdParamSchema, ctx.params);
    const input = parseInput(changeAssignmentSchema, ctx.request.body);
    ctx.body = presentAccount(await changeAssignment(commands, actor, id, input), { withAudit: true });
  });

  router.post('/api/v1/accounts/:id/disable', async (ctx) => {
    const actor = actorOf(ctx);
    const { id } = parseInput(accountIdParamSchema, ctx.params);
    const { reason } = parseInput(disableAccountSchema, ctx.request.body);
    ctx.body = presentAccount(await disableAccount(commands, actor, id, reason), { withAudit: true });
  });

  router.post('/api/v1/accounts/:id/enable', async (ctx) => {
    const actor = actorOf(ctx);
    const { id } = parseInput(accountIdParamSchema, ctx.params);
    ctx.body = presentAccount(await enableAccount(commands, actor, id), { withAudit: true });
  });

  router.post('/api/v1/accounts/:id/password', async (ctx) => {
    const actor = actorOf(ctx);
    const { id } = parseInput(accountIdParamSchema, ctx.params);
    const { password } = parseInput(resetPasswordSchema, ctx.request.body);
    ctx.body = presentAccount(await resetPassword(commands, actor, id, password), { withAudit: true });
  });
}
