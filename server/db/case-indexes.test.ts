import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandStartedEvent, Document } from 'mongodb';
import { runDueSystemEvents } from '../commands/cases';
import type { Schema } from 'mongoose';
import { caseSchema } from './schemas/case';
import { inboxMessageSchema } from './schemas/inbox-message';
import { jobSchema } from './schemas/job';
import { createEffectRunner } from '../wiring';
import { mongoCaseStore } from './case-store';
import { mongoPhotoPort } from './photo-port';
import { startTestApp, type TestApp } from '../testing/app';
import { act, file } from '../testing/cases';
import { startMonitoredApp, type MonitoredApp } from '../testing/command-log';

/**
 * Every query the case store sends is served by an index we declare: one whose key starts with
 * the query's equality fields (in any order), then its sort fields in order, with any range field
 * after the equality prefix. FerretDB scans whatever the indexes, so the engine cannot tell us;
 * production MongoDB would, with slow lists. The queries are captured from the wire (command
 * monitoring) while the API serves every list view with each kind of filter and a second page,
 * nearby duplicates, detail, events, "me too" and a scheduler pass; the
 * indexes are read from the schema, which is what start-up creates.
 */

type IndexKey = [field: string, direction: number][];

/** The declared indexes of a collection's schema, as ordered key lists. */
const indexesOf = (schema: Schema): { name: string; key: IndexKey }[] =>
  schema.indexes().map(([fields]) => {
    const key = Object.entries(fields).map(([field, direction]) => [field, Number(direction)] as [string, number]);
    return { name: key.map(([field, direction]) => `${field}:${direction}`).join(','), key };
  });

/** The declared indexes of the cases collection. */
const declaredIndexes = indexesOf(caseSchema);

/** What one query asks of the database, reduced to what an index can serve. */
interface QueryShape {
  command: string;
  /** Fields compared for equality: a plain value, `$eq`, `$in`, or a member of an array field. */
  equality: string[];
  /** Fields bounded by `$lt`, `$lte`, `$gt` or `$gte`. */
  range: string[];
  sort: IndexKey;
  /** Conditions no index serves (`$ne`, `$exists`…): filtered after the index narrowed the documents. */
  residual: string[];
  /** A top-level `$or` over the sort fields only: the keyset cursor, served by the sort order itself. */
  cursor: boolean;
  byId: boolean;
  skip: boolean;
}

const rangeOperators = new Set(['$lt', '$lte', '$gt', '$gte']);
const equalityOperators = new Set(['$eq', '$in']);

const isOperatorObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && Object.keys(value).some((key) => key.startsWith('$'));

/** Reduces a filter and a sort to a shape; unknown top-level operators fail loudly so none slips past. */
function shapeOf(command: string, filter: Document, sort: Document | Map<string, unknown> | undefined, skip: unknown): QueryShape {
  // The driver sends a find's sort as a Map (it keeps the key order); tests pass plain objects.
  const sortEntries = sort instanceof Map ? [...sort.entries()] : Object.entries(sort ?? {});
  const sortKey: IndexKey = sortEntries.map(([field, direction]) => [field, Number(direction)]);
  const shape: QueryShape = { command, equality: [], range: [], sort: sortKey, residual: [], cursor: false, byId: false, skip: skip !== undefined && skip !== 0 };
  const sortFields = new Set(sortKey.map(([field]) => field));
  for (const [field, condition] of Object.entries(filter)) {
    if (field === '$or') {
      const branchFields = (condition as Document[]).flatMap((branch) => Object.keys(branch));
      if (branchFields.length > 0 && branchFields.every((name) => sortFields.has(name))) shape.cursor = true;
      else shape.residual.push(`$or(${branchFields.join(',')})`);
      continue;
    }
    if (field.startsWith('$')) throw new Error(`unclassified operator ${field} in ${JSON.stringify(filter)}`);
    if (!isOperatorObject(condition)) {
      shape.equality.push(field);
    } else {
      const operators = Object.keys(condition);
      if (operators.every((op) => rangeOperators.has(op))) shape.range.push(field);
      else if (operators.every((op) => equalityOperators.has(op))) shape.equality.push(field);
      else shape.residual.push(`${field}{${operators.join(',')}}`);
    }
  }
  shape.byId = shape.equality.includes('_id');
  shape.equality.sort();
  shape.range.sort();
  return shape;
}

