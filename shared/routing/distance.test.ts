import { describe, expect, it } from 'vitest';
import { distanceMetres, withinRadius } from './distance';

describe('distanceMetres', () => {
  it('measures one degree of latitude as about 111 km', () => {
    const d = distanceMetres({ lng: 117.3, lat: 31 }, { lng: 117.3, lat: 32 });
    expect(d).toBeGreaterThan(110_500);
    expect(d).toBeLessThan(111_700);
  });

  it('measures a degree of longitude at Hefei as shorter, by the cosine of the latitude', () => {
    const d = distanceMetres({ lng: 117, lat: 31.8 }, { lng: 118, lat: 31.8 });
    expect(d / 111_195).toBeCloseTo(Math.cos((31.8 * Math.PI) / 180), 2);
  });

  it('is zero for the same point and symmetric', () => {
    const a = { lng: 117.3, lat: 31.8 };
    const b = { lng: 117.301, lat: 31.801 };
    expect(distanceMetres(a, a)).toBe(0);
    expect(distanceMetres(a, b)).toBeCloseTo(distanceMetres(b, a), 9);
  });
});

describe('withinRadius', () => {
  const gate = { lng: 117.3, lat: 31.8 };
  // 0.0005° of latitude ≈ 55.6 m.
  const near = { lng: 117.3, lat: 31.8005 };

  it('accepts a point inside the radius and rejects one outside', () => {
    expect(withinRadius(gate, near, 60)).toBe(true);
    expect(withinRadius(gate, near, 50)).toBe(false);
  });

  it('counts a point exactly on the radius as within it', () => {
    expect(withinRadius(gate, near, distanceMetres(gate, near))).toBe(true);
  });

  it('rejects far points in longitude as well as latitude', () => {
    expect(withinRadius(gate, { lng: 117.31, lat: 31.8 }, 200)).toBe(false);
  });
});
