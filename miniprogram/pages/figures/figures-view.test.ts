import { describe, expect, it } from 'vitest';
import { formatRate } from './figures-view';

describe('figures view', () => {
  it('writes rates to one decimal, with a dash before anything is known', () => {
    expect(formatRate(0.958)).toBe('95.8%');
    expect(formatRate(1)).toBe('100.0%');
    expect(formatRate(null)).toBe('—');
  });
});
