import { priorityLabels, stageLabels } from '../../shared/catalog/types';
import { caseEventLabels, type CaseEventType } from '../../shared/cases/events';
import { caseStatusLabels, statusGroup } from '../../shared/cases/states';
import type { CaseRecord, TimelineEntry } from '../../shared/cases/types';
import { partiesOf, type Party } from '../../shared/cases/rules';
import { coarsenPoint, maskPhone, seesCaseInFull } from '../../shared/cases/visibility';
import { roleLabels, type Actor } from '../../shared/domain/roles';
import type { CaseSummary, CaseView } from '../../shared/api/cases';
import type { ReferenceData } from '../reference/reference-data';

const photoLinks = (id: string) => ({ id, url: `/api/v1/photos/${id}`, thumbnailUrl: `/api/v1/photos/${id}?size=thumb` });
const entryLabel = (type: TimelineEntry['type']) => (type === 'file' ? '上报' : caseEventLabels[type]);
const actorRoleLabel = (role: TimelineEntry['actor']['role']) => (role === 'system' ? '系统' : roleLabels[role]);

/** Centres and the lead unit call reporters back; nobody else sees the number in full. */
const callsBack = (parties: Party[]) => parties.some((party) => party === 'district' || party === 'street_watch' || party === 'lead_unit');
/** An anonymous reporter's name is for the centres alone. */
const knowsAnonymousReporter = (parties: Party[]) => parties.some((party) => party === 'district' || party === 'street_watch' || party === 'reporter');

async function names(reference: ReferenceData, record: CaseRecord) {
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

function unitOf(reference: ReferenceData, code: string | undefined) {
  if (!code) return null;
  const unit = reference.unitsByCode.get(code);
  return { code, name: unit?.name ?? code, type: unit?.type ?? null };
}

function clockView(record: CaseRecord) {
  const clock = record.clock;
  if (!clock) return null;
  return {
    stage: clock.stage,
    stageLabel: stageLabels[clock.stage],
    deadline: clock.deadline,
    warnAt: clock.warnAt,
    paused: clock.runningSince === null,
    warned: clock.warned,
    overdue: clock.overdue,
    basis: clock.basis,
  };
}

/** A line of a list: enough to pick a case, nothing personal. */
export async function presentCaseSummary(reference: ReferenceData, record: CaseRecord, actor: Actor | undefined): Promise<CaseSummary> {
  return summaryOf(reference, record, seesCaseInFull(record, actor), await names(reference, record));
}

function summaryOf(reference: ReferenceData, record: CaseRecord, full: boolean, n: Names): CaseSummary {
  return {
    id: record.id,
    number: record.number,
    status: record.status,
    statusLabel: caseStatusLabels[record.status],
    statusGroup: statusGroup(record.status),
    priority: record.priority,
    priorityLabel: priorityLabels[record.priority],
    title: record.title,
    category: n.category,
    subcategory: n.subcategory,
    street: n.street,
    grid: n.grid,
    compound: n.compound,
    address: full ? record.address : publicAddress(n),
    leadUnit: unitOf(reference, record.assignment.leadUnitCode),
    deadline: record.clock?.deadline ?? null,
    overdue: record.clock?.overdue ?? false,
    supervised: record.supervised,
    followers: record.followers,
    thumbnail: record.photos[0] ? photoLinks(record.photos[0]).thumbnailUrl : null,
    filedAt: record.filedAt,
    updatedAt: record.updatedAt,
  };
}

type Names = Awaited<ReturnType<typeof names>>;

const publicAddress = (n: Names) => [n.street.name, n.compound?.name].filter(Boolean).join(' ');

/**
 * A case for one viewer: in full to those taking part (see `seesCaseInFull`), otherwise the public
 * form — no reporter, no phone, no notes, the place coarsened to ~200 m and to street + compound.
 */
export async function presentCase(reference: ReferenceData, record: CaseRecord, actor: Actor | undefined, allowed: CaseEventType[]): Promise<CaseView> {
  const n = await names(reference, record);
  const full = seesCaseInFull(record, actor);
  const summary = summaryOf(reference, record, full, n);
  const common = {
    ...summary,
    description: record.description,
    catalogVersion: record.catalogVersion,
    closingStandard: n.closingStandard,
    source: record.source,
    tier: record.tier,
    photos: record.photos.map(photoLinks),
    assignment: {
      leadUnit: unitOf(reference, record.assignment.leadUnitCode),
      cohandlers: record.assignment.cohandlers.map((c) => unitOf(reference, c.unitCode)),
      claimBy: record.assignment.claimBy ?? null,
    },
    clock: clockView(record),
    closedAt: record.closedAt ?? null,
    reopenCount: record.reopenCount,
    urgeCount: record.urgeCount,
    mergedInto: record.mergedInto ?? null,
    version: record.version,
  };
  if (!full || !actor) {
    return {
      view: 'public' as const,
      ...common,
      location: record.location ? coarsenPoint(record.location) : null,
      timeline: record.timeline.map((entry) => ({
        seq: entry.seq,
        type: entry.type,
        label: entryLabel(entry.type),
        at: entry.at,
        actor: { roleLabel: actorRoleLabel(entry.actor.role) },
      })),
      allowedEvents: [],
    };
  }
  const parties = partiesOf(record, actor);
  const isReporter = actor.id === record.reporter.accountId;
  const reporterVisible = !record.reporter.anonymous || isReporter || knowsAnonymousReporter(parties);
  const phone = record.reporter.phone;
  return {
    view: 'full' as const,
    ...common,
    address: record.address,
    location: record.location ?? null,
    buildingCode: record.buildingCode ?? null,
    reporter: {
      name: reporterVisible ? record.reporter.name : '匿名居民',
      anonymous: record.reporter.anonymous,
      phone: phone && reporterVisible ? (callsBack(parties) || isReporter ? phone : maskPhone(phone)) : null,
      isYou: isReporter,
    },
    suspension: record.suspension ?? null,
    resolution: record.resolution ? { ...record.resolution, photos: record.resolution.photos.map(photoLinks) } : null,
    rating: record.rating ?? null,
    timeline: record.timeline.map((entry) => ({
      seq: entry.seq,
      type: entry.type,
      label: entryLabel(entry.type),
      at: entry.at,
      actor: {
        name: entry.actor.id === record.reporter.accountId && !reporterVisible ? '匿名居民' : entry.actor.name,
        role: entry.actor.role,
        roleLabel: actorRoleLabel(entry.actor.role),
      },
      note: entry.note ?? null,
      photos: (entry.photos ?? []).map(photoLinks),
      data: entry.data ?? {},
    })),
    allowedEvents: allowed.map((type) => ({ type, label: caseEventLabels[type] })),
  };
}
