import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/app';
import { act, file, pointInGrid0101, uploadPhoto } from '../../testing/cases';
import { drainEffects } from '../../testing/jobs';
import { baoheCatalog } from '../../../shared/catalog/baohe-catalog';
import { findSubcategory } from '../../../shared/catalog/catalog';
import { transition } from '../../../shared/cases/machine';
import { mongoCaseStore } from '../../db/case-store';

let app: TestApp;
let original: { id: string };
// ~10 m north-east of the first report: the same broken paving, seen by a neighbour.
const nextDoor = { lng: pointInGrid0101.lng + 0.0001, lat: pointInGrid0101.lat + 0.00005 };

beforeAll(async () => {
  app = await startTestApp({ label: 'duplicates' });
  original = await file(app, 'resident01', {
    subcategoryCode: '02.02',
    description: '人行道板破损翘起，老人差点绊倒',
    location: pointInGrid0101,
    photos: [await uploadPhoto(app, 'resident01')],
  });
});
afterAll(async () => app.close());

const nearby = async (subcategoryCode: string, point: { lng: number; lat: number }, as: string | null = 'resident02') =>
  app.server.request('GET', `/api/v1/cases/nearby?subcategoryCode=${subcategoryCode}&lng=${point.lng}&lat=${point.lat}`, {
    token: as ? await app.token(as) : undefined,
  });

describe('duplicates at filing', () => {
  it('offers an open case of the same subcategory within its radius, in the public form', async () => {
    const response = await nearby('02.02', nextDoor);
    expect(response.status).toBe(200);
    expect(response.body.radiusM).toBe(30);
    expect(response.body.items.map((item: { id: string }) => item.id)).toEqual([original.id]);
    expect(response.body.items[0].address).not.toContain('人行道板破损翘起');
  });

  it('offers nothing beyond the radius or for another subcategory', async () => {
    expect((await nearby('02.02', { lng: pointInGrid0101.lng + 0.003, lat: pointInGrid0101.lat })).body.items).toEqual([]);
    expect((await nearby('01.04', nextDoor)).body.items).toEqual([]);
  });

  it('answers only the signed-in, so the places it matches cannot be probed anonymously', async () => {
    expect((await nearby('02.02', nextDoor, null)).status).toBe(401);
  });

  it('measures exact positions: a case 150 m away is not offered for a 50 m radius, one 30 m away is', async () => {
    // 暴露垃圾 (01.01) has a 50 m radius. The probes lie east and west of the exact point; its
    // public place is ~50 m north-east, so the eastern probe is ~115 m from it and matched when
    // distances were measured to the public place widened by its coarsening.
    const metresOfLng = 111_320 * Math.cos((pointInGrid0101.lat * Math.PI) / 180);
    const east150 = { lng: pointInGrid0101.lng + 150 / metresOfLng, lat: pointInGrid0101.lat };
    const west30 = { lng: pointInGrid0101.lng - 30 / metresOfLng, lat: pointInGrid0101.lat };
    const rubbish = await file(app, 'resident03', { subcategoryCode: '01.01', description: '路边堆着一大堆垃圾没人清理', location: pointInGrid0101, photos: [await uploadPhoto(app, 'resident03', 7)] });

    const far = await nearby('01.01', east150);
    expect(far.body.radiusM).toBe(50);
    expect(far.body.items).toEqual([]);
    const near = await nearby('01.01', west30);
    expect(near.body.items.map((item: { id: string }) => item.id)).toEqual([rubbish.id]);
    // Offered in the public form: the coarse place only, never the exact point it was matched on.
    expect(JSON.stringify(near.body.items[0])).not.toContain(String(pointInGrid0101.lng));
  });

  it('offers nothing for a subcategory whose radius is zero', async () => {
    const response = await nearby('07.10', pointInGrid0101);
    expect(response.body).toEqual({ radiusM: 0, items: [] });
  });
});

describe('me too (我也遇到)', () => {
  it('counts each resident once', async () => {
    const token = await app.token('resident02');
    const first = await app.server.request('POST', `/api/v1/cases/${original.id}/follow`, { token });
    const again = await app.server.request('POST', `/api/v1/cases/${original.id}/follow`, { token });
    expect(first.status).toBe(200);
    expect(first.body.followers).toBe(1);
    expect(again.body.followers).toBe(1);
  });

  it('refuses the reporter following their own case and staff following at all', async () => {
    const own = await app.server.request('POST', `/api/v1/cases/${original.id}/follow`, { token: await app.token('resident01') });
    expect(own.status).toBe(409);
    expect(own.body.error.code).toBe('case.own_case');
    const staff = await app.server.request('POST', `/api/v1/cases/${original.id}/follow`, { token: await app.token('street01') });
    expect(staff.status).toBe(403);
  });
});

