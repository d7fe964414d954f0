import { parseArgs } from 'node:util';
import { mappedCodeCount, unmappedCodes } from '../../shared/hotline/mappings';
import { hotlineChannels, type HotlineChannel } from '../../shared/hotline/work-order';
import { loadConfig } from '../config';
import { mongoHotlineOrderStore } from '../db/hotline-store';
import { ReferenceData } from '../reference/reference-data';
import { withCommandDatabase } from './database';

const DAY_MS = 86_400_000;

/**
 * `npm run hotline:mapping -- [--days 30]`: the report of unmapped codes. How many centre codes the
 * configured mapping translates, the category codes of orders received in the last days that it
 * does not know (those cases went to the fallback subcategory), mapped codes whose subcategory the
 * current catalog lacks, and our satisfaction scores with no code to send back. Exit 2 when any.
 */
async function run(): Promise<void> {
  const { values } = parseArgs({ options: { days: { type: 'string', default: '30' } } });
  const days = Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 366) throw new Error('用法：npm run hotline:mapping -- [--days 1..366]');
  const config = loadConfig();
  const mapping = config.hotline.mapping;
  let findings = 0;
  await withCommandDatabase(config, async (database) => {
    const now = new Date();
    const catalog = await (await ReferenceData.load(database)).latestCatalog(now.getTime());
    const subcategories = new Set(catalog.categories.flatMap((category) => category.subcategories.map((subcategory) => subcategory.code)));
    const orders = mongoHotlineOrderStore(database);
    const seen: Partial<Record<HotlineChannel, string[]>> = {};
    for (const channel of hotlineChannels) {
      seen[channel] = (await orders.receivedBetween(channel, new Date(now.getTime() - days * DAY_MS), now)).map((order) => order.centreCategoryCode);
    }
    const report = unmappedCodes(mapping, seen, subcategories);
    const counts = mappedCodeCount(mapping);
    console.log(`热线编码对照表 第${mapping.version}版：共 ${counts.total} 个分类编码（12345：${counts['12345']}，12319：${counts['12319']}）`);
    for (const channel of hotlineChannels) {
      const unknown = report.categories[channel];
      console.log(`${channel} 近${days}天收到 ${seen[channel]!.length} 件，未对照的分类编码 ${unknown.length} 个${unknown.length ? `：${unknown.join('、')}` : ''}`);
      if (report.satisfactionGaps[channel].length) console.log(`${channel} 无法回传的满意度分值：${report.satisfactionGaps[channel].join('、')}`);
      findings += unknown.length + report.satisfactionGaps[channel].length;
    }
    for (const dangling of report.danglingTargets) console.log(`${dangling.channel} 编码 ${dangling.code} 对应的小类 ${dangling.subcategoryCode} 不在当前分类目录中`);
    findings += report.danglingTargets.length;
  });
  process.exitCode = findings ? 2 : 0;
}

run().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
