import { priorityLabels, stageLabels, type StageKey } from '../../shared/catalog/types';
import { caseEventLabels, type CaseEventType } from '../../shared/cases/events';
import { caseStatusLabels, statusGroup } from '../../shared/cases/states';
import type { CaseRecord, TimelineEntry } from '../../shared/cases/types';
import { roleLabels } from '../../shared/domain/roles';
import { maskPersonalData, maskPhone } from '../../shared/policies/personal-data';
import { publicPreviewOf } from '../../shared/policies/preview';
import { coarsenPoint, disclosureFactsOf, disclosuresFor, isCaseParty, relationTo, type CaseField, type Disclosure, type Viewer } from '../../shared/policies/privacy';
import type { WorkingCalendar } from '../../shared/time/calendar';
import { clockRemainingMs, type Clock } from '../../shared/time/sla';
import type { CaseSummary, CaseView } from '../../shared/api/cases';
import type { ReferencePort } from '../commands/ports';

export type { Viewer } from '../../shared/policies/privacy';

const photoLinks = (id: string) => ({ id, url: `/api/v1/photos/${id}`, thumbnailUrl: `/api/v1/photos/${id}?size=thumb` });
const entryLabel = (type: TimelineEntry['type']) => (type === 'file' ? '上报' : caseEventLabels[type]);
const actorRoleLabel = (role: TimelineEntry['actor']['role']) => (role === 'system' ? '系统' : roleLabels[role]);
const ANONYMOUS_NAME = '匿名居民';

/** A text field as the policy allows it: as written, with personal data masked, or not at all. */
function textAs(mode: Disclosure, value: string | undefined): string | null {
  if (value === undefined || mode === 'hidden') return null;
  return mode === 'shown' ? value : maskPersonalData(value);
}

async function names(reference: ReferencePort, record: CaseRecord) {
  const entry = await reference.entryOf(record);
  const compound = record.compoundCode ? reference.compounds.get(record.compoundCode) : undefined;
  return {
    category: { code: record.categoryCode, name: entry?.category.name ?? record.categoryCode },
    subcategory: { code: record.subcategoryCode, name: entry?.subcategory.name ?? record.subcategoryCode },
    street: { code: record.streetCode, name: reference.streets.get(record.streetCode)?.name ?? record.streetCode },
    grid: { code: record.gridCode, name: reference.grids.get(record.gridCode)?.name ?? record.gridCode },
    compound: compound ? { code: compound.code, name: compound.name } : null,
    closingStandard: entry?.subcategory.closingStandard,
  };
}

type Names = Awaited<ReturnType<typeof names>>;

function unitOf(reference: ReferencePort, code: string | undefined) {
  if (!code) return null;
  const unit = reference.unitsByCode.get(code);
  return { code, name: unit?.name ?? code, type: unit?.type ?? null };
}

/** A clock with the time left at `now` (negative once overdue), so the app shows a countdown without a calendar. */
function clockView<K extends StageKey | 'case'>(clock: Clock<K> | null | undefined, label: string, now: Date, calendar: WorkingCalendar) {
  if (!clock) return null;
  return {
    stage: clock.stage,
    stageLabel: label,
    basis: clock.basis,
    limitMs: clock.limitMs,
    remainingMs: clockRemainingMs(clock, now, calendar),
    deadline: clock.deadline,
    warnAt: clock.warnAt,
    paused: clock.runningSince === null,
    warned: clock.warned,
    overdue: clock.overdue,
  };
}

const clocksOf = (reference: ReferencePort, record: CaseRecord, now: Date) => ({
  clock: record.clock ? clockView(record.clock, stageLabels[record.clock.stage], now, reference.calendar) : null,
  caseClock: clockView(record.caseClock, '办结时限', now, reference.calendar),
});

const publicAddress = (n: Names) => [n.street.name, n.compound?.name].filter(Boolean).join(' ');

/** A line of a list: enough to pick a case; the title and the photo only where the policy shows them. */
export async function presentCaseSummary(reference: ReferencePort, record: CaseRecord, viewer: Viewer): Promise<CaseSummary> {
  const relation = relationTo(record, viewer);
  return summaryOf(reference, record, disclosuresFor(relation, disclosureFactsOf(record)), await names(reference, record));
}

function summaryOf(reference: ReferencePort, record: CaseRecord, d: Record<CaseField, Disclosure>, n: Names): CaseSummary {
  const thumbnail = d.photos === 'shown' ? record.photos[0] : (record.publicPhotoIds ?? [])[0];
  return {
    id: record.id,
    number: record.number,
    status: record.status,
    statusLabel: caseStatusLabels[record.status],
    statusGroup: statusGroup(record.status),
    priority: record.priority,
    priorityLabel: priorityLabels[record.priority],
    // What the resident typed stays with the parties; everyone else reads the subcategory's name.
    title: d.title === 'shown' ? record.title : n.subcategory.name,
    category: n.category,
    subcategory: n.subcategory,
    street: n.street,
    grid: n.grid,
    compound: n.compound,
    address: d.exactLocation === 'shown' ? record.address : publicAddress(n),
    leadUnit: unitOf(reference, record.assignment.leadUnitCode),
    deadline: record.clock?.deadline ?? null,
    overdue: record.clock?.overdue ?? false,
    caseDeadline: record.caseClock?.deadline ?? null,
    caseOverdue: record.caseClock?.overdue ?? false,
    supervised: record.supervised,
    followers: record.followers,
    thumbnail: thumbnail ? photoLinks(thumbnail).thumbnailUrl : null,
    filedAt: record.filedAt,
    updatedAt: record.updatedAt,
  };
}

