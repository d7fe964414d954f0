import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role, Scope } from '../../../shared/domain/roles';
import { baoheVisitCategories } from '../../../shared/visits/baohe-categories';
import type { VisitCategory, VisitCategoryConfig } from '../../../shared/visits/types';
import { startTestApp, testClock, type TestApp } from '../../testing/app';

// Publishing the visit category list on the real engine: versions, validation, a category in use,
// and a new category's owners seeing its people with no code change.
let app: TestApp;
let compoundA = '';

const request = async (username: string | undefined, method: string, path: string, body?: unknown) =>
  app.server.request(method, path, { ...(username ? { token: await app.token(username) } : {}), ...(body === undefined ? {} : { body }) });

async function addAccount(username: string, role: Role, scope: Scope) {
  await app.database.models.Account.create({ loginKey: `pw:${username}`, username, displayName: username, role, scope, demo: true });
}

const drugRehab: VisitCategory = {
  ...baoheVisitCategories.categories[0],
  code: 'drug_rehab',
  name: '社区戒毒社区康复人员',
  ownerUnitType: 'police_station',
  handledBy: ['grid_leader'],
  questions: [{ key: 'checkedIn', label: '按时报到', kind: 'boolean', required: true, sensitive: false }],
};
const nextVersion = (version: number, categories = baoheVisitCategories.categories): VisitCategoryConfig => ({ version, effectiveFrom: '2026-09-01T00:00:00+08:00', categories });

beforeAll(async () => {
  app = await startTestApp({
    label: 'visit-categories',
    district: 'fixture',
    clock: testClock('2026-09-01T09:00:00+08:00'),
    beforeLoad: async (database) => {
      const unit = (code: string, type: string, streetCode: string) => ({ code, name: code, type, streetCode, phone: '0551-00000000' });
      await database.models.Unit.insertMany([unit('U-ST01-POLICEY', 'police_station', 'ST01'), unit('U-ST01-HEALTHY', 'health', 'ST01')]);
    },
  });
  const grid = (await app.actor('member0101')) as { scope: { gridCode: string } };
  compoundA = [...app.reference.compounds.values()].find((c) => c.gridCode === grid.scope.gridCode && app.reference.communityOf(c.code))!.code;
  await addAccount('district-admin', 'admin', {});
  await addAccount('police-y', 'department', { unitCode: 'U-ST01-POLICEY' });
  await addAccount('health-y', 'department', { unitCode: 'U-ST01-HEALTHY' });
}, 60_000);
afterAll(async () => app?.close());

