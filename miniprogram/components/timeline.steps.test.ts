import { describe, expect, it } from 'vitest';
import type { TimelineStep } from '../services/cases';
import { lastSeq, mergeSteps, stepView } from './timeline.steps';

const step = (seq: number, label = `步骤${seq}`): TimelineStep => ({
  seq,
  type: 'progress',
  label,
  at: `2026-03-20T0${seq}:00:00.000Z`,
  actor: { name: '王物业', role: 'property_manager', roleLabel: '物业' },
  note: null,
  photos: [],
  data: {},
});

describe('mergeSteps', () => {
  it('appends new steps in sequence order', () => {
    expect(mergeSteps([step(1), step(2)], [step(4), step(3)]).map((s) => s.seq)).toEqual([1, 2, 3, 4]);
  });

  it('keeps a step delivered twice once, and the list unchanged when nothing is new', () => {
    const current = [step(1), step(2)];
    expect(mergeSteps(current, [step(2, '重复')])).toBe(current);
    expect(mergeSteps(current, [step(3), step(3)]).map((s) => s.seq)).toEqual([1, 2, 3]);
  });

  it('knows the last sequence shown', () => {
    expect(lastSeq([])).toBe(0);
    expect(lastSeq([step(1), step(7), step(3)])).toBe(7);
  });
});

describe('stepView', () => {
  it('names the actor by role and name in the full view, by role alone in the public one', () => {
    expect(stepView(step(1)).actor).toBe('物业 · 王物业');
    const publicStep = { seq: 2, type: 'accept', label: '受理', at: '2026-03-20T01:00:00.000Z', actor: { roleLabel: '街镇中心' } } as TimelineStep;
    expect(stepView(publicStep)).toMatchObject({ actor: '街镇中心', note: null, photos: [] });
  });
});
