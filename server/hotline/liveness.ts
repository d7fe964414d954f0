import { livenessOf, type ChannelLiveness, type LivenessRules, type LivenessVerdict } from '../../shared/hotline/liveness';
import type { HotlineChannel } from '../../shared/hotline/work-order';

export interface HotlineLiveness {
  /** An exchange with the centre worked; `arrived` orders came with it. */
  succeeded(channel: HotlineChannel, arrived: number, now: Date): void;
  failed(channel: HotlineChannel, error: unknown, now: Date): void;
  /** Logs an alarm for each channel that turned unhealthy (once per episode). */
  check(now: Date, log: { error(fields: object, message: string): void }): void;
  /** Each watched channel's verdict now: the health field. */
  status(now: Date): Partial<Record<HotlineChannel, LivenessVerdict>>;
}

/** The liveness watch of the configured channels, in memory (one per process: each process watches its own exchanges). */
export function hotlineLiveness(channels: readonly HotlineChannel[], rules: LivenessRules, startedAt: Date): HotlineLiveness {
  const states = new Map<HotlineChannel, ChannelLiveness>(channels.map((channel) => [channel, { lastArrivalAt: null, lastSuccessAt: null, consecutiveFailures: 0 }]));
  const alarmed = new Set<HotlineChannel>();
  const verdict = (channel: HotlineChannel, now: Date) => livenessOf(channel, states.get(channel)!, rules, now, startedAt);
  return {
    succeeded(channel, arrived, now) {
      const state = states.get(channel);
      if (!state) return;
      state.consecutiveFailures = 0;
      state.lastSuccessAt = now;
      delete state.lastError;
      if (arrived > 0) state.lastArrivalAt = now;
    },
    failed(channel, error, _now) {
      const state = states.get(channel);
      if (!state) return;
      state.consecutiveFailures += 1;
      state.lastError = (error instanceof Error ? error.message : String(error)).slice(0, 200);
    },
    check(now, log) {
      for (const channel of states.keys()) {
        const v = verdict(channel, now);
        if (v.status === 'alarm' && !alarmed.has(channel)) {
          alarmed.add(channel);
          log.error({ channel, alarm: v.reason }, `热线告警：${v.message}`);
        } else if (v.status === 'ok') alarmed.delete(channel);
      }
    },
    status: (now) => Object.fromEntries([...states.keys()].map((channel) => [channel, verdict(channel, now)])),
  };
}
