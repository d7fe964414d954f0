import Koa from 'koa';
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import type { Logger } from 'pino';
import type { Database } from '../db/connection';
import type { Config } from '../config';
import type { ReferenceData } from '../reference/reference-data';
import type { WeChatGateway } from '../wechat/gateway';
import { errorMiddleware, rethrowAsAppError } from './errors';
import { authenticate } from './auth';
import { jsonBodiesOnly } from './json-only';
import { methodNotAllowed } from './method-not-allowed';
import { staticPortal } from './static-portal';
import { healthRoutes } from '../routes/health';
import { authRoutes } from '../routes/auth/routes';
import { wechatAuthRoutes } from '../routes/auth/wechat';
import { catalogRoutes } from '../routes/catalog/routes';
import { caseRoutes } from '../routes/cases/routes';
import { placeRoutes } from '../routes/places/routes';
import { photoRoutes } from '../routes/photos/routes';
import { openapiRoutes } from '../routes/openapi';
import { accountRoutes } from '../routes/accounts/routes';
import type { AccountCommandDeps } from '../commands/accounts';
import { accountCommandDeps } from '../wiring';

/** What the HTTP layer needs, injected so tests can pass a test database and a fixed clock. */
export interface AppDeps {
  database: Database;
  logger: Logger;
  config: Pick<Config, 'production' | 'jwt' | 'uploads' | 'wechat'>;
  reference: ReferenceData;
  /** The current instant; tests pass a controllable clock. */
  now: () => Date;
  /** Directory of the H5 build served at `/`; absent in API-only tests. */
  h5Dir?: string;
  /** WeChat login and messages; absent, the WeChat routes answer 503. */
  wechat?: WeChatGateway;
  /** Account administration and the identity cache; built from `database` when absent. */
  accounts?: AccountCommandDeps;
}

/** Builds the Koa app without listening, so tests drive it directly. */
export function createApp(deps: AppDeps): Koa {
  const app = new Koa();
  app.use(errorMiddleware(deps.logger));
  app.use(jsonBodiesOnly(['/api/v1/photos']));
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: '256kb', encoding: 'utf-8', onError: rethrowAsAppError }));
  const accounts = deps.accounts ?? accountCommandDeps(deps.database, deps.reference, deps.now);
  app.use(authenticate(deps.config.jwt, accounts.identities));

  const router = new Router();
  healthRoutes(router, deps);
  authRoutes(router, deps);
  wechatAuthRoutes(router, deps);
  catalogRoutes(router, deps);
  caseRoutes(router, deps);
  placeRoutes(router, deps);
  photoRoutes(router, deps);
  accountRoutes(router, accounts);
  openapiRoutes(router, deps);
  app.use(router.routes());
  app.use(methodNotAllowed(router));

  if (deps.h5Dir) app.use(staticPortal(deps.h5Dir));
  return app;
}
