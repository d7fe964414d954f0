import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Actor } from '../../shared/domain/roles';
import { actorOfAccount, findAccountByLoginKey, tokenIdentityOf } from '../auth/accounts';
import { signAccessToken } from '../auth/tokens';
import type { Database } from '../db/connection';
import { createApp, type AppDeps } from '../http/app';
import { ReferenceData } from '../reference/reference-data';
import { seedDemoDistrict } from '../seed/seed';
import { WeChatClient } from '../wechat/client';
import { startFakeWeChat, type FakeWeChat } from '../wechat/fake-server';
import { databaseTokenStore } from '../wechat/token-store';
import type { CaseStore, StatsStore } from '../commands/ports';
import type { HotlineSetup } from '../hotline/setup';
import { buildUseCases, type Wiring } from '../wiring';
import { buildFixtureDistrict } from './fixture-district';
import { dropTestDatabase, openTestDatabase } from './database';
import { startTestServer, type TestServer } from './http';
import { testClock, type TestClock } from './clock';
import { testLogger } from './logger';
import { defaultWeChatMessagesConfig } from '../../shared/wechat-messages/messages-config';
import type { VisitCategoryConfig } from '../../shared/visits/types';

export { testClock, type TestClock } from './clock';

export interface TestApp {
  database: Database;
  reference: ReferenceData;
  deps: AppDeps;
  /** What the app's use cases were built from: to build them again over another connection. */
  wiring: Wiring;
  server: TestServer;
  clock: TestClock;
  /** The actor of a seeded demo account (see server/seed/district.ts for usernames). */
  actor(username: string): Promise<Actor>;
  /** A bearer token for a seeded demo account. */
  token(username: string): Promise<string>;
  /** The fake WeChat server behind `deps.wechat`, with `startTestApp({ wechat: true })`. */
  fakeWeChat?: FakeWeChat;
  close(): Promise<void>;
}

/**
 * The whole API on a fresh database seeded with the demo district, on a free port, with a
 * controllable clock: what API tests start from.
 */
export interface TestAppOptions {
  label?: string;
  clock?: TestClock;
  production?: boolean;
  wechat?: boolean;
  /** Another engine than the run's shared one, and a fixed database name (to reopen it later). */
  engineUri?: string;
  databaseName?: string;
  /** Leave the database in place on close (the persistence test reopens it). */
  keepData?: boolean;
  /** `fixture`: the small district of server/testing/fixture-district.ts instead of the demo one. */
  district?: 'demo' | 'fixture';
  /** Wraps the case store the API writes through, e.g. with a barrier for race tests. */
  wrapCaseStore?: (store: CaseStore) => CaseStore;
  /** Another statistics store than the database's (fixed tallies: server/testing/stats.ts). */
  stats?: StatsStore;
  /** Connects the hotline adapters built over the test database (server/testing/hotline.ts). */
  hotline?: (database: Database) => HotlineSetup;
  /** Runs after the seed, before the reference data is loaded: extra units or accounts a test needs. */
  beforeLoad?: (database: Database) => Promise<void>;
  /** Another visit category list than the default nine. */
  visitCategories?: VisitCategoryConfig;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await openTestDatabase(options.label ?? 'api', { engineUri: options.engineUri, name: options.databaseName });
  await seedDemoDistrict(database, { hashPasswords: false, demoWeChat: false, district: options.district === 'fixture' ? buildFixtureDistrict() : undefined });
  await options.beforeLoad?.(database);
  const reference = await ReferenceData.load(database);
  const clock = options.clock ?? testClock();
  const uploadsDir = mkdtempSync(path.join(tmpdir(), 'gzbh-uploads-'));
  const wechatApp = { appId: 'wx-test', appSecret: 'test-secret' };
  const fakeWeChat = options.wechat ? await startFakeWeChat(wechatApp) : undefined;
  const wechat = fakeWeChat ? new WeChatClient({ ...wechatApp, apiBase: fakeWeChat.url, tokenStore: databaseTokenStore(database) }) : undefined;
  const wiring: Wiring = {
    database,
    reference,
    now: clock.now,
    uploadsDir,
    wechat,
    wrapCaseStore: options.wrapCaseStore,
    ...(options.stats ? { stats: options.stats } : {}),
    ...(options.hotline ? { hotline: options.hotline(database) } : {}),
    // A fresh key per app: each test's register is sealed under its own.
    visitKeys: [{ id: 'test1', key: randomBytes(32) }],
    ...(options.visitCategories ? { visitCategories: options.visitCategories } : {}),
  };
  const deps: AppDeps = {
    useCases: buildUseCases(wiring),
    logger: testLogger,
    now: clock.now,
    config: {
      production: options.production ?? false,
      jwt: { secret: randomBytes(32).toString('hex'), issuer: 'gongzhi-baohe-test', ttlSeconds: 3600 },
      uploads: { dir: uploadsDir, maxBytes: 2 * 1024 * 1024 },
      wechat: { ...wechatApp, apiBase: fakeWeChat?.url, messages: defaultWeChatMessagesConfig },
    },
  };
  const server = await startTestServer(createApp(deps));
  const accountOf = async (username: string) => {
    const account = await findAccountByLoginKey(database, `pw:${username}`);
    if (!account) throw new Error(`no demo account ${username}`);
    return account;
  };
  const actor = async (username: string) => {
    const found = actorOfAccount(await accountOf(username));
    if (!found) throw new Error(`demo account ${username} has an incomplete scope`);
    return found;
  };
  return {
    database,
    reference,
    deps,
    wiring,
    server,
    clock,
    actor,
    fakeWeChat,
    // The token names the account only: what it may do is read from the database per request.
    token: async (username) => signAccessToken(tokenIdentityOf(await accountOf(username)), deps.config.jwt),
    close: async () => {
      await server.close();
      await fakeWeChat?.close();
      if (options.keepData) await database.close();
      else await dropTestDatabase(database);
      rmSync(uploadsDir, { recursive: true, force: true });
    },
  };
}
