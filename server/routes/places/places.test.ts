import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/app';
import { pageByCode } from '../../presenters/page';
import { pointInGrid0101 } from '../../testing/cases';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ label: 'places' });
});
afterAll(async () => app.close());

const get = async (path: string, as?: string) => app.server.request('GET', path, { token: as ? await app.token(as) : undefined });

describe('places', () => {
  it('lists the 14 street-tier areas with their grid and compound counts', async () => {
    const { body } = await get('/api/v1/streets');
    expect(body.items).toHaveLength(14);
    expect(body.items.reduce((sum: number, street: { gridCount: number }) => sum + street.gridCount, 0)).toBe(168);
    expect(body.items.reduce((sum: number, street: { compoundCount: number }) => sum + street.compoundCount, 0)).toBe(522);
  });

  it('pages through all 522 compounds by code without repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const response = await get(`/api/v1/compounds?limit=100${after ? `&after=${after}` : ''}`);
      expect(response.status).toBe(200);
      seen.push(...response.body.items.map((compound: { code: string }) => compound.code));
      after = response.body.nextCursor;
    } while (after);
    expect(seen).toHaveLength(522);
    expect(new Set(seen).size).toBe(522);
  });

  it('finds compounds by name and filters by grid', async () => {
    const { body } = await get('/api/v1/compounds?gridCode=ST01-G01');
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.every((compound: { gridCode: string }) => compound.gridCode === 'ST01-G01')).toBe(true);
    const name = body.items[0].name as string;
    const found = await get(`/api/v1/compounds?q=${encodeURIComponent(name)}`);
    expect(found.body.items.map((compound: { name: string }) => compound.name)).toContain(name);
  });

  it('shows a compound with its buildings, and 404 for an unknown one', async () => {
    const { body } = await get('/api/v1/compounds/C001');
    expect(body.buildings.length).toBeGreaterThanOrEqual(4);
    expect(body.propertyUnit.code).toBe('U-PM-030');
    expect((await get('/api/v1/compounds/C999')).status).toBe(404);
  });

  it('lists the units a street can dispatch to, district-level ones included', async () => {
    const { body } = await get('/api/v1/units?streetCode=ST01&type=market_supervision', 'street01');
    const codes = body.items.map((unit: { code: string }) => unit.code);
    expect(codes).toContain('U-ST01-MARKET');
    expect(codes.some((code: string) => code.startsWith('U-ST02'))).toBe(false);
  });

  it('shows team and unit phone numbers in full to staff only', async () => {
    const masked = /^\d{3}\*{4}\d{4}$/;
    expect((await get('/api/v1/grids?streetCode=ST01&limit=1')).body.items[0].team.leader.phone).toMatch(masked);
    expect((await get('/api/v1/grids?streetCode=ST01&limit=1', 'resident01')).body.items[0].team.leader.phone).toMatch(masked);
    expect((await get('/api/v1/grids?streetCode=ST01&limit=1', 'street01')).body.items[0].team.leader.phone).toMatch(/^1\d{10}$/);
    expect((await get('/api/v1/units?type=police_station&streetCode=ST01', 'resident01')).body.items[0].phone).toMatch(masked);
  });

  it('locates a point: its compound first, else its grid, and 422 outside the district', async () => {
    const compound = (await get('/api/v1/compounds/C001')).body;
    const inCompound = await get(`/api/v1/places/locate?lng=${compound.location.lng}&lat=${compound.location.lat}`);
    expect(inCompound.status).toBe(200);
    expect(inCompound.body.compound).toEqual({ code: 'C001', name: compound.name });
    expect(inCompound.body.grid.code).toBe(compound.gridCode);
    expect(inCompound.body.street.code).toBe(compound.streetCode);

    const gridOnly = await get(`/api/v1/places/locate?lng=${pointInGrid0101.lng}&lat=${pointInGrid0101.lat}`, 'resident01');
    expect(gridOnly.status).toBe(200);
    expect(gridOnly.body.grid.code).toBe('ST01-G01');
    expect(gridOnly.body.street.code).toBe('ST01');

    const outside = await get('/api/v1/places/locate?lng=117.0&lat=31.5');
    expect(outside.status).toBe(422);
    expect(outside.body.error.code).toBe('place.outside_district');
  });

  it('refuses a locate without coordinates or out of range with field errors', async () => {
    const response = await get('/api/v1/places/locate?lng=200');
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.error.details.fields).sort()).toEqual(['lat', 'lng']);
  });

  it('refuses unknown filters and bad limits with field errors', async () => {
    const response = await get('/api/v1/units?limit=0&colour=red');
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.error.details.fields).sort()).toEqual(['colour', 'limit']);
  });
});

describe('pageByCode', () => {
  const items = ['a', 'b', 'c', 'd', 'e'].map((code) => ({ code }));
  it('gives the next cursor only while more items follow', () => {
    expect(pageByCode(items, undefined, 2)).toEqual({ items: [{ code: 'a' }, { code: 'b' }], nextCursor: 'b' });
    expect(pageByCode(items, 'b', 3)).toEqual({ items: [{ code: 'c' }, { code: 'd' }, { code: 'e' }], nextCursor: null });
    expect(pageByCode(items, 'e', 3)).toEqual({ items: [], nextCursor: null });
  });
});
