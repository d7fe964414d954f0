import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureBrowserInstalled } from './browser-install';
import { h5Dir, portalStaleReason, startPortalBuild, type PortalBuild } from './portal-build';

/** What the browser project's global setup hands its test files (next to `engineUri`). */
export interface E2EPreparation {
  /** The built portal the servers under test serve (`H5_DIR`). */
  h5Dir: string;
  /** A JSON file: `{ state: 'preparing' | 'ready' | 'failed', message? }`; test files wait for ready. */
  statusFile: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: E2EPreparation;
  }
}

export type PreparationStatus = { state: 'preparing' } | { state: 'ready'; seconds: number } | { state: 'failed'; message: string };

/**
 * The browser project's own preparation, once per run: Debian's chromium and CJK fonts (apt, only
 * when missing) and the H5 portal build (only when dist/h5 is missing or older than its sources;
 * `E2E_REBUILD=1` forces it). Both run in the background: vitest runs every project's global setup
 * before any test, so waiting here would hold the other projects back for the length of a build.
 * Test files wait for the status file instead (`waitForPreparation`), so only the browser tests
 * wait. The engine comes from the server project's global setup, listed beside this one.
 */
export default function setup(project: TestProject): () => Promise<void> {
  const runDir = mkdtempSync(path.join(tmpdir(), 'gzbh-e2e-'));
  const statusFile = path.join(runDir, 'preparation.json');
  // Written aside and renamed, so a test file never reads half a status.
  const write = (status: PreparationStatus) => {
    writeFileSync(`${statusFile}.tmp`, JSON.stringify(status));
    renameSync(`${statusFile}.tmp`, statusFile);
  };
  write({ state: 'preparing' });
  const log = (line: string) => console.log(`[browser] ${line}`);
  const started = Date.now();
  let build: PortalBuild | undefined;
  const preparing = (async () => {
    const installing = ensureBrowserInstalled({ log });
    const reason = process.env.E2E_REBUILD === '1' ? 'E2E_REBUILD=1' : portalStaleReason();
    if (reason) {
      log(`building the H5 portal into dist/h5 (${reason})…`);
      build = startPortalBuild();
      await build.done;
      log(`H5 portal built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    await installing;
  })().then(
    () => write({ state: 'ready', seconds: (Date.now() - started) / 1000 }),
    (error: unknown) => write({ state: 'failed', message: error instanceof Error ? error.message : String(error) }),
  );
  project.provide('e2e', { h5Dir, statusFile });
  return async () => {
    build?.cancel();
    await preparing;
    rmSync(runDir, { recursive: true, force: true });
  };
}