describe('the category list in force', () => {
  it('is the default nine while none is published, and only the administrator may read or publish it', async () => {
    const view = await request('district-admin', 'GET', '/api/v1/admin/visit-categories');
    expect(view.status).toBe(200);
    expect(view.body.current.version).toBe(1);
    expect(view.body.current.categories).toHaveLength(baoheVisitCategories.categories.length);
    expect(view.body.history).toEqual([]);
    expect((await request('grid0101', 'GET', '/api/v1/admin/visit-categories')).status).toBe(403);
    expect((await request('grid0101', 'POST', '/api/v1/admin/visit-categories', nextVersion(2))).status).toBe(403);
  });

  it('refuses a bad list with field errors at the path of the problem, and stores nothing', async () => {
    const categories = structuredClone(baoheVisitCategories.categories);
    categories[3].questions = [{ ...categories[3].questions[0], key: '1bad' }];
    const response = await request('district-admin', 'POST', '/api/v1/admin/visit-categories', nextVersion(2, categories));
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.error.details.fields)).toContain('categories.3.questions.0.key');
    expect(await app.database.models.VisitCategoryVersion.countDocuments()).toBe(0);
  });

  it('answers 422 for what the document cannot state: a choice question without options, a category code used twice', async () => {
    const categories = structuredClone(baoheVisitCategories.categories);
    categories[3].questions = [{ key: 'pick', label: '选择', kind: 'choice', required: true, sensitive: false }];
    categories[4].code = categories[5].code;
    const response = await request('district-admin', 'POST', '/api/v1/admin/visit-categories', nextVersion(2, categories));
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('visit.categories_invalid');
    expect(response.body.error.details.fields).toMatchObject({ 'categories.3.questions.0.options': ['选择题须列出选项'], 'categories.5.code': ['类别编号重复'] });
    expect(await app.database.models.VisitCategoryVersion.countDocuments()).toBe(0);
  });

  it('refuses a list dated to start later: a list is in force from its publication', async () => {
    const response = await request('district-admin', 'POST', '/api/v1/admin/visit-categories', { ...nextVersion(2), effectiveFrom: '2026-10-01T00:00:00+08:00' });
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({ code: 'visit.categories_future', details: { fields: { effectiveFrom: ['生效时间不能晚于现在：新版本自发布起生效'] } } });
    expect(await app.database.models.VisitCategoryVersion.countDocuments()).toBe(0);
  });

  it('wants exactly the next version number', async () => {
    for (const version of [1, 3]) {
      const response = await request('district-admin', 'POST', '/api/v1/admin/visit-categories', nextVersion(version));
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('visit.categories_stale');
    }
  });

  it('puts a new category in force for registering, and its owner type in the street sees its people while another type does not', async () => {
    const published = await request('district-admin', 'POST', '/api/v1/admin/visit-categories', nextVersion(2, [...baoheVisitCategories.categories, drugRehab]));
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    const registered = await request('grid0101', 'POST', '/api/v1/visits/people', { categoryCode: 'drug_rehab', risk: 'yellow', compoundCode: compoundA, name: '钱七', idNumber: '340111199001011234', phone: '13900001111', address: '包河区某小区1栋' });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    const police = await request('police-y', 'GET', '/api/v1/visits/people');
    expect(police.body.items.map((p: { id: string }) => p.id)).toContain(registered.body.id);
    const health = await request('health-y', 'GET', '/api/v1/visits/people');
    expect(health.status === 403 || !health.body.items.some((p: { id: string }) => p.id === registered.body.id)).toBe(true);
    const view = await request('district-admin', 'GET', '/api/v1/admin/visit-categories');
    expect(view.body.current.version).toBe(2);
    expect(view.body.history).toMatchObject([{ version: 2, publishedBy: expect.any(String), categoryCount: baoheVisitCategories.categories.length + 1 }]);
  });

  it('refuses to drop a category that still has active people, naming it, and keeps every version', async () => {
    const response = await request('district-admin', 'POST', '/api/v1/admin/visit-categories', nextVersion(3));
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({ code: 'visit.categories_in_use', details: { codes: ['drug_rehab'] } });
    const kept = await request('district-admin', 'POST', '/api/v1/admin/visit-categories', nextVersion(3, [...baoheVisitCategories.categories, { ...drugRehab, name: '社区戒毒人员' }]));
    expect(kept.status).toBe(201);
    expect(await app.database.models.VisitCategoryVersion.countDocuments()).toBe(2);
  });

  it('lets a category go once its people are archived; the committee still reads and exports them until the purge, no one else does', async () => {
    const people = await request('grid0101', 'GET', '/api/v1/visits/people');
    const person = people.body.items.find((p: { category: { code: string } }) => p.category.code === 'drug_rehab');
    const archived = await request('grid0101', 'POST', `/api/v1/visits/people/${person.id}/archive`, { version: person.version, reason: 'moved_away', leftAt: '2026-09-01T09:00:00+08:00' });
    expect(archived.status, JSON.stringify(archived.body)).toBe(200);
    expect((await request('district-admin', 'POST', '/api/v1/admin/visit-categories', nextVersion(4))).status).toBe(201);
    const read = await request('community01', 'GET', `/api/v1/visits/people/${person.id}`);
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    expect(read.body.person.category).toEqual({ code: 'drug_rehab', name: '社区戒毒人员' });
    const exported = await request('community01', 'POST', `/api/v1/visits/people/${person.id}/export`, { reason: '本人申请查阅' });
    expect(exported.status, JSON.stringify(exported.body)).toBe(200);
    for (const username of ['grid0101', 'police-y']) expect((await request(username, 'GET', `/api/v1/visits/people/${person.id}`)).status, username).toBe(403);
  });
});
