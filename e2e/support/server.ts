import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { inject } from 'vitest';
import { startServerProcess, type ServerProcess } from '../../server/testing/server-process';
import { sessionSchema, type Session } from '../../shared/api/auth';
import { waitForPreparation } from './preparation';

/** Every demo account's password (server/seed/district.ts). */
export const DEMO_PASSWORD = 'baohe2026';

export interface PortalServer {
  /** `http://127.0.0.1:PORT`: the portal at `/`, the API under `/api`. */
  base: string;
  /** Its database on this run's engine (its own, dropped by `stop`). */
  databaseUri: string;
  process: ServerProcess;
  /** Signs in through the API as the app's login page does (`POST /api/v1/auth/login`). */
  signIn(username: string, password?: string): Promise<Session>;
  /** Stops the server, drops its database and removes its data dir. */
  stop(): Promise<void>;
}

/**
 * The real server (`server/main.ts`, as `npm start` runs it, development mode) as a child process
 * serving the built portal (`H5_DIR` = dist/h5) on a database of its own on this run's engine.
 * It seeds the demo district itself at start, as on a first `npm start`: 14 streets, the service
 * list, one demo account per role (resident01…03, street01, pm01, grid0101, admin, … all with the
 * password `baohe2026`), with the local fake WeChat. Waits for the run's preparation first.
 */
export async function startPortalServer(options: { label?: string; env?: Record<string, string> } = {}): Promise<PortalServer> {
  const { h5Dir } = await waitForPreparation();
  const label = (options.label ?? 'e2e').replace(/[^a-z0-9]/gi, '_').slice(0, 30);
  const databaseUri = `${inject('engineUri')}/e2e_${label}_${randomBytes(4).toString('hex')}`;
  const workDir = mkdtempSync(path.join(tmpdir(), 'gzbh-e2e-server-'));
  let server: ServerProcess;
  try {
    server = await startServerProcess({ databaseUri, workDir, env: { H5_DIR: h5Dir, ...options.env } });
  } catch (error) {
    rmSync(workDir, { recursive: true, force: true });
    throw error;
  }
  const signIn = async (username: string, password = DEMO_PASSWORD): Promise<Session> => {
    const response = await fetch(`${server.base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) throw new Error(`sign-in as ${username} answered ${response.status}: ${JSON.stringify(body)}`);
    return sessionSchema.parse(body);
  };
  return {
    base: server.base,
    databaseUri,
    process: server,
    signIn,
    stop: async () => {
      await server.stop();
      const client = new MongoClient(databaseUri, { serverSelectionTimeoutMS: 5_000 });
      try {
        await client.db().dropDatabase();
      } finally {
        await client.close();
      }
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}
