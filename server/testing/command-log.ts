import mongoose from 'mongoose';
import type { CommandStartedEvent } from 'mongodb';
import { inject } from 'vitest';
import type { Database } from '../db/connection';
import { registerModels } from '../db/models';
import { createApp } from '../http/app';
import { buildUseCases } from '../wiring';
import type { TestApp } from './app';
import { startTestServer, type TestServer } from './http';

/** The API on a test app's database, over a connection that records every command it sends. */
export interface MonitoredApp {
  database: Database;
  server: TestServer;
  /** Every command sent so far, in order. */
  commands: CommandStartedEvent[];
  close(): Promise<void>;
}

/**
 * Serves `app`'s API a second time, from a connection of its own with the driver's command
 * monitoring on: monitoring is fixed when a connection opens, so the test app's connection cannot
 * be switched over. Everything else (reference data, clock, tokens) is `app`'s.
 */
export async function startMonitoredApp(app: TestApp): Promise<MonitoredApp> {
  // The engine of the run, as openTestDatabase uses it; the database is the test app's own.
  const connection = mongoose.createConnection(`${inject('engineUri')}/${app.database.connection.name}`, {
    monitorCommands: true,
    // Indexes and collections exist already; only the scenario's own commands should be recorded.
    autoIndex: false,
    autoCreate: false,
    // As in openDatabase: FerretDB needs its commands serialised on one connection.
    maxPoolSize: app.database.engine === 'ferretdb' ? 1 : 20,
    serverSelectionTimeoutMS: 10_000,
  });
  await connection.asPromise();
  const commands: CommandStartedEvent[] = [];
  connection.getClient().on('commandStarted', (event) => commands.push(event));
  const database: Database = { connection, models: registerModels(connection), engine: app.database.engine, close: () => connection.close() };
  const server = await startTestServer(createApp({ ...app.deps, useCases: buildUseCases({ ...app.wiring, database }) }));
  return {
    database,
    server,
    commands,
    close: async () => {
      await server.close();
      await connection.close();
    },
  };
}