/** The declared index that serves `shape`, the primary key for `_id` lookups, or undefined. */
function servingIndex(shape: QueryShape, indexes = declaredIndexes): string | undefined {
  if (shape.byId) return '_id (primary key)';
  // Nothing to seek or order by: that would be a collection scan, whatever the residual filter.
  if (shape.equality.length === 0 && shape.range.length === 0 && shape.sort.length === 0) return undefined;
  const wantedSort = shape.sort.filter(([field]) => !shape.equality.includes(field));
  for (const { name, key } of indexes) {
    const prefix = key.slice(0, shape.equality.length).map(([field]) => field);
    if (prefix.length !== shape.equality.length || !shape.equality.every((field) => prefix.includes(field))) continue;
    const rest = key.slice(shape.equality.length);
    if (rest.length < wantedSort.length || !wantedSort.every(([field], i) => rest[i]![0] === field)) continue;
    // An index is walked forwards or backwards, never in mixed directions.
    const forwards = wantedSort.every(([, direction], i) => rest[i]![1] === direction);
    const backwards = wantedSort.every(([, direction], i) => rest[i]![1] === -direction);
    if (!forwards && !backwards) continue;
    if (!shape.range.every((field) => rest.some(([name]) => name === field))) continue;
    return name;
  }
  return undefined;
}

const describeShape = (shape: QueryShape) =>
  [
    shape.command.padEnd(6),
    `eq[${shape.equality.join(',')}]`,
    shape.range.length ? `range[${shape.range.join(',')}]` : '',
    shape.sort.length ? `sort[${shape.sort.map(([f, d]) => `${f}:${d}`).join(',')}]` : '',
    shape.cursor ? 'cursor' : '',
    shape.residual.length ? `residual[${shape.residual.join(',')}]` : '',
    shape.skip ? 'SKIP' : '',
  ]
    .filter(Boolean)
    .join(' ');

/** The queries among the commands sent to a collection (cases by default); other commands there are listed as unclassified. */
function caseQueries(commands: CommandStartedEvent[], collection = 'cases'): { shapes: QueryShape[]; unclassified: string[] } {
  const shapes: QueryShape[] = [];
  const unclassified: string[] = [];
  for (const { commandName, command } of commands) {
    if (command[commandName] !== collection && command.collection !== collection) continue;
    switch (commandName) {
      case 'find':
        shapes.push(shapeOf('find', command.filter ?? {}, command.sort, command.skip));
        break;
      case 'update':
      case 'delete':
        for (const statement of command[`${commandName}s`] as Document[]) shapes.push(shapeOf(commandName, statement.q ?? {}, undefined, undefined));
        break;
      case 'findAndModify':
        shapes.push(shapeOf(commandName, command.query ?? {}, command.sort, undefined));
        break;
      case 'count':
      case 'distinct':
        shapes.push(shapeOf(commandName, command.query ?? {}, undefined, command.skip));
        break;
      case 'aggregate': {
        // What an index can serve is the leading $match and the $sort right after it.
        const stages = command.pipeline as Document[];
        const matched = stages[0]?.$match !== undefined;
        const sort = stages[matched ? 1 : 0]?.$sort;
        const skip = stages.find((stage) => stage.$skip !== undefined)?.$skip;
        shapes.push(shapeOf('aggregate', matched ? stages[0]!.$match : {}, sort, skip));
        break;
      }
      // Writes of whole documents and cursor continuations are not queries.
      case 'insert':
      case 'getMore':
      case 'killCursors':
        break;
      default:
        unclassified.push(`${commandName}: ${JSON.stringify(command)}`);
    }
  }
  return { shapes, unclassified };
}

