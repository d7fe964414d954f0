import { describe, expect, it } from 'vitest';
import { livenessOf, type ChannelLiveness } from './liveness';

const rules = { maxConsecutiveFailures: 3, silentAfterMs: 60 * 60_000 };
const started = new Date('2026-11-30T01:00:00Z');
const at = (minutes: number) => new Date(started.getTime() + minutes * 60_000);
const state = (over: Partial<ChannelLiveness> = {}): ChannelLiveness => ({ lastArrivalAt: null, lastSuccessAt: null, consecutiveFailures: 0, ...over });

describe('livenessOf', () => {
  it('is ok while orders keep arriving and the interface answers', () => {
    expect(livenessOf('12345', state({ lastArrivalAt: at(30) }), rules, at(80), started)).toEqual({ status: 'ok' });
  });

  it('raises the alarm after the configured number of failures in a row', () => {
    expect(livenessOf('12345', state({ consecutiveFailures: 2 }), rules, at(1), started).status).toBe('ok');
    expect(livenessOf('12345', state({ consecutiveFailures: 3, lastError: '502' }), rules, at(1), started)).toMatchObject({ status: 'alarm', reason: 'failing' });
  });

  it('raises the alarm when nothing arrived for the configured time, counted from the start when nothing ever did', () => {
    expect(livenessOf('12319', state(), rules, at(60), started).status).toBe('ok');
    expect(livenessOf('12319', state(), rules, at(61), started)).toMatchObject({ status: 'alarm', reason: 'silent', message: '12319热线已61分钟没有新工单' });
    expect(livenessOf('12319', state({ lastArrivalAt: at(50) }), rules, at(100), started).status).toBe('ok');
  });
});
