import { loadConfig } from '../config';
import { withCommandDatabase } from './database';
import { seedDemoDistrict } from '../seed/seed';

/** `npm run seed`: writes the demo district into the configured database; safe to repeat. */
async function run(): Promise<void> {
  const config = loadConfig();
  // Demo accounts share a published password: they must never exist in a real district.
  if (config.production) throw new Error('npm run seed writes demo accounts and is refused with NODE_ENV=production');
  await withCommandDatabase(config, async (database) => {
    const report = await seedDemoDistrict(database);
    console.log(report.created ? `已写入演示数据: ${JSON.stringify(report.inserted)}` : '演示数据已存在，未做改动');
  });
}

run().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