describe('merging a duplicate', () => {
  it('closes the duplicate as merged and makes its reporter a follower of the original', async () => {
    const duplicate = await file(app, 'resident03', {
      subcategoryCode: '02.02',
      description: '这里人行道砖坏了好几块',
      location: nextDoor,
      photos: [await uploadPhoto(app, 'resident03')],
    });
    await act(app, 'street01', original.id, 'accept');
    const merged = await act(app, 'street01', duplicate.id, 'merge', { intoCaseId: original.id });
    expect(merged.status).toBe('merged');
    expect(merged.mergedInto).toBe(original.id);
    // The follower is an effect of the merge, run by the job runner after the merge is stored.
    await drainEffects(app);
    const target = await app.server.request('GET', `/api/v1/cases/${original.id}`, { token: await app.token('street01') });
    expect(target.body.followers).toBe(2);
  });
});

describe('dispatch suggestion', () => {
  it('proposes the unit the service list names for the place, with its cohandlers', async () => {
    const elevator = await file(app, 'resident01', { subcategoryCode: '05.01', description: '电梯运行中突然下坠', compoundCode: 'C001' });
    await act(app, 'street01', elevator.id, 'accept');
    const view = await app.server.request('GET', `/api/v1/cases/${elevator.id}`, { token: await app.token('street01') });
    expect(view.body.suggestedAssignment).toMatchObject({
      leadUnitType: 'property_company',
      leadUnit: { code: 'U-PM-030' },
      cohandlers: [{ code: 'U-ST01-MARKET', type: 'market_supervision' }],
    });
    const residentView = await app.server.request('GET', `/api/v1/cases/${elevator.id}`, { token: await app.token('resident01') });
    expect(residentView.body).not.toHaveProperty('suggestedAssignment');
  });

  it('proposes the street unit for a street problem', async () => {
    const view = await app.server.request('GET', `/api/v1/cases/${original.id}`, { token: await app.token('street01') });
    expect(view.body.suggestedAssignment.leadUnit.code).toBe('U-ST01-MUNICIPAL');
  });
});

describe('the follower count', () => {
  it('survives a step written from a record read before the follow', async () => {
    const store = mongoCaseStore(app.database);
    const filed = await file(app, 'member0101', { subcategoryCode: '08.01', description: '夜间商铺音响声音很大', compoundCode: 'C001' });
    const stale = (await store.findById(filed.id))!;
    expect(await store.addFollower(filed.id, 'resident-x')).toBe(true);
    const accepted = transition(stale, { type: 'accept' }, { actor: await app.actor('street01'), now: app.clock.now(), subcategory: noiseSubcategory(), calendar: app.reference.calendar });
    if (!accepted.ok) throw new Error(accepted.error.message);
    expect(await store.replaceIfVersion(accepted.next, stale.version, [])).toBe(true);
    expect((await store.findById(filed.id))!.followers).toBe(1);
  });
});

function noiseSubcategory() {
  return findSubcategory(baoheCatalog, '08.01')!.subcategory;
}

describe('the reach of dispatch and merge', () => {
  it('refuses a street unit of another street as lead or cohandler', async () => {
    const noise = await file(app, 'member0101', { subcategoryCode: '08.01', description: '夜间广场舞音响扰民', compoundCode: 'C001' });
    await act(app, 'street01', noise.id, 'accept');
    const token = await app.token('street01');
    const lead = await app.server.request('POST', `/api/v1/cases/${noise.id}/events/dispatch`, { token, body: { leadUnitCode: 'U-ST02-URBAN', leadUnitType: 'urban_management' } });
    expect(lead.status).toBe(422);
    expect(lead.body.error.details.fields).toHaveProperty('leadUnitCode');
    const cohandler = await app.server.request('POST', `/api/v1/cases/${noise.id}/events/dispatch`, {
      token,
      body: { leadUnitCode: 'U-ST01-URBAN', leadUnitType: 'urban_management', cohandlers: [{ unitCode: 'U-ST02-POLICE', unitType: 'police_station' }] },
    });
    expect(cohandler.status).toBe(422);
    expect(cohandler.body.error.details.fields).toHaveProperty(['cohandlers.0']);
  });

  it('lets a street dispatcher merge only into a case of the same street', async () => {
    const st02Compound = [...app.reference.compounds.values()].find((compound) => compound.streetCode === 'ST02')!;
    const elsewhere = await file(app, 'street02', { subcategoryCode: '08.01', description: '夜间商铺音响声音很大', compoundCode: st02Compound.code });
    await act(app, 'street02', elsewhere.id, 'accept');
    const here = await file(app, 'member0101', { subcategoryCode: '08.01', description: '夜间商铺音响声音很大', compoundCode: 'C001' });
    const response = await app.server.request('POST', `/api/v1/cases/${here.id}/events/merge`, { token: await app.token('street01'), body: { intoCaseId: elsewhere.id } });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('case.merge_target_invalid');
  });
});
