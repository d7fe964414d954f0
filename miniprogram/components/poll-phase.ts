import { pollPhaseLabels, type PollPhaseName } from '../../shared/api/polls';
import { formatDateTime, formatRemaining } from '../utils/format';

/** How a poll's phase looks and reads, the same in lists and on the poll page. Pure. */

export type PhaseTone = 'success' | 'primary' | 'default' | 'warning' | 'danger';

const tones: Record<PollPhaseName, PhaseTone> = { draft: 'warning', scheduled: 'primary', voting: 'success', ended: 'default', cancelled: 'danger' };

export function phaseTag(phase: PollPhaseName): { label: string; tone: PhaseTone } {
  return { label: pollPhaseLabels[phase], tone: tones[phase] };
}

/** "03-20 10:00 至 03-27 18:00" as exact times: a voting window is a promise. */
export function windowText(opensAt: string | Date, closesAt: string | Date): string {
  return `${formatDateTime(opensAt)} 至 ${formatDateTime(closesAt)}`;
}

/** What the clock says for the phase: time left to vote, time to the start, or nothing. */
export function phaseClock(phase: PollPhaseName, opensAt: string | Date, closesAt: string | Date, now: Date): string | null {
  if (phase === 'voting') return `${formatRemaining(new Date(closesAt).getTime() - now.getTime()).replace(/^剩 /, '还剩 ')}截止`;
  if (phase === 'scheduled') return `${formatRemaining(new Date(opensAt).getTime() - now.getTime()).replace(/^剩 /, '')}后开始`;
  return null;
}

export function votesPerLabel(votesPer: 'resident' | 'household'): string {
  return votesPer === 'household' ? '每户一票' : '每人一票';
}

/** The poll page (also the public results page). */
export const pollPageUrl = (id: string) => `/community/poll/index?id=${encodeURIComponent(id)}`;
export const HOMES_PAGE = '/community/homes/index';
export const POLLS_PAGE = '/community/polls/index';