describe('the index-coverage check itself', () => {
  const shape = (filter: Document, sort?: Document) => shapeOf('find', filter, sort, undefined);

  it.each([
    { name: 'a street list with a facet, newest first', filter: { facets: 'all', streetCode: 'ST01' }, sort: { filedAt: -1, _id: -1 }, served: true },
    { name: 'the same list walked oldest first (index read backwards)', filter: { streetCode: 'ST01', facets: 'all' }, sort: { filedAt: 1, _id: 1 }, served: true },
    { name: 'the second page (keyset cursor)', filter: { facets: 'all', streetCode: 'ST01', $or: [{ filedAt: { $lt: new Date() } }, { filedAt: new Date(), _id: { $lt: 'x' } }] }, sort: { filedAt: -1, _id: -1 }, served: true },
    { name: 'due cases in order', filter: { nextCheckAt: { $lte: new Date() } }, sort: { nextCheckAt: 1 }, served: true },
    { name: 'a lookup by _id with a residual condition', filter: { _id: 'a', followerIds: { $ne: 'r' } }, served: true },
    { name: 'a filter on a field no index starts with', filter: { status: 'submitted' }, sort: { filedAt: -1 }, served: false },
    { name: 'equality fields split by another key', filter: { streetCode: 'ST01', filedAt: new Date() }, served: false },
    { name: 'mixed sort directions', filter: { facets: 'all', streetCode: 'ST01' }, sort: { filedAt: -1, _id: 1 }, served: false },
    { name: 'a sort the index does not keep', filter: { facets: 'all' }, sort: { updatedAt: -1 }, served: false },
    { name: 'a residual condition alone (collection scan)', filter: { followerIds: { $ne: 'r' } }, served: false },
    { name: 'an $or over other fields than the sort, filtered after the facet index', filter: { facets: 'all', $or: [{ streetCode: 'ST01' }, { gridCode: 'ST01-G01' }] }, sort: { filedAt: -1, _id: -1 }, served: true },
  ])('$name → served: $served', ({ filter, sort, served }) => {
    expect(servingIndex(shape(filter, sort)) !== undefined).toBe(served);
  });

  it('reads the declared indexes from the schema', () => {
    expect(declaredIndexes.length).toBeGreaterThanOrEqual(8);
    expect(declaredIndexes.map((index) => index.name)).toContain('streetCode:1,facets:1,filedAt:-1,_id:-1');
  });
});

let app: TestApp;
let monitored: MonitoredApp;
/** The scenario's cases: the first claimed by pm01, the second dispatched, the third only filed. */
const ids: string[] = [];
/** How many list requests the scenario made: each must show up as a query. */
let listRequests = 0;
/** The views exercised, so that the number of distinct shapes can be held against it. */
const viewsExercised = new Set<string>();

/** Every filter a list accepts, one at a time (the schema allows one), and none. */
const filters = ['', 'status=dispatched', 'group=open', 'categoryCode=05', 'subcategoryCode=05.10', 'overdue=true', 'supervised=true'];

/** Each view as the account whose scope it lists; inbox once per kind of scope field. */
const viewers: { query: string; username?: string }[] = [
  { query: 'view=public' },
  { query: 'view=public&streetCode=ST01' },
  { query: 'view=public&gridCode=ST01-G01' },
  { query: 'view=mine', username: 'resident01' },
  { query: 'view=inbox', username: 'pm01' },
  { query: 'view=inbox', username: 'street01' },
  { query: 'view=inbox', username: 'grid0101' },
  { query: 'view=inbox', username: 'community01' },
  { query: 'view=inbox', username: 'district' },
  { query: 'view=cohandling', username: 'dept-market01' },
  { query: 'view=street', username: 'street01' },
  { query: 'view=street&streetCode=ST01', username: 'district' },
  { query: 'view=grid', username: 'grid0101' },
  { query: 'view=grid&gridCode=ST01-G01', username: 'street01' },
  { query: 'view=community', username: 'community01' },
  { query: 'view=district', username: 'district' },
];