/** What the filer is told will be public, from the record as filed (see `publicPreviewOf`). */
function previewOf(record: CaseRecord, n: Names) {
  return publicPreviewOf(
    {
      title: record.title,
      description: record.description,
      location: record.location,
      address: record.address,
      compoundCode: record.compoundCode,
      buildingCode: record.buildingCode,
      photos: record.photos,
      anonymous: record.reporter.anonymous,
      contactPhone: record.reporter.phone,
    },
    { category: n.category.name, subcategory: n.subcategory.name, street: n.street.name, compound: n.compound?.name },
  );
}

/**
 * A case for one viewer, field by field as the privacy policy (shared/policies/privacy.ts) says
 * for the viewer's relation to it. The parties get the working view; everyone else the public
 * view: category, coarse place, status, steps with role labels, and what a centre approved.
 * `now` gives the time left on the stage and on the case.
 */
export async function presentCase(reference: ReferencePort, record: CaseRecord, viewer: Viewer, allowed: CaseEventType[], now: Date): Promise<CaseView> {
  const n = await names(reference, record);
  const relation = relationTo(record, viewer);
  const d = disclosuresFor(relation, disclosureFactsOf(record));
  const summary = summaryOf(reference, record, d, n);
  const common = {
    ...summary,
    relation,
    catalogVersion: record.catalogVersion,
    closingStandard: n.closingStandard,
    source: record.source,
    origin: record.origin ?? null,
    tier: record.tier,
    assignment: {
      leadUnit: unitOf(reference, record.assignment.leadUnitCode),
      cohandlers: record.assignment.cohandlers.map((c) => unitOf(reference, c.unitCode)),
      claimBy: record.assignment.claimBy ?? null,
    },
    ...clocksOf(reference, record, now),
    publicSummary: textAs(d.publicSummary, record.publicSummary),
    publicPhotos: (record.publicPhotoIds ?? []).map(photoLinks),
    closedAt: record.closedAt ?? null,
    reopenCount: record.reopenCount,
    urgeCount: record.urgeCount,
    mergedInto: record.mergedInto ?? null,
    version: record.version,
  };
  const byReporter = (entry: TimelineEntry) => entry.actor.id === record.reporter.accountId;
  const noteOf = (entry: TimelineEntry) => textAs(byReporter(entry) ? (entry.type === 'rate' ? d.ratingComment : d.reporterNotes) : d.staffNotes, entry.note);

  if (!isCaseParty(relation)) {
    return {
      view: 'public' as const,
      ...common,
      location: record.location ? coarsenPoint(record.location) : null,
      resolution: record.resolution && d.resolution !== 'hidden' ? { note: textAs(d.resolution, record.resolution.note), at: record.resolution.at } : null,
      timeline: record.timeline.map((entry) => {
        const note = noteOf(entry);
        return {
          seq: entry.seq,
          type: entry.type,
          label: entryLabel(entry.type),
          at: entry.at,
          actor: { roleLabel: actorRoleLabel(entry.actor.role) },
          ...(note !== null ? { note } : {}),
        };
      }),
      allowedEvents: [],
    };
  }

  const reporterName = d.reporterName === 'shown' ? record.reporter.name : ANONYMOUS_NAME;
  const phone = record.reporter.phone;
  return {
    view: 'full' as const,
    ...common,
    description: record.description,
    photos: record.photos.map(photoLinks),
    address: record.address,
    location: record.location ?? null,
    buildingCode: record.buildingCode ?? null,
    reporter: {
      name: reporterName,
      anonymous: record.reporter.anonymous,
      phone: phone && d.reporterPhone !== 'hidden' ? (d.reporterPhone === 'shown' ? phone : maskPhone(phone)) : null,
      isYou: relation === 'filer',
    },
    suspension: record.suspension ?? null,
    resolution: record.resolution ? { ...record.resolution, photos: record.resolution.photos.map(photoLinks) } : null,
    rating: record.rating ?? null,
    unitHoldings: (record.unitHoldings ?? []).map((holding) => ({ ...holding, unit: unitOf(reference, holding.unitCode) })),
    timeline: record.timeline.map((entry) => ({
      seq: entry.seq,
      type: entry.type,
      label: entryLabel(entry.type),
      at: entry.at,
      actor: {
        name: byReporter(entry) && d.reporterName !== 'shown' ? ANONYMOUS_NAME : entry.actor.name,
        role: entry.actor.role,
        roleLabel: actorRoleLabel(entry.actor.role),
      },
      note: noteOf(entry),
      photos: (entry.photos ?? []).map(photoLinks),
      data: entry.data ?? {},
    })),
    ...(relation === 'filer' ? { publicPreview: previewOf(record, n) } : {}),
    allowedEvents: allowed.map((type) => ({ type, label: caseEventLabels[type] })),
  };
}
