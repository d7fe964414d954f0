import type { PriorityClass } from '../catalog/types';
import type { LngLat, UnitType } from '../domain/places';
import type { Role } from '../domain/roles';
import type { CountedEvent } from '../stats/types';
import type { CaseClock, StageClock } from '../time/sla';
import type { CaseEventType, UnitRef } from './events';
import type { CaseStatus } from './states';

/** Where a case came from; foreign vocabularies are translated to ours at the adapter. */
export type CaseSource = 'resident_app' | 'grid_patrol' | 'hotline' | 'open311' | 'consultation';

/** What a case came from when it is not a report: a poll's decision (议事协商), linked both ways. */
export interface CaseOrigin {
  kind: 'poll';
  id: string;
  title: string;
}

/** The tier that supervises the case now: the street centre, or the district centre above it. */
export type Tier = 'street' | 'district';

export interface Reporter {
  accountId: string;
  /** `system` for a hotline work order: filed by the hotline's intake, the caller's name and number below. */
  role: Role | 'system';
  name: string;
  /** Full number; masked in every public view. */
  phone?: string;
  /** Hidden from everyone but the centres when true. */
  anonymous: boolean;
  /** A hotline caller who asked for secrecy (保密): name and number stay with the centres and the lead unit. */
  secret?: boolean;
}

/** Who handles the case: the lead unit (主办) and cohandlers (协办). */
export interface Assignment {
  leadUnitCode?: string;
  leadUnitType?: UnitType;
  cohandlers: UnitRef[];
  /**
   * When the lead unit should have claimed it (接单时限). Informational: the handle clock is THE
   * clock of a dispatched case, so this deadline raises no event and is not moved by a suspension.
   */
  claimBy?: Date;
}

export interface Suspension {
  reason: string;
  /** The case resumes by itself at this instant (the scheduler sends `resume`). */
  until: Date;
  previousStatus: SuspendableStatus;
  since: Date;
}

export type SuspendableStatus = Extract<CaseStatus, 'accepted' | 'dispatched' | 'in_progress'>;

/** The lead unit's report that the work is done (回单), checked against the closing standard. */
export interface Resolution {
  note: string;
  photos: string[];
  at: Date;
}

/**
 * How long one lead unit held the case before it left the unit: returned (退单), reassigned away
 * (转派) or reported resolved (回单). Counted in working ms, suspensions excluded; statistics
 * charge it to the unit. Flat on purpose: stored in an array, so no arrays inside.
 */
export interface UnitHolding {
  unitCode: string;
  /** When the unit was given the case (dispatch, reassignment, send-back or reopening). */
  from: Date;
  to: Date;
  /** Working time held, suspended periods excluded. */
  heldMs: number;
  outcome: 'returned' | 'reassigned' | 'resolved';
}

/** The reporter's verdict on a closed case. */
export interface Rating {
  resolved: 'yes' | 'partly' | 'no';
  /** 1 (very unsatisfied) to 5 (very satisfied). */
  satisfaction: number;
  comment?: string;
  at: Date;
}

/** A value that survives JSON, the store and the live feed unchanged. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface TimelineActor {
  id: string;
  role: Role | 'system';
  name: string;
}

/** The type of a timeline entry: every event, plus the filing that opens the case. */
export type TimelineEntryType = 'file' | CaseEventType;

/** One step of the case history, as residents follow it live. Append-only. */
export interface TimelineEntry {
  /** 1, 2, 3… in order of the case's history. */
  seq: number;
  type: TimelineEntryType;
  actor: TimelineActor;
  at: Date;
  note?: string;
  photos?: string[];
  /** Facts of the step that the timeline shows (unit codes, new status, deadline…), JSON-safe. */
  data?: { [key: string]: JsonValue };
}

