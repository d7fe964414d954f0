import type { CaseView } from '../api/cases';
import { caseEventRules } from '../cases/rules';
import type { CaseStatus } from '../cases/states';
import { statusGroup } from '../cases/states';
import type { TimelineEntryType } from '../cases/types';
import { open311DateTime } from './dates';

/**
 * Our case as an Open311 service request, translated here and nowhere else: the core never sees
 * Open311's words. Only the public view of a case comes in, so whatever the privacy policy hides
 * from the public (the reporter, the description, unreviewed photos, the exact place) cannot leak.
 */

/** GeoReport v2's two statuses. */
export type Open311Status = 'open' | 'closed';

/**
 * FixMyStreet's detailed states (its Open311 extension), which let a client follow more than
 * open and closed: an integration reads `extended_attributes.detailed_status`.
 */
export const detailedStatuses = [
  'OPEN',
  'INVESTIGATING',
  'ACTION_SCHEDULED',
  'IN_PROGRESS',
  'INTERNAL_REFERRAL',
  'FIXED',
  'CLOSED',
  'NO_FURTHER_ACTION',
  'NOT_COUNCILS_RESPONSIBILITY',
  'DUPLICATE',
] as const;
export type DetailedStatus = (typeof detailedStatuses)[number];

/**
 * Each of our states in FixMyStreet's words. A reported repair (resolved) is still work in progress
 * until a grid member has checked it on site (verified: fixed); a unit's "not ours" (returned)
 * waits for the centre to send it elsewhere (an internal referral); a suspension resumes at a set
 * time (action scheduled); 不予受理 is a matter the district does not handle.
 */
const detailedOf: Record<CaseStatus, DetailedStatus> = {
  submitted: 'OPEN',
  accepted: 'INVESTIGATING',
  dispatched: 'ACTION_SCHEDULED',
  in_progress: 'IN_PROGRESS',
  resolved: 'IN_PROGRESS',
  verified: 'FIXED',
  closed: 'FIXED',
  returned: 'INTERNAL_REFERRAL',
  suspended: 'ACTION_SCHEDULED',
  rejected: 'NOT_COUNCILS_RESPONSIBILITY',
  merged: 'DUPLICATE',
};

/** Open311's status of one of ours: a paused case still owes work, so it is open. */
export function open311StatusOf(status: CaseStatus): Open311Status {
  return statusGroup(status) === 'closed' ? 'closed' : 'open';
}

/**
 * The detailed status. A case closed without a repair report (a consultation answered, say) is
 * closed rather than fixed.
 */
export function detailedStatusOf(status: CaseStatus, hasResolution: boolean): DetailedStatus {
  if (status === 'closed' && !hasResolution) return 'CLOSED';
  return detailedOf[status];
}

/** Our statuses an Open311 status filter stands for. */
export function statusesFor(filter: Open311Status): (status: CaseStatus) => boolean {
  return (status) => open311StatusOf(status) === filter;
}

export type PublicCaseView = Extract<CaseView, { view: 'public' }>;

export interface Open311Request {
  service_request_id: string;
  status: Open311Status;
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
  extended_attributes: {
    detailed_status: DetailedStatus;
    /** Our own status, in Chinese, as the app shows it. */
    status_label: string;
    case_number: string;
    group: string;
  };
}

/**
 * A case for Open311 readers. `photoUrl` turns a photo link of ours into an absolute URL (the
 * spec wants a URL a client can fetch); only photos a centre approved for the public are given.
 */
export function serviceRequestOf(view: PublicCaseView, photoUrl: (path: string) => string): Open311Request {
  const photo = view.publicPhotos[0];
  return {
    service_request_id: view.id,
    status: open311StatusOf(view.status),
    status_notes: view.resolution?.note ?? null,
    service_name: view.subcategory.name,
    service_code: view.subcategory.code,
    description: view.publicSummary,
    agency_responsible: view.leadUnit?.name ?? null,
    service_notice: null,
    requested_datetime: open311DateTime(view.filedAt),
    updated_datetime: open311DateTime(view.updatedAt),
    expected_datetime: view.caseDeadline ? open311DateTime(view.caseDeadline) : view.deadline ? open311DateTime(view.deadline) : null,
    address: view.address,
    address_id: view.compound?.code ?? null,
    zipcode: null,
    lat: view.location?.lat ?? null,
    long: view.location?.lng ?? null,
    media_url: photo ? photoUrl(photo.url) : null,
    extended_attributes: {
      detailed_status: detailedStatusOf(view.status, view.resolution !== null),
      status_label: view.statusLabel,
      case_number: view.number,
      group: view.category.name,
    },
  };
}

/** One step of a case as FixMyStreet's request updates give it. */
export interface Open311Update {
  update_id: string;
  service_request_id: string;
  status: Open311Status;
  updated_datetime: string;
  description: string;
  media_url: string | null;
  extended_attributes: { detailed_status: DetailedStatus; step: string };
}

/**
 * The status of a case after each step of its timeline, from the rules table alone: a step that
 * keeps the status keeps it, a resumption returns to what the suspension interrupted.
 */
export function statusesAlong(types: readonly TimelineEntryType[]): CaseStatus[] {
  const result: CaseStatus[] = [];
  let current: CaseStatus = 'submitted';
  let beforeSuspension: CaseStatus = 'submitted';
  for (const type of types) {
    if (type !== 'file') {
      const to = caseEventRules[type].to;
      if (to === 'previous') current = beforeSuspension;
      else if (to !== 'same') {
        if (to === 'suspended') beforeSuspension = current;
        current = to;
      }
    }
    result.push(current);
  }
  return result;
}

/**
 * Every step the public view shows, as updates: the step's name, and its note where the policy
 * lets the public read one. A case that is resolved then closed says so step by step.
 */
export function updatesOf(view: PublicCaseView): Open311Update[] {
  const statuses = statusesAlong(view.timeline.map((entry) => entry.type));
  return view.timeline.map((entry, index) => {
    const status = statuses[index]!;
    const hasResolution = view.resolution !== null && new Date(view.resolution.at) <= new Date(entry.at);
    return {
      update_id: `${view.id}-${entry.seq}`,
      service_request_id: view.id,
      status: open311StatusOf(status),
      updated_datetime: open311DateTime(entry.at),
      description: entry.note ? `${entry.label}：${entry.note}` : entry.label,
      media_url: null,
      extended_attributes: { detailed_status: detailedStatusOf(status, hasResolution), step: entry.type },
    };
  });
}
