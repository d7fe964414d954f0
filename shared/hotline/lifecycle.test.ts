import { describe, expect, it } from 'vitest';
import { callForCaseStep, callMovesState, stateAfterCall } from './lifecycle';

const returnBy = new Date('2026-11-30T06:30:00Z');
const at = (iso: string) => new Date(iso);

describe('callForCaseStep', () => {
  it('returns the order with the reason when our case is rejected within the return window', () => {
    expect(callForCaseStep({ returnBy }, { type: 'reject', note: '属市级权限', at: at('2026-11-30T06:00:00Z') }, {})).toEqual({ kind: 'return', reason: '属市级权限' });
  });

  it('replies not resolved, with the reason, when the rejection comes after the window', () => {
    expect(callForCaseStep({ returnBy }, { type: 'reject', note: '属市级权限', at: at('2026-11-30T07:00:00Z') }, {})).toMatchObject({ kind: 'reply', resolved: false });
  });

  it('replies with the result, resolved, and the approved public summary when our case closes', () => {
    expect(callForCaseStep({ returnBy }, { type: 'close', at: at('2026-12-01T00:00:00Z') }, { resolution: { note: '已清运' }, publicSummary: '垃圾已清运完毕' })).toEqual({
      kind: 'reply',
      result: '已清运',
      resolved: true,
      publicReply: '垃圾已清运完毕',
    });
  });

  it('owes the centre nothing for the steps on our side', () => {
    for (const type of ['accept', 'dispatch', 'claim', 'resolve', 'verify', 'urge'] as const) {
      expect(callForCaseStep({ returnBy }, { type, at: returnBy }, {})).toBeUndefined();
    }
  });
});

describe('order states after calls', () => {
  it('moves sent → signed → replied, and nothing moves a returned order', () => {
    expect(stateAfterCall({ kind: 'sign' })).toBe('signed');
    expect(callMovesState('sent', { kind: 'sign' })).toBe(true);
    expect(callMovesState('replied', { kind: 'sign' })).toBe(false);
    expect(callMovesState('returned', { kind: 'reply', result: 'x', resolved: true, publicReply: 'x' })).toBe(false);
  });
});
