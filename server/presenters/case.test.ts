/**
 * The privacy policy through the API, on the real engine: what each viewer of one case receives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../shared/time/calendar';
import { startTestApp, type TestApp } from '../testing/app';
import { act, file, uploadPhoto } from '../testing/cases';

let app: TestApp;
let caseId: string;
let photoId: string;
let filedBody: Record<string, unknown>;
const NAME = '王秀兰';
const PHONE = '13912345678';
const PLATE = '皖AD12345';
const description = `我是${NAME}，电话${PHONE}，物业保安的车${PLATE}天天堵在3号楼门口，投诉多次无人处理`;

const get = async (path: string, username?: string) =>
  app.server.request('GET', path, username ? { token: await app.token(username) } : {});
const download = async (path: string, username?: string) =>
  (await fetch(`${app.server.url}${path}`, { headers: username ? { authorization: `Bearer ${await app.token(username)}` } : {} })).status;

beforeAll(async () => {
  app = await startTestApp({ label: 'privacy' });
  photoId = await uploadPhoto(app, 'resident01');
  filedBody = await file(app, 'resident01', { subcategoryCode: '05.10', title: `${NAME}投诉物业`, description, compoundCode: 'C001', photos: [photoId] });
  caseId = filedBody.id as string;
});
afterAll(async () => app.close());

describe('the logged-out view of a case', () => {
  it('never shows the resident\u2019s words, name, phone, plate or photos (the regression: her description word for word)', async () => {
    const response = await get(`/api/v1/cases/${caseId}`);
    expect(response.status).toBe(200);
    expect(response.body.view).toBe('public');
    const text = JSON.stringify(response.body);
    for (const secret of [NAME, PHONE, PLATE, '3号楼门口', '投诉物业', photoId]) expect(text).not.toContain(secret);
    expect(response.body).not.toHaveProperty('description');
    expect(response.body).not.toHaveProperty('reporter');
    expect(response.body.title).toBe('物业服务投诉');
    expect(response.body.timeline).toEqual([{ seq: 1, type: 'file', label: '上报', at: expect.any(String), actor: { roleLabel: '居民' } }]);
  });

  it('keeps the same out of the public list', async () => {
    const response = await get('/api/v1/cases?view=public&limit=50');
    expect(response.status).toBe(200);
    const text = JSON.stringify(response.body);
    expect(text).toContain(caseId);
    for (const secret of [NAME, PHONE, '投诉物业', photoId]) expect(text).not.toContain(secret);
  });

  it('refuses the case\u2019s photos until a centre makes them public', async () => {
    expect(await download(`/api/v1/photos/${photoId}`)).toBe(401);
    expect(await download(`/api/v1/photos/${photoId}`, 'resident02')).toBe(403);
    expect(await download(`/api/v1/photos/${photoId}`, 'resident01')).toBe(200);
    expect(await download(`/api/v1/photos/${photoId}?size=thumb`, 'street01')).toBe(200);
  });
});

describe('the filer', () => {
  it('is told on filing what will be public, and warned of the personal data typed', () => {
    expect(filedBody.relation).toBe('filer');
    expect(filedBody.publicPreview).toMatchObject({
      personalDataFound: ['电话号码', '车牌号'],
      hiddenFromPublic: expect.arrayContaining(['问题描述', '您的姓名']),
    });
  });
});

describe('after acceptance with a public summary', () => {
  beforeAll(async () => {
    app.clock.advance(HOUR_MS);
    await act(app, 'street01', caseId, 'accept', {
      note: `已电话联系${NAME}（${PHONE}）`,
      publicSummary: `居民反映车辆${PLATE}长期占用楼栋出入口，联系电话${PHONE}，已受理`,
      publicPhotos: [photoId],
    });
  });

  it('shows the public the approved summary, masked, and the approved photo', async () => {
    const response = await get(`/api/v1/cases/${caseId}`);
    expect(response.body.publicSummary).toBe('居民反映车辆皖A*****5长期占用楼栋出入口，联系电话139****5678，已受理');
    expect(response.body.publicPhotos.map((p: { id: string }) => p.id)).toEqual([photoId]);
    expect(await download(`/api/v1/photos/${photoId}`)).toBe(200);
    const text = JSON.stringify(response.body);
    for (const secret of [NAME, PHONE, PLATE]) expect(text).not.toContain(secret);
  });

  it('shows a follower the staff notes, masked, but not the resident\u2019s own words', async () => {
    const response = await app.server.request('POST', `/api/v1/cases/${caseId}/follow`, { token: await app.token('resident02') });
    expect(response.status).toBe(200);
    expect(response.body.relation).toBe('follower');
    const accept = response.body.timeline.find((entry: { type: string }) => entry.type === 'accept');
    expect(accept.note).toBe(`已电话联系${NAME}（139****5678）`);
    expect(response.body.timeline[0]).not.toHaveProperty('note');
    expect(JSON.stringify(response.body)).not.toContain(PHONE);
  });

  it('gives the time left on the stage and on the case, from now', async () => {
    const staff = await get(`/api/v1/cases/${caseId}`, 'street01');
    expect(staff.body.view).toBe('full');
    expect(staff.body.reporter.phone).toBeDefined();
    // 05.10: dispatch 2 working hours; case 2 + 72 + 16 = 90 working hours, both from acceptance.
    expect(staff.body.clock).toMatchObject({ stage: 'dispatch', remainingMs: 2 * HOUR_MS, paused: false });
    expect(staff.body.caseClock).toMatchObject({ stage: 'case', stageLabel: '办结时限', limitMs: 90 * HOUR_MS, remainingMs: 90 * HOUR_MS });
    app.clock.advance(HOUR_MS / 2);
    const later = await get(`/api/v1/cases/${caseId}`);
    expect(later.body.clock.remainingMs).toBe(1.5 * HOUR_MS);
    expect(later.body.caseClock.remainingMs).toBe(89.5 * HOUR_MS);
  });
});
