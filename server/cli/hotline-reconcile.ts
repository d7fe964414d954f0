import { parseArgs } from 'node:util';
import { hotlineChannels, type HotlineChannel } from '../../shared/hotline/work-order';
import { reconcileDay } from '../commands/hotline';
import type { ReconcileDifference, ReconcileReport } from '../commands/hotline/reconcile';
import { loadConfig } from '../config';
import { mongoJobStore } from '../db/job-store';
import { ReferenceData } from '../reference/reference-data';
import { hotlineSetup } from '../hotline/setup';
import { caseCommandDeps } from '../wiring';
import { withCommandDatabase } from './database';

const describeDifference = (d: ReconcileDifference): string => {
  switch (d.kind) {
    case 'missing_here':
      return `  工单 ${d.number}：热线中心已派发（${d.centreState}），本平台没有收到`;
    case 'missing_there':
      return `  工单 ${d.number}：本平台有记录（${d.ourState}，案件 ${d.caseId}），热线中心当日清单中没有`;
    case 'no_case':
      return `  工单 ${d.number}：已登记但案件 ${d.caseId} 不存在（立案中断，重新推送或拉取即可补齐）`;
    case 'state_differs':
      return `  工单 ${d.number}：状态不一致，热线中心为 ${d.centreState}，本平台为 ${d.ourState}`;
  }
};

/** The report as printed: one line per difference, or a line saying the day agrees. */
function formatReconcileReport(report: ReconcileReport): string {
  const head = `${report.channel} 热线 ${report.day}：热线中心 ${report.centreCount} 件，本平台 ${report.ourCount} 件，差异 ${report.differences.length} 处`;
  return [head, ...report.differences.map(describeDifference)].join('\n');
}

/** `npm run hotline:reconcile -- --day YYYY-MM-DD [--channel 12345]`: compares our orders of a day with each centre's list. */
async function run(): Promise<void> {
  const { values } = parseArgs({ options: { day: { type: 'string' }, channel: { type: 'string' } } });
  if (!values.day || !/^\d{4}-\d{2}-\d{2}$/.test(values.day)) throw new Error('用法：npm run hotline:reconcile -- --day YYYY-MM-DD [--channel 12345|12319]');
  const config = loadConfig();
  const wanted = values.channel ? [values.channel] : hotlineChannels;
  const channels = hotlineChannels.filter((channel) => wanted.includes(channel) && config.hotline.channels[channel]);
  if (!channels.length) throw new Error('没有配置热线接口（HOTLINE_12345_BASE_URL 等），无法对账');
  const now = () => new Date();
  let differences = 0;
  await withCommandDatabase(config, async (database) => {
    const reference = await ReferenceData.load(database);
    const setup = hotlineSetup(database, { channels: config.hotline.channels, mapping: config.hotline.mapping, liveness: config.hotline.liveness, now });
    const deps = { ...caseCommandDeps(database, reference, now), jobs: mongoJobStore(database), ...setup };
    for (const channel of channels as HotlineChannel[]) {
      const report = await reconcileDay(deps, channel, values.day!);
      differences += report.differences.length;
      console.log(formatReconcileReport(report));
    }
  });
  // Differences are findings, not failures; a script may still want to know.
  process.exitCode = differences ? 2 : 0;
}

run().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
