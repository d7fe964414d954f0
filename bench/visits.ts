import { randomBytes } from 'node:crypto';
import Koa from 'koa';
import Router from '@koa/router';
import pino from 'pino';
import type { Actor } from '../shared/domain/roles';
import { visitScopeOf } from '../shared/policies/visits';
import { baoheVisitCategories } from '../shared/visits/baohe-categories';
import { riskLevels } from '../shared/visits/types';
import { actorOfAccount, findAccountByLoginKey, tokenIdentityOf } from '../server/auth/accounts';
import { signAccessToken } from '../server/auth/tokens';
import type { Config } from '../server/config';
import type { Database } from '../server/db/connection';
import { mongoVisitStore } from '../server/db/visit-store';
import { createApp } from '../server/http/app';
import type { ReferenceData } from '../server/reference/reference-data';
import { buildUseCases } from '../server/wiring';
import { compare, type LoadOptions } from './load';

type Listen = (app: Koa) => Promise<{ url: string; close: () => Promise<unknown> }>;

const DAY_MS = 86_400_000;

async function actorOf(database: Database, username: string): Promise<{ actor: Actor; identity: ReturnType<typeof tokenIdentityOf> }> {
  const account = await findAccountByLoginKey(database, `pw:${username}`);
  const actor = account && actorOfAccount(account);
  if (!account || !actor) throw new Error(`no demo account ${username}`);
  return { actor, identity: tokenIdentityOf(account) };
}

/**
 * 入户走访: a grid member's worklist page of 20 (every field decrypted and masked, one audit line
 * written per person shown) against the same store query answered raw by a bare route: what the
 * privacy costs on top of the read. `people` are registered through the use cases, so every field
 * is sealed as in production; the measured clock is a year on, so all of them are overdue.
 */
export async function measureVisitWorklist(database: Database, reference: ReferenceData, config: Config, listen: Listen, options: LoadOptions & { rounds: number }, people = 200) {
  const visitKeys = [{ id: 'bench', key: randomBytes(32) }];
  const registering = buildUseCases({ database, reference, now: () => new Date(), uploadsDir: config.uploads.dir, visitKeys });
  const leader = await actorOf(database, 'grid0101');
  const member = await actorOf(database, 'member0101');
  const gridCode = leader.actor.role === 'grid_leader' ? leader.actor.scope.gridCode : '';
  const compound = [...reference.compounds.values()].find((c) => c.gridCode === gridCode && reference.communityOf(c.code));
  if (!compound) throw new Error('grid0101 has no compound with a committee');
  for (let index = 0; index < people; index += 1) {
    await registering.visits.register(leader.actor, {
      categoryCode: 'elderly_alone',
      risk: riskLevels[index % riskLevels.length]!,
      compoundCode: compound.code,
      name: `示例·老人${index}`,
      idNumber: `3401111940${String(index).padStart(8, '0')}`,
      phone: `139${String(index).padStart(8, '0')}`,
      address: `${(index % 30) + 1}栋${(index % 6) + 1}单元${100 + index}室`,
    });
  }

  const later = () => new Date(Date.now() + 365 * DAY_MS);
  const useCases = buildUseCases({ database, reference, now: later, uploadsDir: config.uploads.dir, visitKeys });
  const ours = await listen(createApp({ useCases, logger: pino({ level: 'silent' }), config, now: later }));
  const store = mongoVisitStore(database);
  const scope = visitScopeOf(member.actor, 'list', baoheVisitCategories.categories, undefined);
  if (!scope) throw new Error('member0101 may list no visit category');
  const bareApp = new Koa();
  const router = new Router();
  router.get('/bare/worklist', async (ctx) => {
    ctx.body = { items: (await store.listDue(scope, later(), { limit: 21 })).slice(0, 20) };
  });
  bareApp.use(router.routes());
  const bare = await listen(bareApp);
  try {
    const token = signAccessToken(member.identity, config.jwt);
    return await compare({ url: `${ours.url}/api/v1/visits/worklist?limit=20`, headers: { authorization: `Bearer ${token}` } }, { url: `${bare.url}/bare/worklist` }, options);
  } finally {
    await ours.close();
    await bare.close();
  }
}
