import { rebuildStats } from '../commands/stats/rebuild';
import { loadConfig } from '../config';
import { mongoCaseStore } from '../db/case-store';
import { mongoStatsLedger } from '../db/stats-store';
import { withCommandDatabase } from './database';

/** `npm run stats:rebuild`: recomputes the statistics from the stored cases (recovery, or a change of what is counted). */
async function run(): Promise<void> {
  const config = loadConfig();
  await withCommandDatabase(config, async (database) => {
    const report = await rebuildStats({ cases: mongoCaseStore(database), ledger: mongoStatsLedger(database), now: () => new Date() });
    console.log(
      `统计已重建：${report.cases} 个案件，${report.events} 个计数事件，${report.documents} 个计数文档（删除 ${report.dropped} 个过时文档，${report.included} 个待汇总事件已计入）`,
    );
  });
}

run().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
