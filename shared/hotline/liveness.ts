import type { HotlineChannel } from './work-order';

/** What the liveness watch knows of one channel. */
export interface ChannelLiveness {
  lastArrivalAt: Date | null;
  lastSuccessAt: Date | null;
  consecutiveFailures: number;
  lastError?: string;
}

/** When to raise the alarm: this many failed exchanges in a row, or nothing arrived for this long. */
export interface LivenessRules {
  maxConsecutiveFailures: number;
  silentAfterMs: number;
}

export type LivenessVerdict = { status: 'ok' } | { status: 'alarm'; reason: 'failing' | 'silent'; message: string };

/**
 * Whether a channel looks alive at `now` (pure). Failing: the interface failed `maxConsecutiveFailures`
 * times in a row. Silent: nothing arrived (by pull or push) for `silentAfterMs` since the last
 * arrival, or since the watch started when nothing ever did.
 */
export function livenessOf(channel: HotlineChannel, state: ChannelLiveness, rules: LivenessRules, now: Date, startedAt: Date): LivenessVerdict {
  if (state.consecutiveFailures >= rules.maxConsecutiveFailures) {
    return { status: 'alarm', reason: 'failing', message: `${channel}热线接口连续${state.consecutiveFailures}次失败：${state.lastError ?? ''}`.trim() };
  }
  const since = state.lastArrivalAt ?? startedAt;
  if (now.getTime() - since.getTime() > rules.silentAfterMs) {
    const minutes = Math.round((now.getTime() - since.getTime()) / 60_000);
    return { status: 'alarm', reason: 'silent', message: `${channel}热线已${minutes}分钟没有新工单` };
  }
  return { status: 'ok' };
}
