import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/app';
import { act, file } from '../../testing/cases';

// resident01 files A, resident02 files B an hour later, resident01 files C an hour after that;
// resident02 then follows A and C ("我也遇到").
let app: TestApp;
const ids = { a: '', b: '', c: '' };

beforeAll(async () => {
  app = await startTestApp({ label: 'mine' });
  const complaint = (description: string) => ({ subcategoryCode: '05.10', description, compoundCode: 'C001' });
  ids.a = (await file(app, 'resident01', complaint('小区垃圾桶满了三天没人清'))).id;
  app.clock.advance(3_600_000);
  ids.b = (await file(app, 'resident02', complaint('物业电话一直打不通'))).id;
  app.clock.advance(3_600_000);
  ids.c = (await file(app, 'resident01', complaint('楼道灯坏了一个月没人修'))).id;
  for (const id of [ids.a, ids.c]) {
    const followed = await app.server.request('POST', `/api/v1/cases/${id}/follow`, { token: await app.token('resident02') });
    if (followed.status !== 200) throw new Error(`follow: ${followed.status}`);
  }
});
afterAll(async () => app.close());

async function mine(username: string, query = '') {
  const response = await app.server.request('GET', `/api/v1/cases?view=mine${query}`, { token: await app.token(username) });
  expect(response.status).toBe(200);
  return response.body as { items: { id: string; followed: boolean }[]; nextCursor: string | null };
}

describe('the "mine" list', () => {
  it('holds the cases she follows beside those she filed, newest first, each marked', async () => {
    const { items, nextCursor } = await mine('resident02');
    expect(items.map(({ id, followed }) => ({ id, followed }))).toEqual([
      { id: ids.c, followed: true },
      { id: ids.b, followed: false },
      { id: ids.a, followed: true },
    ]);
    expect(nextCursor).toBeNull();
  });

  it('pages through both kinds with the same cursor, each case once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await mine('resident02', `&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items).toHaveLength(1);
      seen.push(page.items[0]!.id);
      cursor = page.nextCursor;
    } while (cursor && seen.length < 10);
    expect(seen).toEqual([ids.c, ids.b, ids.a]);
  });

  it('applies the filter to followed cases too', async () => {
    await act(app, 'street01', ids.a, 'accept');
    expect((await mine('resident02', '&status=accepted')).items.map((item) => item.id)).toEqual([ids.a]);
    expect((await mine('resident02', '&status=submitted')).items.map((item) => item.id)).toEqual([ids.c, ids.b]);
  });

  it('marks nothing as followed for the one who filed, and holds nobody else\'s cases', async () => {
    expect((await mine('resident01')).items.map(({ id, followed }) => ({ id, followed }))).toEqual([
      { id: ids.c, followed: false },
      { id: ids.a, followed: false },
    ]);
  });
});

describe('the detail of a followed case', () => {
  it('is shown to a follower as the privacy policy shows followers, and to a stranger as the public sees it', async () => {
    const asFollower = await app.server.request('GET', `/api/v1/cases/${ids.c}`, { token: await app.token('resident02') });
    const asStranger = await app.server.request('GET', `/api/v1/cases/${ids.c}`, { token: await app.token('resident03') });
    expect(asFollower.status).toBe(200);
    expect((asFollower.body as { relation: string }).relation).toBe('follower');
    expect((asStranger.body as { relation: string }).relation).toBe('public');
  });
});
