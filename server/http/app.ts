import Koa from 'koa';
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import type { Logger } from 'pino';
import type { Database } from '../db/connection';
import { errorMiddleware, rethrowAsAppError } from './errors';
import { healthRoutes } from '../routes/health';
import { staticPortal } from './static-portal';

export interface AppDeps {
  database: Database;
  logger: Logger;
  /** Directory of the H5 build served at `/`; absent in API-only tests. */
  h5Dir?: string;
}

/** Builds the Koa app without listening, so tests drive `app.callback()` directly. */
export function createApp(deps: AppDeps): Koa {
  const app = new Koa();
  app.proxy = false;
  app.use(errorMiddleware(deps.logger));
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: '256kb', encoding: 'utf-8', onError: rethrowAsAppError }));

  const api = new Router();
  healthRoutes(api, deps);
  app.use(api.routes());
  app.use(api.allowedMethods());

  if (deps.h5Dir) app.use(staticPortal(deps.h5Dir));
  return app;
}
