import path from 'node:path';
import pino from 'pino';
import { ConfigError, loadConfig } from './config';
import { openDatabase, syncIndexes } from './db/connection';
import { startEmbeddedEngine, type EngineHandle } from './engine/ferretdb';
import { createApp } from './http/app';
import { ReferenceData } from './reference/reference-data';
import { buildUseCases, createEffectRunner, publishHintsOnWrite } from './wiring';
import { ensurePortalBuilt } from './cli/portal';
import { reachableUrl, startupBanner } from './cli/banner';
import { listen } from './http/server';
import { seedDemoDistrict } from './seed/seed';
import { seedDemoVisitPeople } from './seed/visit-people';
import { demoAccountsTable } from './seed/demo-accounts';
import { WeChatClient } from './wechat/client';
import { startFakeWeChat } from './wechat/fake-server';
import { databaseTokenStore } from './wechat/token-store';
import { inProcessEventBus } from './realtime/in-process-bus';
import { redisEventBus } from './realtime/redis-bus';
import { createLiveHub } from './realtime/live-hub';
import { startFakeHotlineCentre } from './hotline/fake-centre';
import { hotlineSetup } from './hotline/setup';
import { devHotlineSecrets, devOrderFrom } from './hotline/dev-order';
import { ensureHotlineIndexes } from './db/hotline-store';

