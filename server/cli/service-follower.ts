import { loadConfig } from '../config';
import { mongoWeChatDirectory } from '../db/wechat-store';
import { withCommandDatabase } from './database';

/**
 * `npm run wechat:follower -- <unionid> <service-openid> [--unfollow]`: records that the WeChat
 * user with this unionid follows (or no longer follows) the district's service account, under
 * that openid. The seam until the service account's event push (subscribe / unsubscribe) or a
 * follower-list sync calls the same `recordServiceFollower`. On the embedded engine, run it with
 * the server stopped (one writing process per engine, see ferretdb.md).
 */
async function run(): Promise<void> {
  const [unionid, openid, flag] = process.argv.slice(2);
  if (!unionid || !openid || (flag !== undefined && flag !== '--unfollow')) {
    throw new Error('用法：npm run wechat:follower -- <unionid> <服务号 openid> [--unfollow]');
  }
  const config = loadConfig();
  await withCommandDatabase(config, async (database) => {
    const following = flag !== '--unfollow';
    await mongoWeChatDirectory(database).recordServiceFollower({ unionid, openid, following }, new Date());
    console.log(following ? `已记录：${unionid} 关注服务号（openid ${openid}）` : `已记录：${unionid} 取消关注服务号`);
  });
}

run().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