async function get(path: string, username?: string) {
  const response = await monitored.server.request('GET', path, { token: username ? await app.token(username) : undefined });
  if (response.status !== 200) throw new Error(`GET ${path} as ${username ?? 'anonymous'}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

beforeAll(async () => {
  app = await startTestApp({ label: 'case_indexes' });
  monitored = await startMonitoredApp(app);
  // The scenario runs on the monitored server; the helpers' `app` argument only picks the server.
  const onMonitored = { ...app, server: monitored.server };

  // Three complaints at C001: two dispatched to pm01 with dept-market01 cohandling, one claimed,
  // so every view has at least two cases and therefore a second page.
  for (let i = 0; i < 3; i += 1) {
    const filed = await file(onMonitored, 'resident01', { subcategoryCode: '05.10', description: `物业服务问题第${i + 1}次反映`, compoundCode: 'C001' });
    ids.push(filed.id);
  }
  for (const id of ids.slice(0, 2)) {
    await act(onMonitored, 'street01', id, 'accept');
    await act(onMonitored, 'street01', id, 'dispatch', {
      leadUnitCode: 'U-PM-030',
      leadUnitType: 'property_company',
      cohandlers: [{ unitCode: 'U-ST01-MARKET', unitType: 'market_supervision' }],
    });
  }
  await act(onMonitored, 'pm01', ids[0]!, 'claim');
  await act(onMonitored, 'pm01', ids[0]!, 'progress', { note: '已约谈保洁公司' });

  // Detail, "me too", nearby duplicates.
  await get(`/api/v1/cases/${ids[1]}`, 'street01');
  const follow = await monitored.server.request('POST', `/api/v1/cases/${ids[1]}/follow`, { token: await app.token('resident02') });
  if (follow.status !== 200) throw new Error(`follow: ${follow.status} ${JSON.stringify(follow.body)}`);
  const located = await get(`/api/v1/cases/${ids[1]}`, 'street01');
  await get(`/api/v1/cases/nearby?subcategoryCode=05.10&lng=${located.location.lng}&lat=${located.location.lat}`, 'resident02');

  // A scheduler pass a month on: warnings, overdue and escalation for all three, so the
  // overdue and supervised facets have cases too.
  const monthLater = new Date(app.clock.now().getTime() + 30 * 86_400_000);
  const pass = await runDueSystemEvents({ store: mongoCaseStore(monitored.database), reference: app.reference, photos: mongoPhotoPort(monitored.database), now: () => monthLater });
  if (pass.applied === 0) throw new Error('the scheduler pass applied nothing: the scenario lost its due cases');

  for (const { query, username } of viewers) {
    viewsExercised.add(query.split('&')[0]!);
    for (const filter of filters) {
      const path = `/api/v1/cases?${query}${filter ? `&${filter}` : ''}&limit=1`;
      const first = await get(path, username);
      listRequests += 1;
      if (first.nextCursor) {
        await get(`${path}&cursor=${first.nextCursor}`, username);
        listRequests += 1;
      } else if (!filter) {
        throw new Error(`${query} as ${username ?? 'anonymous'} has no second page: the scenario does not exercise the cursor`);
      }
    }
  }

  // The effects of all the above, run by the job runner on the monitored connection: outbox
  // relay, leases, handlers (a merge's followers, inbox messages), completion; then the admin
  // list with its cursor and a refused retry.
  const duplicate = await file(onMonitored, 'resident03', { subcategoryCode: '05.10', description: '物业服务问题又一次反映', compoundCode: 'C001' });
  await act(onMonitored, 'street01', duplicate.id, 'merge', { intoCaseId: ids[1] });
  const runner = createEffectRunner(monitored.database, app.reference, () => monthLater, { info: () => {}, error: () => {} }, { random: () => 0.5 });
  const report = await runner.drain();
  if (report.done === 0) throw new Error('the runner ran no job: the scenario lost its effects');
  const jobsPage = await get('/api/v1/admin/jobs?status=done&limit=1', 'admin');
  await get(`/api/v1/admin/jobs?status=done&limit=1&cursor=${jobsPage.nextCursor}`, 'admin');
  await monitored.server.request('POST', `/api/v1/admin/jobs/${jobsPage.items[0].id}/retry`, { token: await app.token('admin') });

  // The inboxes the handlers wrote, read by a resident and by staff of a shared inbox: a page
  // and the next, unread only, the count, one read, all read.
  for (const username of ['resident01', 'pm01']) {
    const messages = await get('/api/v1/messages?limit=1', username);
    await get(`/api/v1/messages?limit=1&unread=true&cursor=${messages.nextCursor}`, username);
    await get('/api/v1/messages/unread-count', username);
    await monitored.server.request('POST', `/api/v1/messages/${messages.items[0].id}/read`, { token: await app.token(username) });
    await monitored.server.request('POST', '/api/v1/messages/read-all', { token: await app.token(username) });
  }
}, 120_000);
afterAll(async () => {
  await monitored?.close();
  await app?.close();
});

describe('every query of the case store has a declared index', () => {
  it('classifies every command sent to the cases collection', () => {
    expect(caseQueries(monitored.commands).unclassified).toEqual([]);
  });

  it('captured the queries of every view, the cursor, nearby, detail, events, follow and the scheduler', () => {
    const { shapes } = caseQueries(monitored.commands);
    const distinct = new Set(shapes.map(describeShape));
    expect(viewsExercised.size).toBe(8);
    expect(distinct.size).toBeGreaterThanOrEqual(viewsExercised.size);
    // One list request, one find sorted by filing time.
    expect(shapes.filter((shape) => shape.command === 'find' && shape.sort[0]?.[0] === 'filedAt').length).toBeGreaterThanOrEqual(listRequests);
    expect(shapes.some((shape) => shape.cursor)).toBe(true);
    expect(shapes.some((shape) => shape.range.includes('nextCheckAt'))).toBe(true);
    expect(shapes.some((shape) => shape.range.includes('location.lat'))).toBe(true);
    expect(shapes.some((shape) => shape.command === 'find' && shape.byId)).toBe(true);
    expect(shapes.some((shape) => shape.command === 'update' && shape.byId && shape.equality.includes('version'))).toBe(true);
    expect(shapes.some((shape) => shape.command === 'update' && shape.residual.some((r) => r.startsWith('followerIds')))).toBe(true);
    for (const scope of ['reporterId', 'followerIds', 'leadUnitCode', 'streetCode', 'gridCode', 'communityUnitCode']) {
      expect(shapes.some((shape) => shape.equality.includes(scope)), scope).toBe(true);
    }
    expect(shapes.some((shape) => shape.equality.some((field) => field.startsWith('cohandler')))).toBe(true);
  });

  it('serves each captured query shape from a declared index (equality prefix, then sort, range after the prefix)', () => {
    const { shapes } = caseQueries(monitored.commands);
    const table = [...new Map(shapes.map((shape) => [describeShape(shape), shape])).entries()].map(([text, shape]) => ({ text, index: servingIndex(shape) }));
    const unserved = table.filter((row) => !row.index);
    const printed = table.map((row) => `${row.index ? 'ok  ' : 'NONE'}  ${row.text}${row.index ? `  ← ${row.index}` : ''}`).join('\n');
    expect(unserved, `query shapes of the cases collection:\n${printed}\n\ndeclared indexes:\n${declaredIndexes.map((i) => `  ${i.name}`).join('\n')}`).toEqual([]);
  });

  it('lists the cohandler\'s cases by facet from its one index', async () => {
    const listed = async (filter: string) => (await get(`/api/v1/cases?view=cohandling${filter}`, 'dept-market01')).items.map((item: { id: string }) => item.id);
    // Filed at the same test-clock instant, so their order is the _id tie-break's.
    expect((await listed('')).sort()).toEqual([ids[0], ids[1]].sort());
    expect(await listed('&status=in_progress')).toEqual([ids[0]]);
    expect(await listed('&status=dispatched')).toEqual([ids[1]]);
    expect(await listed('&group=closed')).toEqual([]);
  });

  it.each([
    { collection: 'jobs', indexes: indexesOf(jobSchema), expected: ['update', 'find'] },
    { collection: 'inbox_messages', indexes: indexesOf(inboxMessageSchema), expected: ['find', 'aggregate', 'update'] },
  ])('serves every query of the $collection collection (runner, handlers, admin list, messages API) from a declared index', ({ collection, indexes, expected }) => {
    const { shapes, unclassified } = caseQueries(monitored.commands, collection);
    expect(unclassified).toEqual([]);
    for (const command of expected) expect(shapes.some((shape) => shape.command === command), command).toBe(true);
    const unserved = shapes.filter((shape) => !servingIndex(shape, indexes)).map(describeShape);
    expect(unserved, `declared: ${indexes.map((index) => index.name).join(' | ')}`).toEqual([]);
  });

  it('captured the relay and the merge handler on the cases collection', () => {
    const { shapes } = caseQueries(monitored.commands);
    expect(shapes.some((shape) => shape.range.includes('outboxSince'))).toBe(true);
    expect(shapes.some((shape) => shape.command === 'update' && shape.residual.some((r) => r.startsWith('appliedEffectKeys')))).toBe(true);
  });

  it('never pages with skip (keyset cursors only)', () => {
    const skipping = caseQueries(monitored.commands).shapes.filter((shape) => shape.skip);
    expect(skipping.map(describeShape)).toEqual([]);
  });
});
