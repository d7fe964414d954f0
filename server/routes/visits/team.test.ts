import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, testClock, type TestApp } from '../../testing/app';
import { registerTestPerson } from '../../testing/visits';

// The visit's second team member (同行人员) on the real engine: named from the grid's own team, never
// from another grid, never someone who cannot visit, never an id that names no one.
let app: TestApp;
let personId = '';
const ids: Record<string, string> = {};

const request = async (username: string, method: string, path: string, body?: unknown) => app.server.request(method, path, { token: await app.token(username), ...(body === undefined ? {} : { body }) });

const visitBody = (draftId: string, companionId: string) => ({ draftId, visitedAt: '2026-09-01T08:30:00+08:00', method: 'in_person', met: true, answers: { livesAlone: true, healthNote: '良好', emergencyContactReachable: true }, nextRisk: 'yellow', companionId });

beforeAll(async () => {
  app = await startTestApp({ label: 'visit-team', district: 'fixture', clock: testClock('2026-09-01T09:00:00+08:00') });
  const grid = (await app.actor('grid0101')) as { id: string; scope: { gridCode: string } };
  const otherGrid = [...app.reference.grids.values()].find((g) => g.code !== grid.scope.gridCode)!;
  const create = async (username: string, assignment: Record<string, string>) => {
    const created = await request('admin', 'POST', '/api/v1/accounts', { username, displayName: `测试${username}`, password: 'baohe2026-test', assignment });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    ids[username] = created.body.id;
  };
  await create('teammate01', { role: 'grid_member', gridCode: grid.scope.gridCode });
  await create('stranger02', { role: 'grid_member', gridCode: otherGrid.code });
  await create('gone01', { role: 'grid_member', gridCode: grid.scope.gridCode });
  expect((await request('admin', 'POST', `/api/v1/accounts/${ids.gone01}/disable`, { reason: '调岗' })).status).toBe(200);
  ids.grid0101 = grid.id;
  ids.member0101 = (await app.actor('member0101')).id;
  ids.community01 = (await app.actor('community01')).id;
  personId = await registerTestPerson(app);
}, 60_000);
afterAll(async () => app?.close());

it('lists the other grid members and leaders of the asker’s grid, names only, for grid staff alone', async () => {
  const team = await request('member0101', 'GET', '/api/v1/visits/team');
  expect(team.status).toBe(200);
  expect(team.body.items.map((m: { id: string }) => m.id).sort()).toEqual([ids.grid0101, ids.teammate01].sort());
  expect(Object.keys(team.body.items[0]).sort()).toEqual(['displayName', 'id', 'roleLabel']);
  for (const username of ['resident01', 'community01', 'admin']) expect((await request(username, 'GET', '/api/v1/visits/team')).status, username).toBe(403);
});

it('records a visit with a teammate as the second visitor', async () => {
  const visited = await request('member0101', 'POST', `/api/v1/visits/people/${personId}/visits`, visitBody('team-ok-0001', ids.teammate01!));
  expect(visited.status, JSON.stringify(visited.body)).toBe(201);
  expect(visited.body.visit.visitorIds).toEqual([ids.member0101, ids.teammate01]);
});

it('refuses as companion someone of another grid, a disabled account, the committee, an unknown id, or oneself: a field error, nothing stored', async () => {
  const cases: [string, string][] = [
    [ids.stranger02!, '同行人员须为本网格可走访该类别的网格员或网格长'],
    [ids.gone01!, '同行人员须为本网格可走访该类别的网格员或网格长'],
    [ids.community01!, '同行人员须为本网格可走访该类别的网格员或网格长'],
    ['0123456789abcdef01234567', '同行人员须为本网格可走访该类别的网格员或网格长'],
    ['not-an-id', '同行人员须为本网格可走访该类别的网格员或网格长'],
    [ids.member0101!, '同行人员不能是自己'],
  ];
  for (const [index, [companionId, message]] of cases.entries()) {
    const refused = await request('member0101', 'POST', `/api/v1/visits/people/${personId}/visits`, visitBody(`team-no-000${index}`, companionId));
    expect(refused.status, companionId).toBe(400);
    expect(refused.body.error.details.fields.companionId).toEqual([message]);
  }
  expect(await app.database.connection.db!.collection('visit_records').countDocuments({ personId })).toBe(1);
});
