import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../testing/app';
import { file, pointInGrid0101, uploadPhoto } from '../testing/cases';
import { startEmbeddedEngine } from './ferretdb';

const dataDir = mkdtempSync(path.join(tmpdir(), 'gzbh-persist-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe.runIf(!process.env.TEST_MONGODB_URI)('the embedded engine', () => {
  it('keeps what the API wrote across a stop and restart of the engine process', async () => {
    const firstEngine = await startEmbeddedEngine({ dataDir });
    const first = await startTestApp({ label: 'persist', engineUri: firstEngine.baseUri, databaseName: 'persist', keepData: true });
    const photo = await uploadPhoto(first, 'member0101');
    const filed = await file(first, 'member0101', { subcategoryCode: '02.02', description: '人行道板破损翘起，行人易绊倒', location: pointInGrid0101, photos: [photo] });
    await first.close();
    await firstEngine.stop();

    const secondEngine = await startEmbeddedEngine({ dataDir });
    try {
      expect(secondEngine.port).not.toBe(firstEngine.port);
      const second = await startTestApp({ label: 'persist', engineUri: secondEngine.baseUri, databaseName: 'persist', keepData: true });
      const read = await second.server.request('GET', `/api/v1/cases/${filed.id}`, { token: await second.token('member0101') });
      await second.close();
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ id: filed.id, number: filed.number, description: '人行道板破损翘起，行人易绊倒', status: 'submitted', version: 1 });
    } finally {
      await secondEngine.stop();
    }
  });
});
