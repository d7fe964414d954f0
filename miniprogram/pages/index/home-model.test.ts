import { describe, expect, it } from 'vitest';
import type { Me } from '../../services/session';
import { greeting, homeKind, pageCount, patrols, scopeLine } from './home-model';

const resident: Me = { id: 'r', role: 'resident', roleLabel: '居民', name: '张三', scope: {} };
const member: Me = { id: 'g', role: 'grid_member', roleLabel: '网格员', name: '李四', scope: { streetCode: 'ST01', gridCode: 'ST01-G01' } };

describe('home model', () => {
  it('gives staff their own home, and 长辈模式 only the resident home', () => {
    expect(homeKind(undefined, false, false)).toBe('resident');
    expect(homeKind(resident, false, true)).toBe('elder');
    expect(homeKind(member, true, true)).toBe('staff');
  });

  it('counts a first page, saying when there are more', () => {
    expect(pageCount({ items: [1, 2, 3], nextCursor: null })).toBe('3');
    expect(pageCount({ items: new Array(20).fill(0), nextCursor: 'x' })).toBe('20+');
  });

  it('knows who patrols and where staff work', () => {
    expect(patrols(member)).toBe(true);
    expect(patrols(resident)).toBe(false);
    expect(scopeLine(member, '包公街道')).toBe('包公街道 · 网格 ST01-G01');
    expect(scopeLine({ scope: {} }, undefined)).toBe('包河区全区');
  });

  it('greets by Beijing time', () => {
    expect(greeting(new Date('2026-03-20T00:30:00Z'))).toBe('早上好');
    expect(greeting(new Date('2026-03-20T12:00:00Z'))).toBe('晚上好');
  });
});
