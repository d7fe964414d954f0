import Koa from 'koa';
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import type { Logger } from 'pino';
import { defaultHttp, type Config } from '../config';
import type { UseCases } from '../commands/use-cases';
import { errorMiddleware, rethrowAsAppError } from './errors';
import { authenticate } from './auth';
import { exceptOn, jsonBodiesOnly } from './json-only';
import { limitConcurrencyPerClient } from './client-limit';
import { refuseHostileKeys } from './hostile-keys';
import { methodNotAllowed } from './method-not-allowed';
import { staticPortal } from './static-portal';
import { devWeChatPage, type DevWeChatMessage } from './dev-wechat-page';
import { devHotlinePage, type DevHotline } from './dev-hotline-page';
import { healthRoutes } from '../routes/health';
import { authRoutes } from '../routes/auth/routes';
import { wechatAuthRoutes } from '../routes/auth/wechat';
import { catalogRoutes } from '../routes/catalog/routes';
import { caseRoutes } from '../routes/cases/routes';
import { placeRoutes } from '../routes/places/routes';
import { photoRoutes } from '../routes/photos/routes';
import { openapiRoutes } from '../routes/openapi';
import { adminJobRoutes } from '../routes/admin/jobs';
import { adminVisitCategoryRoutes } from '../routes/admin/visit-categories';
import { accountRoutes } from '../routes/accounts/routes';
import { messageRoutes } from '../routes/messages/routes';
import { pollRoutes } from '../routes/polls/routes';
import { membershipRoutes, rosterImportPath } from '../routes/memberships/routes';
import { wechatSubscriptionRoutes } from '../routes/subscriptions/routes';
import { statsRoutes } from '../routes/stats/routes';
import { adminOpen311KeyRoutes } from '../routes/admin/open311-keys';
import { open311Routes } from '../open311/routes';
import type { RateLimit } from '../open311/rate-limit';
import { hotlineRoutes } from '../routes/hotline/routes';
import { visitRoutes } from '../routes/visits/routes';

/**
 * What the HTTP layer needs: the use cases, bound once to their adapters in server/wiring.ts (or to
 * in-memory ones), and no adapter itself, so a route cannot reach storage around a use case.
 */
export interface AppDeps {
  useCases: UseCases;
  logger: Logger;
  /** `http` is optional so API tests can leave it out: the defaults of `defaultHttp` apply. */
  config: Pick<Config, 'production' | 'jwt' | 'uploads' | 'wechat'> & Partial<Pick<Config, 'http'>>;
  /** The current instant; tests pass a controllable clock. */
  now: () => Date;
  /** Directory of the H5 build served at `/`; absent in API-only tests. */
  h5Dir?: string;
  /** The local fake WeChat's sent messages: `GET /dev/wechat` lists them (never in production). */
  devWeChat?: { messages: readonly DevWeChatMessage[] };
  /** Filings per Open311 API key (server/open311/rate-limit.ts); its default when absent. */
  open311RateLimit?: RateLimit;
  /** The local fake hotline centre: `GET /dev/hotline` sends a work order by hand (never in production). */
  devHotline?: DevHotline;
}

/** Routes whose handlers read the request body as raw bytes (photo uploads, roster CSV files). */
const rawBodyPaths = ['/api/v1/photos', rosterImportPath];

/** Builds the Koa app without listening, so tests drive it directly. */
export function createApp(deps: AppDeps): Koa {
  const app = new Koa();
  const http = deps.config.http ?? defaultHttp;
  app.proxy = http.trustProxy;
  // What reaches here happened after the response was decided: mostly a client that hung up
  // mid-upload. Logged, not printed to stderr by Koa's default handler.
  app.on('error', (error: Error, ctx?: { path?: string }) => deps.logger.warn({ err: error, path: ctx?.path }, '连接在响应完成前中断'));
  app.use(errorMiddleware(deps.logger));
  app.use(limitConcurrencyPerClient({ maxConcurrent: http.maxConcurrentPerClient }));
  // GeoReport v2 answers in its own error shape and takes form posts: served before the JSON API's body rules.
  app.use(open311Routes({ useCases: deps.useCases, logger: deps.logger, now: deps.now, production: deps.config.production, ...(deps.open311RateLimit ? { rateLimit: deps.open311RateLimit } : {}) }));
  app.use(jsonBodiesOnly(rawBodyPaths));
  // The JSON parser never sees a raw-body route: if it read the body there, the route would wait
  // for bytes already consumed.
  app.use(exceptOn(rawBodyPaths, bodyParser({ enableTypes: ['json'], jsonLimit: '256kb', encoding: 'utf-8', onError: rethrowAsAppError })));
  app.use(refuseHostileKeys());
  app.use(authenticate(deps.config.jwt, deps.useCases.accountAdmin.identities));

  const router = new Router();
  healthRoutes(router, deps);
  authRoutes(router, deps);
  wechatAuthRoutes(router, deps);
  catalogRoutes(router, deps);
  caseRoutes(router, deps);
  placeRoutes(router, deps);
  photoRoutes(router, deps);
  adminJobRoutes(router, deps);
  adminVisitCategoryRoutes(router, deps);
  messageRoutes(router, deps);
  pollRoutes(router, deps);
  membershipRoutes(router, deps);
  wechatSubscriptionRoutes(router, deps);
  statsRoutes(router, deps);
  adminOpen311KeyRoutes(router, deps);
  hotlineRoutes(router, deps);
  visitRoutes(router, deps);
  accountRoutes(router, deps.useCases.accountAdmin);
  openapiRoutes(router, deps);
  app.use(router.routes());
  app.use(methodNotAllowed(router));

  const devWeChat = deps.devWeChat;
  if (devWeChat && !deps.config.production) app.use(devWeChatPage(() => devWeChat.messages));
  if (deps.devHotline && !deps.config.production) app.use(devHotlinePage(deps.devHotline));
  if (deps.h5Dir) app.use(staticPortal(deps.h5Dir));
  return app;
}