/** A case (案件): one problem at one place, from filing to closing. */
export interface CaseRecord {
  id: string;
  /** Human case number, printed on notices and read out on the hotline. */
  number: string;
  status: CaseStatus;
  subcategoryCode: string;
  categoryCode: string;
  /** The catalog version the case was filed under; its limits and standards apply for ever. */
  catalogVersion: number;
  priority: PriorityClass;
  title: string;
  description: string;
  location?: LngLat;
  address: string;
  streetCode: string;
  gridCode: string;
  compoundCode?: string;
  buildingCode?: string;
  source: CaseSource;
  /** The poll whose decision this case carries out. */
  origin?: CaseOrigin;
  /**
   * An outside deadline the case must also meet: a hotline centre's 办结时限. The case clock is
   * held to the earlier of it and the catalog's limit (never loosened by it).
   */
  externalDeadline?: Date;
  reporter: Reporter;
  /** Photo ids taken when filing. */
  photos: string[];
  tier: Tier;
  assignment: Assignment;
  /** The clock of the current stage; null once the case is closed, rejected or merged. */
  clock: StageClock | null;
  /**
   * The case-level clock (办结时限), from acceptance; absent before acceptance and on cases
   * accepted before it existed. Frozen (paused) once the case is closed, as a record of the time used.
   */
  caseClock?: CaseClock | null;
  /** Every lead unit's holding of the case that has ended, oldest first. */
  unitHoldings?: UnitHolding[];
  /** What the public sees of the case in words, written or approved by a centre (公开摘要). */
  publicSummary?: string;
  /** The case's photos a centre approved for the public view: a subset of the case's photos. */
  publicPhotoIds?: string[];
  suspension?: Suspension;
  resolution?: Resolution;
  rating?: Rating;
  /** The case this one was merged into as a duplicate. */
  mergedInto?: string;
  /** Residents who said "me too" and follow the case. */
  followers: number;
  urgeCount: number;
  /** Under the district centre's supervision (督办). */
  supervised: boolean;
  reopenCount: number;
  timeline: TimelineEntry[];
  filedAt: Date;
  closedAt?: Date;
  updatedAt: Date;
  /** Optimistic concurrency: +1 on every transition. */
  version: number;
}

/** Who is told about a step. The server resolves each audience to accounts. */
export type Audience = 'reporter' | 'lead_unit' | 'cohandlers' | 'street' | 'district' | 'followers';

/**
 * What the world should do after a transition, as data: the use case hands notifications to the
 * outbox (later WeChat subscribe messages), publishes the new timeline entry to live viewers and
 * applies cross-case effects.
 */
export type Effect =
  | { type: 'notify'; audience: Audience; template: NotifyTemplate; caseId: string }
  | { type: 'publish'; caseId: string; seq: number }
  | { type: 'clock.started'; caseId: string; stage: StageClock['stage']; deadline: Date | null }
  | { type: 'clock.stopped'; caseId: string; stage: StageClock['stage']; consumedMs: number; overdue: boolean }
  /** The target case gains the duplicate's reporter as a follower. */
  | { type: 'case.merged'; caseId: string; intoCaseId: string }
  /** The statistics' counted events of the entries the write appended (shared/stats/derive). */
  | { type: 'stats.count'; caseId: string; events: CountedEvent[] };

/** Message templates, one per kind of step; the outbox maps each to a subscribe-message template. */
export type NotifyTemplate = `case.${TimelineEntryType}`;

export type CaseErrorCode =
  | 'case.invalid_event'
  | 'case.illegal_transition'
  | 'case.forbidden'
  | 'case.not_due'
  | 'case.photos_required'
  | 'case.anonymous_not_allowed'
  | 'case.reopen_window_passed'
  | 'case.reopen_limit_reached'
  | 'case.already_rated';

/** A refusal, with a stable code for machines and a Chinese message for people. */
export interface CaseError {
  code: CaseErrorCode;
  message: string;
  /** For invalid events: field path → message. */
  details?: Record<string, string>;
}

export type TransitionResult =
  | { ok: true; next: CaseRecord; entry: TimelineEntry; effects: Effect[] }
  | { ok: false; error: CaseError };
