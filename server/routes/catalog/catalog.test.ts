import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baoheCatalog } from '../../../shared/catalog/baohe-catalog';
import type { Category } from '../../../shared/catalog/types';
import { startTestApp, type TestApp } from '../../testing/app';
import { file } from '../../testing/cases';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ label: 'catalog' });
});
afterAll(async () => app.close());

/** The shipped categories with 08.01's handle limit changed: an administrator's edit. */
function editedCategories(handleHours: number): Category[] {
  const categories = structuredClone(baoheCatalog.categories);
  const noise = categories.flatMap((category) => category.subcategories).find((subcategory) => subcategory.code === '08.01')!;
  noise.stages.handle.limit = { hours: handleHours, basis: 'working' };
  return categories;
}

const publish = async (body: unknown, as = 'admin') => app.server.request('POST', '/api/v1/catalog', { token: await app.token(as), body });
const hotlineNoise = { subcategoryCode: '08.01', description: '夜间商铺音响声音很大，影响休息', compoundCode: 'C001' };

describe('the service list as versioned data', () => {
  it('is readable by anyone', async () => {
    const response = await app.server.request('GET', '/api/v1/catalog');
    expect(response.status).toBe(200);
    expect(response.body.version).toBe(1);
    expect(response.body.categories).toHaveLength(11);
  });

  it('publishes an edit as a new version, while a case filed earlier keeps the limits it was filed under', async () => {
    const before = await file(app, 'street01', hotlineNoise);
    const published = await publish({ basedOn: 1, categories: editedCategories(2) });
    expect(published.status).toBe(201);
    expect(published.body.version).toBe(2);
    const after = await file(app, 'street01', hotlineNoise);
    expect(before.catalogVersion).toBe(1);
    expect(after.catalogVersion).toBe(2);
    expect((await app.server.request('GET', '/api/v1/catalog/versions/1')).body.version).toBe(1);
    expect((await app.server.request('GET', '/api/v1/catalog')).body.version).toBe(2);
  });

  it('refuses an edit based on an older version with 409', async () => {
    const response = await publish({ basedOn: 1, categories: editedCategories(3) });
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({ code: 'catalog.stale', details: { latestVersion: 2 } });
  });

  it('refuses a catalog with duplicate codes with 422 and the list of problems', async () => {
    const categories = editedCategories(4);
    categories[0]!.subcategories[1]!.code = categories[0]!.subcategories[0]!.code;
    const response = await publish({ basedOn: 2, categories });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('catalog.invalid');
    expect(response.body.error.details.problems.length).toBeGreaterThan(0);
    expect((await app.server.request('GET', '/api/v1/catalog')).body.version).toBe(2);
  });

  it('lets only administrators publish', async () => {
    const response = await publish({ basedOn: 2, categories: editedCategories(5) }, 'district');
    expect(response.status).toBe(403);
  });

  it('answers an unknown version with 404', async () => {
    expect((await app.server.request('GET', '/api/v1/catalog/versions/99')).status).toBe(404);
  });
});
