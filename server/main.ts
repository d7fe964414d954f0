import path from 'node:path';
import pino from 'pino';
import { ConfigError, loadConfig } from './config';
import { openDatabase, syncIndexes } from './db/connection';
import { startEmbeddedEngine, type EngineHandle } from './engine/ferretdb';
import { createApp } from './http/app';
import { ReferenceData } from './reference/reference-data';
import { createEffectRunner } from './wiring';
import { ensurePortalBuilt } from './cli/portal';
import { seedDemoDistrict } from './seed/seed';
import { demoAccountsTable } from './seed/demo-accounts';
import { WeChatClient } from './wechat/client';
import { startFakeWeChat } from './wechat/fake-server';
import { databaseTokenStore } from './wechat/token-store';

/** `npm start`: engine (unless MONGODB_URI), indexes, demo seed when empty, portal build, API. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel });

  let engine: EngineHandle | undefined;
  let uri = config.mongodbUri;
  if (!uri) {
    engine = await startEmbeddedEngine({ dataDir: path.join(config.dataDir, 'db'), log: (line) => logger.info(line) });
    uri = `${engine.baseUri}/gongzhi_baohe`;
    logger.info({ dataDir: engine.dataDir }, '内置数据库 FerretDB 已启动');
  }

  const database = await openDatabase(uri);
  await syncIndexes(database);
  if (!config.production) {
    const seeded = await seedDemoDistrict(database);
    if (seeded.created) logger.info(seeded, '已写入演示数据（包河区）');
  }
  if (!config.production) await ensurePortalBuilt(config.h5Dir, (line) => logger.info(line));

  const reference = await ReferenceData.load(database);
  // Without WECHAT_API_BASE outside production a local fake stands in for WeChat, so the
  // mini-program login works on a laptop; production without it talks to WeChat itself.
  const fakeWeChat = !config.wechat.apiBase && !config.production ? await startFakeWeChat({ appId: config.wechat.appId, appSecret: config.wechat.appSecret }) : undefined;
  if (fakeWeChat) logger.info({ url: fakeWeChat.url }, '本地模拟微信接口已启动');
  const wechat = new WeChatClient({
    appId: config.wechat.appId,
    appSecret: config.wechat.appSecret,
    apiBase: fakeWeChat?.url ?? config.wechat.apiBase,
    tokenStore: databaseTokenStore(database),
  });
  const now = () => new Date();
  const app = createApp({ database, logger, config, reference, now, h5Dir: config.h5Dir, wechat });
  // The one loop that runs effects (outbox → jobs → handlers) and checks the clocks.
  const runner = createEffectRunner(database, reference, now, logger);
  runner.start();
  const server = app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const address = server.address();
  const url = config.publicBaseUrl ?? `http://${config.host}:${typeof address === 'object' && address ? address.port : config.port}/`;

  process.stdout.write(
    `\n共治包河 已启动 (${database.engine})\n  门户: ${url}\n  接口: ${url}api/health\n` +
      (config.production ? '' : `\n演示账号（密码均为 baohe2026）:\n${demoAccountsTable()}\n`),
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, '正在停止');
    await new Promise((resolve) => server.close(resolve));
    await runner.stop();
    await fakeWeChat?.close();
    await database.close();
    await engine?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
