import type { TimelineStep } from '../services/cases';

/**
 * The timeline as the page keeps it: steps in the order they happened, each sequence number once.
 * The first load and every live delivery go through `mergeSteps`, so a step the socket sends again
 * after a reconnect (or one the reload already brought) is never shown twice.
 */
export function mergeSteps(current: readonly TimelineStep[], incoming: readonly TimelineStep[]): TimelineStep[] {
  const bySeq = new Map<number, TimelineStep>();
  for (const step of current) bySeq.set(step.seq, step);
  for (const step of incoming) if (!bySeq.has(step.seq)) bySeq.set(step.seq, step);
  if (bySeq.size === current.length) return current as TimelineStep[];
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** The last step the page shows: where a live subscription picks up. */
export function lastSeq(steps: readonly TimelineStep[]): number {
  return steps.reduce((max, step) => Math.max(max, step.seq), 0);
}

/** What the timeline shows of a step, whichever view it came from (public steps carry no name, note may be absent). */
export function stepView(step: TimelineStep) {
  const actor = step.actor as { roleLabel: string; name?: string };
  const photos = 'photos' in step ? step.photos : [];
  return {
    seq: step.seq,
    label: step.label,
    actor: actor.name && actor.name !== actor.roleLabel ? `${actor.roleLabel} · ${actor.name}` : actor.roleLabel,
    at: step.at,
    note: step.note ?? null,
    photos,
  };
}
