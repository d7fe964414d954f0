import type { Subcategory } from '../../catalog/types';
import type { Actor } from '../../domain/roles';
import type { WorkingCalendar } from '../../time/calendar';
import type { CaseEventOf, CaseEventType } from '../events';
import type { Audience, CaseError, CaseRecord, Effect, JsonValue, TimelineEntry } from '../types';

/** What a transition needs besides the case and the event. The subcategory is from the case's catalog version. */
export interface TransitionContext {
  actor: Actor;
  now: Date;
  subcategory: Subcategory;
  calendar: WorkingCalendar;
}

/** The parts of a transition that differ per event; `commit` turns them into the next record. */
export interface Step {
  /** Fields that change; a field set to `undefined` is removed from the record. */
  patch: Partial<CaseRecord>;
  note?: string;
  photos?: string[];
  data?: { [key: string]: JsonValue };
  notify: Audience[];
  effects?: Effect[];
}

/** What one event does to a case, once the rules table has allowed it: a step, or a refusal. */
export type StepOf<T extends CaseEventType> = (record: CaseRecord, event: CaseEventOf<T>, ctx: TransitionContext) => Step | CaseError;

/** The steps of a group of events, keyed by event type. */
export type Steps<T extends CaseEventType> = { [K in T]: StepOf<K> };

export function tierAudience(record: CaseRecord): Audience {
  return record.tier === 'district' ? 'district' : 'street';
}

/** Who owes the current stage: the lead unit while it claims or handles, otherwise the supervising centre. */
export function ownerAudience(record: CaseRecord): Audience {
  const stage = record.clock?.stage;
  return (stage === 'claim' || stage === 'handle') && record.assignment.leadUnitCode ? 'lead_unit' : tierAudience(record);
}

export function leadUnitIfAny(record: CaseRecord): Audience[] {
  return record.assignment.leadUnitCode ? ['lead_unit'] : [];
}

export function cohandlersIfAny(record: CaseRecord): Audience[] {
  return record.assignment.cohandlers.length ? ['cohandlers'] : [];
}

export function timelineActor(actor: Actor): TimelineEntry['actor'] {
  return { id: actor.id, role: actor.role, name: actor.name };
}

export function iso(date: Date | null | undefined): string | null {
  return date ? date.toISOString() : null;
}

export function invalidEvent(details: Record<string, string>): CaseError {
  return { code: 'case.invalid_event', message: '提交的内容不完整或不符合要求', details };
}

export function issuesToDetails(issues: { path: PropertyKey[]; message: string; code: string }[]): Record<string, string> {
  const details: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.') || '(root)';
    // zod's own wording for an unknown discriminator is English and internal.
    details[path] ??= path === 'type' ? '未知的事件类型' : issue.message;
  }
  return details;
}

export function uniq<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

export function dropUndefined<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

/** Every photo the case shows anywhere: filing, timeline steps, resolution. */
export function casePhotoIds(record: CaseRecord): Set<string> {
  return new Set([...record.photos, ...record.timeline.flatMap((entry) => entry.photos ?? []), ...(record.resolution?.photos ?? [])]);
}
