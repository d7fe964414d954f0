import mongoose from 'mongoose';
import type { CommandStartedEvent, Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { householdIdOf } from '../../shared/api/membership';
import type { MembershipStore } from '../commands/ports';
import type { Database } from './connection';
import { dropTestDatabase, openTestDatabase } from '../testing/database';
import { mongoMembershipStore } from './membership-store';
import { registerModels } from './models';
import { accountMembershipsSchema } from './schemas/membership';

/**
 * Every query the membership store sends to `account_memberships` is served on MongoDB by the
 * primary key or by a declared index whose key starts with the query's equality fields (in any
 * order). FerretDB scans whatever the indexes, so the engine cannot tell; the commands are
 * captured from the wire while the store does everything it can do.
 */

const declared = accountMembershipsSchema.indexes().map(([fields]) => Object.keys(fields));

/** The fields a filter compares for equality (a value or `$in`); other conditions are filtered after the index. */
const equalityFieldsOf = (filter: Document) =>
  Object.entries(filter)
    .filter(([field, condition]) => !field.startsWith('$') && (typeof condition !== 'object' || condition === null || condition instanceof Date || '$in' in condition || !Object.keys(condition).some((key) => key.startsWith('$'))))
    .map(([field]) => field);

/** The index serving a filter, or undefined for a collection scan. */
function servingIndex(filter: Document): string | undefined {
  const equality = equalityFieldsOf(filter);
  if (equality.includes('_id')) return '_id';
  if (equality.length === 0) return undefined;
  const index = declared.find((key) => equality.length <= key.length && key.slice(0, equality.length).every((field) => equality.includes(field)));
  return index?.join(',');
}

/** The filter of each query among `commands`: a find's, an update's, the leading `$match` of an aggregation. */
function queriesOf(commands: CommandStartedEvent[]): { command: string; filter: Document }[] {
  return commands.flatMap(({ commandName, command }) => {
    if (command[commandName] !== 'account_memberships') return [];
    if (commandName === 'find') return [{ command: commandName, filter: command.filter ?? {} }];
    if (commandName === 'update') return (command.updates as Document[]).map((update) => ({ command: commandName, filter: update.q as Document }));
    if (commandName === 'aggregate') return [{ command: commandName, filter: (command.pipeline as Document[])[0]?.$match ?? {} }];
    return [];
  });
}

let database: Database;
let monitored: mongoose.Connection;
const commands: CommandStartedEvent[] = [];
let store: MembershipStore;

beforeAll(async () => {
  database = await openTestDatabase('membership_indexes');
  monitored = mongoose.createConnection(`${inject('engineUri')}/${database.connection.name}`, { monitorCommands: true, autoIndex: false, autoCreate: false, maxPoolSize: 1 });
  await monitored.asPromise();
  monitored.getClient().on('commandStarted', (event) => commands.push(event));
  store = mongoMembershipStore({ connection: monitored, models: registerModels(monitored), engine: database.engine, close: () => monitored.close() });

  const staff = { decidedBy: 'staff' as const, decidedById: 'staff-1', decidedAt: new Date() };
  const claim = async (accountId: string, room: string) => {
    const home = { compoundCode: 'C001', buildingCode: 'B01', unit: '1', room };
    const stored = await store.claim({ accountId, accountName: accountId, ...home, householdId: householdIdOf(home), gridCode: 'G01', streetCode: 'ST01', relation: 'owner', status: 'pending', createdAt: new Date() });
    if (stored === 'duplicate') throw new Error('unexpected duplicate');
    return stored;
  };
  const first = await claim('a1', '101');
  await claim('a1', '102');
  await claim('a2', '103');
  await store.decideIfRevision(first.id, 0, { status: 'rejected', reason: '不符', ...staff });
  await claim('a1', '101');
  await store.findById(first.id);
  await store.ofAccount('a1');
  for (const filter of [{}, { status: 'pending' as const }, { compoundCodes: ['C001'] }, { compoundCodes: ['C001'], status: 'pending' as const }]) {
    const page = await store.list(filter, { limit: 1 });
    if (page.nextCursor) await store.list(filter, { limit: 1, cursor: page.nextCursor });
  }
  for (const votesPer of ['resident', 'household'] as const) {
    await store.countEligible({ kind: 'compound', compoundCode: 'C001' }, votesPer);
    await store.countEligible({ kind: 'buildings', compoundCode: 'C001', buildingCodes: ['B01'] }, votesPer);
    await store.countEligible({ kind: 'grid', gridCode: 'G01' }, votesPer);
  }
  await store.pendingOf(['C001:B01:1:101']);
});
afterAll(async () => {
  await monitored?.close();
  if (database) await dropTestDatabase(database);
});

describe('indexes of account_memberships', () => {
  it('captured finds by _id and by claim id, guarded updates and the aggregations', () => {
    const queries = queriesOf(commands);
    expect(queries.some((query) => query.command === 'find' && '_id' in query.filter)).toBe(true);
    expect(queries.some((query) => query.command === 'find' && 'homes.id' in query.filter)).toBe(true);
    expect(queries.some((query) => query.command === 'update' && 'version' in query.filter)).toBe(true);
    expect(queries.filter((query) => query.command === 'aggregate').length).toBeGreaterThanOrEqual(4 + 6 + 1);
  });

  it('serves every query from the primary key or a declared index, but the district-wide list of every status', () => {
    const unserved = queriesOf(commands)
      .filter((query) => !servingIndex(query.filter))
      .map((query) => `${query.command} ${JSON.stringify(query.filter)}`);
    // The district centre's list of every claim: a claim's order across accounts is no index's,
    // so it reads every account's document (on MongoDB as well).
    expect([...new Set(unserved)]).toEqual(['aggregate {}']);
  });

  it('reads the voter\'s homes by _id alone', () => {
    const reads = queriesOf(commands).filter((query) => query.command === 'find' && equalityFieldsOf(query.filter).includes('_id'));
    expect(reads.length).toBeGreaterThan(0);
    for (const read of reads) expect(Object.keys(read.filter)).toEqual(['_id']);
  });
});
