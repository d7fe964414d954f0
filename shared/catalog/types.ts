import type { UnitType } from '../domain/places';

/**
 * The stages of a case that run on a clock. Each stage has an owner (a unit type) and a time limit:
 * - accept (受理): from filing until the street center accepts or rejects it;
 * - dispatch (派单): from acceptance until it is dispatched to the owning unit;
 * - claim (接单): from dispatch until the unit takes it on;
 * - handle (处置): from dispatch until the unit reports it resolved (回单) with evidence;
 * - verify (审核): from the resolution report until the center verifies and closes it.
 */
export const stageKeys = ['accept', 'dispatch', 'claim', 'handle', 'verify'] as const;
export type StageKey = (typeof stageKeys)[number];

export const stageLabels: Record<StageKey, string> = {
  accept: '受理',
  dispatch: '派单',
  claim: '接单',
  handle: '处置',
  verify: '审核',
};

/**
 * A time limit. `working` hours count only inside the working calendar (weekdays, office hours,
 * holidays excluded, make-up workdays included); `natural` hours count around the clock.
 */
export interface TimeLimit {
  hours: number;
  basis: 'working' | 'natural';
}

/** The priority rule of the service list: danger, then visibility, then disorder, then the rest. */
export const priorityClasses = ['danger', 'visibility', 'disorder', 'general'] as const;
export type PriorityClass = (typeof priorityClasses)[number];

export const priorityLabels: Record<PriorityClass, string> = {
  danger: '危险性',
  visibility: '直观性',
  disorder: '无序性',
  general: '一般',
};

export interface StageRule {
  /** The unit type that owns the stage. */
  owner: UnitType;
  limit: TimeLimit;
}

export interface Subcategory {
  /** Stable code, `CC.SS` (e.g. `01.03`); cases keep it for ever. */
  code: string;
  name: string;
  /** What residents see under the name, to help them pick. */
  description: string;
  priority: PriorityClass;
  stages: Record<StageKey, StageRule>;
  /**
   * The case-level deadline (办结时限), counted from acceptance to closing across every stage. A
   * return, reassignment or send-back restarts the stage clock but never this one.
   */
  caseLimit: TimeLimit;
  /** Units that join the lead unit (协办) by default, e.g. traffic police with urban management. */
  cohandlers: UnitType[];
  /** The handling procedure, step by step (处置流程). */
  steps: string[];
  /** The closing standard (结案标准) that verification checks against. */
  closingStandard: string;
  photoRequiredToFile: boolean;
  photoRequiredToClose: boolean;
  anonymousAllowed: boolean;
  /** Open cases of this subcategory within this distance are offered as duplicates. */
  duplicateRadiusM: number;
}

export interface Category {
  /** Two digits, `01`…`11`. */
  code: string;
  name: string;
  subcategories: Subcategory[];
}

/** The management service list (管理服务清单). Versioned: a case keeps the version it was filed under. */
export interface Catalog {
  version: number;
  /** ISO instant the version took effect. */
  publishedAt: string;
  categories: Category[];
}
