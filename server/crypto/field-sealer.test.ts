import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fieldSealer } from './field-sealer';

const key = (id: string) => ({ id, key: randomBytes(32) });

describe('fieldSealer', () => {
  const k1 = key('k1');
  const k2 = key('k2');
  it('opens what it sealed, and the stored text holds no plaintext', () => {
    const sealer = fieldSealer([k1]);
    const sealed = sealer.seal('张三 340111195001011234', 'person:p1:name');
    expect(sealed).not.toContain('张三');
    expect(sealed.startsWith('g1.k1.')).toBe(true);
    expect(sealer.open(sealed, 'person:p1:name')).toBe('张三 340111195001011234');
  });

  it('refuses a ciphertext moved to another record or field', () => {
    const sealer = fieldSealer([k1]);
    const sealed = sealer.seal('张三', 'person:p1:name');
    expect(() => sealer.open(sealed, 'person:p2:name')).toThrow();
    expect(() => sealer.open(sealed, 'person:p1:phone')).toThrow();
  });

  it('seals with the first key and still opens fields of an older one (rotation)', () => {
    const old = fieldSealer([k1]).seal('13955100001', 'person:p1:phone');
    const rotated = fieldSealer([k2, k1]);
    expect(rotated.open(old, 'person:p1:phone')).toBe('13955100001');
    expect(rotated.keyIdOf(rotated.seal('x', 'a'))).toBe('k2');
    expect(() => fieldSealer([k2]).open(old, 'person:p1:phone')).toThrow(/key k1 unknown/);
  });
});
