import { partiesOf } from '../cases/rules';
import type { CaseRecord } from '../cases/types';
import type { Actor } from '../domain/roles';
import { mayReadPoll, type PollPlace, type PollReadFacts } from './polls';
import type { Poll } from '../polls/types';

/**
 * THE privacy policy of a case: for each viewer relation and each field, whether the field is
 * shown as is, masked (personal data in text masked, the place coarsened, the number shortened)
 * or hidden. Presenters, lists, photo downloads and places ask it; nothing else decides.
 */

/**
 * How a viewer stands to a case, from the closest:
 * - filer: who filed it (a resident, or staff filing from patrol or the hotline);
 * - centre: the street centre of its street (at either tier) and the district centre, who call
 *   reporters back; administrators, who audit the platform, see what the centres see;
 * - lead_unit: an account of the lead unit (主办), which calls the reporter back;
 * - cohandler: an account of a cohandling unit (协办);
 * - staff_in_scope: grid staff of its grid, the residents' committee of its compound;
 * - follower: a resident who said "me too" (我也遇到) and follows it;
 * - staff_out_of_scope: any other staff account;
 * - public: everyone else, signed in or not.
 */
export const viewerRelations = ['filer', 'centre', 'lead_unit', 'cohandler', 'staff_in_scope', 'follower', 'staff_out_of_scope', 'public'] as const;
export type ViewerRelation = (typeof viewerRelations)[number];

/** The relations that take part in the case: they see its working view. */
export const caseParties: readonly ViewerRelation[] = ['filer', 'centre', 'lead_unit', 'cohandler', 'staff_in_scope'];

/**
 * The fields of a case the policy rules on:
 * - title, description: what the filer typed;
 * - reporterNotes: the filer's later words on the timeline (reopen reasons, rating comments);
 * - staffNotes: notes staff write on the timeline (progress, reasons, suspension);
 * - photos: photos of the filing and of the steps, unreviewed;
 * - reporterName, reporterPhone;
 * - exactLocation: the point and the full address (masked: ~200 m, street + compound);
 * - building;
 * - resolution: the lead unit's report that the work is done (its note; its photos follow `photos`);
 * - ratingComment;
 * - actorNames: who did each step (hidden: role labels only);
 * - timelineData: the facts of each step (units, deadlines, holdings);
 * - publicSummary, publicPhotos: what a centre approved for everyone.
 */
export const caseFields = [
  'title',
  'description',
  'reporterNotes',
  'staffNotes',
  'photos',
  'reporterName',
  'reporterPhone',
  'exactLocation',
  'building',
  'resolution',
  'ratingComment',
  'actorNames',
  'timelineData',
  'publicSummary',
  'publicPhotos',
] as const;
export type CaseField = (typeof caseFields)[number];

export type Disclosure = 'shown' | 'masked' | 'hidden';

const S = 'shown';
const M = 'masked';
const H = 'hidden';
type Row = Record<ViewerRelation, Disclosure>;
const row = (filer: Disclosure, centre: Disclosure, lead: Disclosure, cohandler: Disclosure, scope: Disclosure, follower: Disclosure, out: Disclosure, pub: Disclosure): Row => ({
  filer,
  centre,
  lead_unit: lead,
  cohandler,
  staff_in_scope: scope,
  follower,
  staff_out_of_scope: out,
  public: pub,
});

/**
 * The table. Unreviewed free text and photos never leave the case's parties, except the staff's
 * own notes and resolution, which followers and other staff read masked; the public reads only
 * what a centre approved, masked. Columns: filer, centre, lead unit, cohandler, staff in scope,
 * follower, staff out of scope, public.
 */
const policy: Record<CaseField, Row> = {
  title: row(S, S, S, S, S, H, H, H),
  description: row(S, S, S, S, S, H, H, H),
  reporterNotes: row(S, S, S, S, S, H, H, H),
  staffNotes: row(S, S, S, S, S, M, M, H),
  photos: row(S, S, S, S, S, H, H, H),
  reporterName: row(S, S, S, S, S, H, H, H),
  // The centres and the lead unit call the reporter back; cohandlers and grid staff see enough to recognise the number.
  reporterPhone: row(S, S, S, M, M, H, H, H),
  exactLocation: row(S, S, S, S, S, M, M, M),
  building: row(S, S, S, S, S, H, H, H),
  resolution: row(S, S, S, S, S, M, M, H),
  ratingComment: row(S, S, S, S, S, H, H, H),
  actorNames: row(S, S, S, S, S, H, H, H),
  timelineData: row(S, S, S, S, S, H, H, H),
  publicSummary: row(S, S, S, S, S, M, M, M),
  publicPhotos: row(S, S, S, S, S, S, S, S),
};

/** An anonymous reporter (匿名) is known to the centres alone: units and grid staff do not learn who it is. */
const anonymousOverrides: Partial<Record<CaseField, Partial<Row>>> = {
  reporterName: { lead_unit: H, cohandler: H, staff_in_scope: H },
  reporterPhone: { lead_unit: H, cohandler: H, staff_in_scope: H },
};

/**
 * A hotline caller who asked for secrecy (保密) is known to the parties who handle the order: the
 * centres and the lead unit, who call back. Cohandlers, grid staff, committees and followers do not
 * learn who called, and the public view (and the Open311 view, which reads it) never does.
 */
const secretCallerOverrides: Partial<Record<CaseField, Partial<Row>>> = {
  reporterName: { cohandler: H, staff_in_scope: H, follower: H, staff_out_of_scope: H, public: H },
  reporterPhone: { cohandler: H, staff_in_scope: H, follower: H, staff_out_of_scope: H, public: H },
};

