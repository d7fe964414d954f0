import { describe, expect, it } from 'vitest';
import { wgs84ToGcj02 } from './place-picker.geo';

describe('wgs84ToGcj02', () => {
  it('shifts a point in Hefei by the published offset (a few hundred metres east and south-north)', () => {
    // Reference value from the published transform for 包河区政府 (WGS-84 117.3095, 31.7935).
    const shifted = wgs84ToGcj02({ lng: 117.3095, lat: 31.7935 });
    expect(shifted.lng - 117.3095).toBeGreaterThan(0.003);
    expect(shifted.lng - 117.3095).toBeLessThan(0.007);
    expect(Math.abs(shifted.lat - 31.7935)).toBeLessThan(0.004);
  });

  it('leaves points outside China as they are', () => {
    expect(wgs84ToGcj02({ lng: 2.35, lat: 48.85 })).toEqual({ lng: 2.35, lat: 48.85 });
  });
});