/** `npm start`: engine (unless MONGODB_URI), indexes, demo seed when empty, portal build, API. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel });

  let engine: EngineHandle | undefined;
  let uri = config.mongodbUri;
  if (!uri) {
    engine = await startEmbeddedEngine({ dataDir: path.join(config.dataDir, 'db'), log: (line) => logger.info(line) });
    uri = `${engine.baseUri}/gongzhi_baohe`;
    logger.info({ dataDir: engine.dataDir, enginePid: engine.pid }, '内置数据库 FerretDB 已启动');
  }

  const database = await openDatabase(uri);
  await syncIndexes(database);
  // The demo register of home visits is written with the demo district, on a fresh database only.
  let freshDemo = false;
  if (!config.production) {
    const seeded = await seedDemoDistrict(database);
    freshDemo = seeded.created;
    if (seeded.created) logger.info(seeded, '已写入演示数据（包河区）');
  }
  if (!config.production) await ensurePortalBuilt(config.h5Dir, (line) => logger.info(line));

  const reference = await ReferenceData.load(database);
  // Without WECHAT_API_BASE outside production a local fake stands in for WeChat, so the
  // mini-program login works on a laptop; production without it talks to WeChat itself.
  const fakeWeChat = !config.wechat.apiBase && !config.production ? await startFakeWeChat({ appId: config.wechat.appId, appSecret: config.wechat.appSecret }) : undefined;
  if (fakeWeChat) logger.info({ url: fakeWeChat.url, sentMessages: '/dev/wechat' }, '本地模拟微信接口已启动，已发送的消息见 /dev/wechat');
  const wechat = new WeChatClient({
    appId: config.wechat.appId,
    appSecret: config.wechat.appSecret,
    apiBase: fakeWeChat?.url ?? config.wechat.apiBase,
    tokenStore: databaseTokenStore(database),
  });
  const now = () => new Date();
  // Without hotline credentials outside production a local fake centre stands in for 12345 and 12319.
  const fakeHotline = config.hotline.fake ? await startFakeHotlineCentre({ secrets: devHotlineSecrets, mapping: config.hotline.mapping, now }) : undefined;
  const hotlineChannels = fakeHotline
    ? { '12345': { baseUrl: fakeHotline.url, appKey: 'dev', secret: devHotlineSecrets['12345'] }, '12319': { baseUrl: fakeHotline.url, appKey: 'dev', secret: devHotlineSecrets['12319'] } }
    : config.hotline.channels;
  const hotline = Object.keys(hotlineChannels).length ? hotlineSetup(database, { channels: hotlineChannels, mapping: config.hotline.mapping, liveness: config.hotline.liveness, now }) : undefined;
  if (hotline) await ensureHotlineIndexes(database);
  const useCases = buildUseCases({ database, reference, now, uploadsDir: config.uploads.dir, wechat, messages: config.wechat.messages, visitKeys: config.visits.keys, ...(hotline ? { hotline } : {}) });
  if (freshDemo && config.visits.keys?.length) {
    const people = await seedDemoVisitPeople(database, useCases, reference, now());
    if (people) logger.info({ people }, '已写入入户走访演示人员（网格 member0101）');
  }
  const devHotline = fakeHotline && { send: (fields: Record<string, unknown>) => fakeHotline.push(devOrderFrom(fields, now())).then(([hook]) => ({ status: hook!.status, answer: hook!.answer })), calls: () => fakeHotline.calls };
  const app = createApp({ useCases, logger, config, now, h5Dir: config.h5Dir, open311RateLimit: config.open311, ...(fakeWeChat ? { devWeChat: fakeWeChat } : {}), ...(devHotline ? { devHotline } : {}) });
  // One process: events stay inside it. Several: Redis carries them to every process's sockets.
  const onBusError = (error: unknown) => logger.error({ err: error }, '事件总线出错');
  const redisBus = config.redisUrl ? redisEventBus(config.redisUrl, onBusError) : undefined;
  if (redisBus) await redisBus.ready;
  const bus = redisBus ?? inProcessEventBus(onBusError);
  publishHintsOnWrite(database, bus, onBusError);
  // The one loop that runs effects (outbox → jobs → handlers, WeChat messages among them) and checks the clocks.
  const runner = config.runJobs
    ? createEffectRunner(database, reference, now, logger, { bus, visitRetentionDays: config.visits.retentionDays, visitAuditRetentionDays: config.visits.auditRetentionDays, wechat: { sender: wechat, messages: config.wechat.messages, appId: config.wechat.appId }, ...(hotline ? { hotline, hotlinePollMs: config.hotline.pollMs } : {}) })
    : undefined;
  runner?.start();
  if (!runner) logger.info('本进程不运行后台任务（RUN_JOBS=false），由另一进程运行');
  const listening = await listen(app, config);
  if (fakeHotline) {
    fakeHotline.connect(`http://127.0.0.1:${listening.port}`);
    logger.info({ url: fakeHotline.url, page: '/dev/hotline' }, '本地模拟热线中心已启动，可在 /dev/hotline 手工推送工单');
  }
  const live = createLiveHub({ useCases, bus, jwt: config.jwt, logger, now, limits: config.live, trustProxy: config.http.trustProxy });
  live.attach(listening.server);
  const url = config.publicBaseUrl ?? reachableUrl(config.host, listening.port);
  process.stdout.write(
    startupBanner({ url, engine: database.engine, production: config.production, demoAccounts: config.production ? undefined : demoAccountsTable() }),
  );

  let stopping = false;
  const shutdown = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, '正在停止');
    // A step that hangs must not leave a half-stopped process behind.
    setTimeout(() => {
      logger.error('停止超时，强制退出');
      process.exit(1);
    }, 20_000).unref();
    let exitCode = 0;
    try {
      await live.close();
      await listening.close();
      await runner?.stop();
      await redisBus?.close();
      await fakeWeChat?.close();
      await fakeHotline?.close();
      await database.close();
      await engine?.stop();
    } catch (error) {
      logger.error({ err: error }, '停止时出错');
      exitCode = 1;
    }
    if (exitCode === 0) logger.info('已停止');
    process.exit(exitCode);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal));
  stopWhenLauncherEnds(() => void shutdown('launcher gone'));
}

/**
 * `npm start` runs us under tsx (and npm); if the launcher is killed outright no signal reaches
 * us. Losing tsx's IPC channel, or being re-parented, means nobody can stop us anymore: stop.
 */
function stopWhenLauncherEnds(stop: () => void): void {
  if (process.send) process.once('disconnect', stop);
  const launcher = process.ppid;
  setInterval(() => {
    if (process.ppid !== launcher) stop();
  }, 1_000).unref();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