/** Facts about the case that change the policy. */
export interface DisclosureFacts {
  reporterAnonymous: boolean;
  /** The hotline caller asked for secrecy. */
  callerSecret?: boolean;
}

/** The facts of a stored case. */
export function disclosureFactsOf(record: Pick<CaseRecord, 'reporter'>): DisclosureFacts {
  return { reporterAnonymous: record.reporter.anonymous, callerSecret: record.reporter.secret === true };
}

/** Whether `relation` sees `field` of a case shown, masked or hidden. */
export function disclosure(relation: ViewerRelation, field: CaseField, facts: DisclosureFacts): Disclosure {
  if (facts.reporterAnonymous) {
    const override = anonymousOverrides[field]?.[relation];
    if (override) return override;
  }
  if (facts.callerSecret) {
    const override = secretCallerOverrides[field]?.[relation];
    if (override) return override;
  }
  return policy[field][relation];
}

/** Every field's disclosure for one relation: what a presenter works from. */
export function disclosuresFor(relation: ViewerRelation, facts: DisclosureFacts): Record<CaseField, Disclosure> {
  return Object.fromEntries(caseFields.map((field) => [field, disclosure(relation, field, facts)])) as Record<CaseField, Disclosure>;
}

/** What the policy needs to know of the viewer: the account, and whether they follow the case (the store knows). */
export interface Viewer {
  actor: Actor | undefined;
  isFollower?: boolean;
}

/** How `viewer` stands to `record`: the closest relation they have (see {@link viewerRelations}). */
export function relationTo(record: CaseRecord, viewer: Viewer): ViewerRelation {
  const { actor } = viewer;
  if (!actor) return 'public';
  if (actor.id === record.reporter.accountId) return 'filer';
  if (actor.role === 'admin') return 'centre';
  const parties = partiesOf(record, actor);
  if (parties.includes('district') || parties.includes('street_watch')) return 'centre';
  if (parties.includes('lead_unit')) return 'lead_unit';
  if (parties.includes('cohandler')) return 'cohandler';
  if (parties.includes('grid_staff') || parties.includes('grid_leader') || parties.includes('community')) return 'staff_in_scope';
  if (actor.role === 'resident') return viewer.isFollower ? 'follower' : 'public';
  return actor.role === 'system' ? 'centre' : 'staff_out_of_scope';
}

/** Whether the relation takes part in the case (and so sees its working view). */
export function isCaseParty(relation: ViewerRelation): boolean {
  return caseParties.includes(relation);
}

/**
 * Whether `viewer` may download a photo a case shows: parties see every photo of the case; others
 * only the photos a centre approved for the public.
 */
export function maySeeCasePhoto(record: CaseRecord, viewer: Viewer, photoId: string): boolean {
  const facts = disclosureFactsOf(record);
  const relation = relationTo(record, viewer);
  if (disclosure(relation, 'photos', facts) === 'shown') return true;
  return disclosure(relation, 'publicPhotos', facts) === 'shown' && (record.publicPhotoIds ?? []).includes(photoId);
}

/** A poll as its photos need it: its place (who reads it), its window (public results) and the photos it shows. */
export type PhotoPoll = PollPlace & Pick<Poll, 'id' | 'opensAt' | 'closesAt'> & { publicResults: boolean; photoIds: readonly string[] };

/** Where a photo is shown: the case or the poll it was claimed for, with what decides who reads that. */
export interface PhotoHolder {
  case?: CaseRecord;
  poll?: { poll: PhotoPoll; facts: PollReadFacts };
}

/**
 * Whether `viewer` may download a photo. A photo a case shows follows {@link maySeeCasePhoto}; a
 * photo a poll shows (its background) is seen by whoever may read the poll ({@link mayReadPoll}).
 * Before that, while it is only an upload, its uploader sees it (the filing form shows a preview),
 * and so does staff, who review what residents send; another resident never does: it may show
 * the inside of someone's home.
 */
export function maySeePhoto(photo: { id: string; ownerId: string; caseId: string | null; pollId?: string | null }, viewer: Viewer, holder: PhotoHolder = {}): boolean {
  if (photo.caseId !== null) return holder.case !== undefined && holder.case.id === photo.caseId && maySeeCasePhoto(holder.case, viewer, photo.id);
  if (photo.pollId) {
    const { poll } = holder;
    return poll !== undefined && poll.poll.id === photo.pollId && poll.poll.photoIds.includes(photo.id) && mayReadPoll(viewer.actor, poll.poll, poll.facts);
  }
  const { actor } = viewer;
  if (!actor) return false;
  return actor.id === photo.ownerId || actor.role !== 'resident';
}

/**
 * Phone numbers of the directory (grid teams, units): staff call each other and see them in full;
 * residents and the public see them masked.
 */
export function directoryPhoneDisclosure(actor: Actor | undefined): Exclude<Disclosure, 'hidden'> {
  return actor && actor.role !== 'resident' ? 'shown' : 'masked';
}

/**
 * Rounds a point to 0.002° (~200 m): enough to show the neighbourhood on a public map, not
 * enough to find a reporter's door.
 */
export function coarsenPoint(point: { lng: number; lat: number }): { lng: number; lat: number } {
  const snap = (value: number) => Math.round(value / 0.002) * 0.002;
  return { lng: Number(snap(point.lng).toFixed(3)), lat: Number(snap(point.lat).toFixed(3)) };
}
