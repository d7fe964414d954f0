import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedEngine } from '../engine/ferretdb';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URI of the engine under test, without a database name. */
    engineUri: string;
  }
}

/**
 * One engine for the whole server test run; each test file opens a database of its own.
 * `TEST_MONGODB_URI` runs the same suite against a real MongoDB instead of FerretDB.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.TEST_MONGODB_URI;
  if (external) {
    project.provide('engineUri', external.replace(/\/+$/, ''));
    return async () => {};
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gzbh-test-engine-'));
  const engine = await startEmbeddedEngine({ dataDir, log: (line) => console.log(line) });
  project.provide('engineUri', engine.baseUri);
  return async () => {
    await engine.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
