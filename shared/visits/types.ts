import type { UnitType } from '../domain/places';

/** 红 / 黄 / 蓝: high risk, key, general. The order is the worklist's order. */
export const riskLevels = ['red', 'yellow', 'blue'] as const;
export type RiskLevel = (typeof riskLevels)[number];

export const riskLabels: Record<RiskLevel, string> = { red: '红色（高风险）', yellow: '黄色（重点）', blue: '蓝色（一般）' };

/** Roles that go to the door. A category lists which of them may handle its people. */
export const visitorRoles = ['grid_member', 'grid_leader'] as const;
export type VisitorRole = (typeof visitorRoles)[number];

/**
 * A span of time as a rule states it: natural hours (around the clock: a person at high risk does
 * not wait for Monday) or working days of the holiday calendar (what an office can be held to).
 */
export type Span = { hours: number } | { workingDays: number };

/**
 * How often a person of one risk level is visited. `months` counts calendar months from the last
 * visit's local date; `onDayOff: 'next_working_day'` moves a due date that falls on a weekend or a
 * holiday to the next working day (a routine visit is not owed on the Spring Festival), while
 * `'keep'` holds the date whatever the calendar says.
 */
export interface Frequency {
  every: { days: number } | { months: number };
  onDayOff: 'keep' | 'next_working_day';
}

/** Who is told when a visit is late, in order, each after its span past the due time. */
export interface Escalation {
  to: 'grid_leader' | 'community';
  after: Span;
}

export interface RiskRule {
  frequency: Frequency;
  /** How long before the due time the visitor is reminded. */
  warnBefore: Span;
  escalations: Escalation[];
}

export type QuestionKind = 'text' | 'boolean' | 'integer' | 'choice';

/** One of a category's own visit questions (e.g. the danger grade of a severe mental disorder). */
export interface VisitQuestion {
  key: string;
  label: string;
  kind: QuestionKind;
  required: boolean;
  /** Integers: inclusive bounds. */
  min?: number;
  max?: number;
  /** Choices: the allowed values. */
  options?: string[];
  /** Health, danger or family details: stored encrypted, shown masked. */
  sensitive: boolean;
}

/** A key-service-population category (重点服务人群类别): who owns it, who visits, how often, what is asked. */
export interface VisitCategory {
  /** Stable code; people and visits keep it for ever. */
  code: string;
  name: string;
  /** The unit type of the owning department (民政, 残联, 卫健…): its units see this category in their place. */
  ownerUnitType: UnitType;
  /** Which visiting roles may handle its people. */
  handledBy: VisitorRole[];
  rules: Record<RiskLevel, RiskRule>;
  /** Within this many natural hours of a major change (出院、监护人变化、失联后找回), whatever the risk level. */
  majorChangeWithinHours?: number;
  /** At least this many visits a year, whatever the risk level's frequency says (严重精神障碍: 4). */
  minVisitsPerYear?: number;
  /** Unit types that must sign a visit that found danger (卫健 and 派出所 for a severe mental disorder). */
  signOffOnDanger?: UnitType[];
  questions: VisitQuestion[];
}

/** The category list in force, versioned like the case catalog: a person keeps the code, rules come from the version. */
export interface VisitCategoryConfig {
  version: number;
  /** ISO instant the version took effect. */
  effectiveFrom: string;
  categories: VisitCategory[];
}

/** How a visit was made: at the door, by phone or by video call. */
export const visitMethods = ['in_person', 'phone', 'video'] as const;
export type VisitMethod = (typeof visitMethods)[number];
export const visitMethodLabels: Record<VisitMethod, string> = { in_person: '入户', phone: '电话', video: '视频' };
