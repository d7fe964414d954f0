import type { CaseEventType } from '../../shared/cases/events';
import type { CaseDetail } from '../services/cases';

/** What a resident does on the detail page itself: short forms, no page of their own. */
export const residentInlineEvents: readonly CaseEventType[] = ['rate', 'reopen', 'urge'];

export interface AllowedEvent {
  type: CaseEventType;
  label: string;
}

export interface ActionPlan {
  /** Resident forms shown on the page (rate, reopen, urge). */
  inline: AllowedEvent[];
  /** Staff steps, each opening the staff form page. */
  staff: AllowedEvent[];
  /** 关注 (我也遇到): someone else's open case a signed-in resident does not follow yet. */
  follow: boolean;
  /** Already following: shown as a plain mark. */
  following: boolean;
}

/**
 * The buttons follow the server's `allowedEvents` exactly: the page never guesses what a role
 * may do. Staff get every event as a form page (their `urge` too, with its note); a resident's
 * three events are answered in place.
 */
export function planActions(detail: CaseDetail, viewerRole: string | undefined): ActionPlan {
  const allowed: AllowedEvent[] = detail.view === 'full' ? detail.allowedEvents : [];
  const resident = viewerRole === 'resident';
  return {
    // The rating form first: a closed case asks for it; reopening is the exception.
    inline: resident ? residentInlineEvents.flatMap((type) => allowed.filter((event) => event.type === type)) : [],
    staff: resident ? allowed.filter((event) => !residentInlineEvents.includes(event.type)) : allowed,
    follow: resident && detail.relation === 'public' && detail.statusGroup === 'open',
    following: detail.relation === 'follower',
  };
}

/** The staff form page for one event, carrying the version the user saw (sent as If-Match). */
export function actPath(caseId: string, type: CaseEventType, version: number): string {
  return `/staff/act/index?id=${encodeURIComponent(caseId)}&type=${type}&version=${version}`;
}

/** A 409 the page answers by showing the case as it now is. */
export function isVersionConflict(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'case.version_conflict';
}

export const VERSION_CONFLICT_MESSAGE = '案件已被他人更新，请确认后重试';
