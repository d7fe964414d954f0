/**
 * Test helpers for the statistics: random case histories driven through the real machine, and a
 * plain count of figures from final case records written independently of `countedEventsOf`.
 * Pure and framework-free, like shared/cases/testing.ts.
 */
import type { CaseEventInput } from '../cases/events';
import { allowedEvents, dueSystemEvents, fileCase, transition } from '../cases/machine';
import { buildActor, buildContext, buildSubcategory, fixtures, samplePayload, T0 } from '../cases/testing';
import type { CaseRecord, CaseSource, Effect } from '../cases/types';
import { handlingBucketOf, type CounterName, type Counters } from './counters';

/** A deterministic generator in [0, 1): the same seed gives the same histories. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** One write of a random history: the record it stored, the timeline length before it, and its effects. */
export interface HistoryWrite {
  written: CaseRecord;
  previousLength: number;
  effects: Effect[];
}

const forward = new Set<string>(['accept', 'dispatch', 'claim', 'resolve', 'verify', 'close', 'rate', 'reopen', 'return', 'reassign', 'resume']);
const units = ['U-PM-001', 'U-PM-002', 'U-PM-003'] as const;
const sources: CaseSource[] = ['resident_app', 'grid_patrol', 'hotline', 'open311'];
const places = [
  { streetCode: 'ST01', gridCode: 'ST01-G01' },
  { streetCode: 'ST01', gridCode: 'ST01-G02' },
  { streetCode: 'ST02', gridCode: 'ST02-G01' },
];
const subcategories = [buildSubcategory(), buildSubcategory({ code: '01.03', name: '道路破损', photoRequiredToClose: false })];

/**
 * Random case histories through the real machine: each case is filed, then up to `maxSteps` times
 * the clock moves on (minutes to days, so clocks warn, overrun and escalate) and either the due
 * system events run or a random allowed event of a random party (centres, the reporter, the lead
 * unit) is applied with a valid payload, with dispatches and reassignments to random units.
 */
export function randomHistories(seed: number, cases: number, maxSteps = 30): { finals: CaseRecord[]; writes: HistoryWrite[] } {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const finals: CaseRecord[] = [];
  const writes: HistoryWrite[] = [];
  for (let n = 0; n < cases; n += 1) {
    const subcategory = pick(subcategories);
    let now = new Date(T0.getTime() + Math.floor(random() * 60 * 86_400_000));
    const source = pick(sources);
    const filed = fileCase(
      {
        id: `rh-${seed}-${n}`,
        number: `BH-RH-${n}`,
        catalogVersion: 1,
        title: '随机案件',
        description: '随机生成的案件历史',
        address: '包河区某处',
        ...pick(places),
        source,
        reporter: { accountId: fixtures.reporterId, role: 'resident', name: '王女士', anonymous: false },
        photos: ['photo-1'],
      },
      buildContext(buildActor('resident'), now, subcategory),
    );
    if (!filed.ok) throw new Error(filed.error.message);
    writes.push({ written: filed.next, previousLength: 0, effects: filed.effects });
    let record = filed.next;
    const steps = Math.floor(random() * maxSteps);
    for (let step = 0; step < steps; step += 1) {
      now = new Date(now.getTime() + Math.floor(random() * (random() < 0.15 ? 3 * 86_400_000 : 3 * 3_600_000)) + 60_000);
      const due = dueSystemEvents(record, now);
      const lead = record.assignment.leadUnitCode;
      const parties = [
        buildActor('street_dispatcher', { streetCode: record.streetCode }),
        buildActor('district_dispatcher'),
        buildActor('resident'),
        ...(lead ? [buildActor('property_manager', { unitCode: lead })] : []),
      ];
      let actor = buildActor('system');
      let event: CaseEventInput | undefined = due[0];
      if (!event) {
        // Forward steps weigh more, so that many histories reach closing, rating and reopening.
        const candidates = parties.flatMap((party) =>
          allowedEvents(record, party, now)
            .filter((type) => type !== 'merge' || random() < 0.2)
            .flatMap((type) => Array.from({ length: forward.has(type) ? 8 : 1 }, () => ({ party, type }))),
        );
        if (!candidates.length) continue;
        const chosen = pick(candidates);
        actor = chosen.party;
        const type = chosen.type;
        event = samplePayload(type, record, now);
        if (event.type === 'dispatch' || event.type === 'reassign') event = { ...event, leadUnitCode: pick(units), leadUnitType: 'property_company', cohandlers: [] };
        if (event.type === 'rate') event = { ...event, satisfaction: 1 + Math.floor(random() * 5), resolved: pick(['yes', 'partly', 'no'] as const) };
      }
      const result = transition(record, event, buildContext(actor, now, subcategory));
      if (!result.ok) continue;
      writes.push({ written: result.next, previousLength: record.timeline.length, effects: result.effects });
      record = result.next;
    }
    finals.push(record);
  }
  return { finals, writes };
}

const filedCounter: Record<CaseSource, CounterName> = {
  resident_app: 'filedResident',
  grid_patrol: 'filedPatrol',
  hotline: 'filedHotline',
  open311: 'filedOther',
  consultation: 'filedOther',
};

/** Figures counted plainly from final case records, for checking the projection. */
export interface PlainCount {
  total: Counters;
  byStreet: Record<string, Counters>;
  byUnit: Record<string, Counters>;
  filedByDay: Record<string, number>;
}

/**
 * The district's figures counted straight from the cases: entry types counted one by one, the
 * time units held cases from the cases' `unitHoldings`, ratings from the rate entries, handling
 * time from the close entries. Shares no code with `countedEventsOf` but the histogram's bounds.
 */
export function countPlainly(records: readonly CaseRecord[]): PlainCount {
  const total: Counters = {};
  const byStreet: Record<string, Counters> = {};
  const byUnit: Record<string, Counters> = {};
  const filedByDay: Record<string, number> = {};
  const add = (into: Counters, name: CounterName, value = 1) => {
    if (value !== 0) into[name] = (into[name] ?? 0) + value;
  };
  const simple: Partial<Record<string, CounterName>> = {
    accept: 'accepted',
    reject: 'rejected',
    merge: 'merged',
    dispatch: 'dispatched',
    return: 'returned',
    reassign: 'reassigned',
    resolve: 'resolved',
    send_back: 'sentBack',
    warn: 'warned',
    case_warn: 'warned',
    overdue: 'overdueStage',
    case_overdue: 'overdueCase',
    urge: 'urged',
    escalate: 'escalated',
    auto_escalate: 'escalated',
    case_escalate: 'escalated',
    supervise: 'supervised',
    reopen: 'reopened',
  };
  for (const record of records) {
    const street = (byStreet[record.streetCode] ??= {});
    add(total, 'filed');
    add(total, filedCounter[record.source]);
    add(street, 'filed');
    const day = new Date(record.filedAt.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    filedByDay[day] = (filedByDay[day] ?? 0) + 1;
    for (const holding of record.unitHoldings ?? []) {
      add(total, 'heldMsSum', holding.heldMs);
      add(total, 'heldCount');
      add((byUnit[holding.unitCode] ??= {}), 'heldMsSum', holding.heldMs);
      if (holding.outcome === 'resolved') add(byUnit[holding.unitCode]!, 'resolved');
    }
    let caseOverdue = false;
    const firstAt = (type: string) => record.timeline.find((entry) => entry.type === type)?.at;
    for (const entry of record.timeline) {
      const name = simple[entry.type];
      if (name) add(total, name);
      if (entry.type === 'dispatch') add((byUnit[String(entry.data?.leadUnitCode)] ??= {}), 'dispatched');
      // A unit that lets a case go is named on the entry: the one that returned it, the one it was taken from.
      if (entry.type === 'return' && entry.data?.unitCode) add((byUnit[String(entry.data.unitCode)] ??= {}), 'returned');
      if (entry.type === 'reassign' && entry.data?.previousLeadUnitCode) add((byUnit[String(entry.data.previousLeadUnitCode)] ??= {}), 'reassigned');
      if (entry.type === 'case_overdue') caseOverdue = true;
      if (entry.type === 'close') {
        const ms = entry.at.getTime() - record.filedAt.getTime();
        add(total, 'closed');
        add(street, 'closed');
        if (!caseOverdue) add(total, 'closedOnTime');
        add(total, 'handlingMsSum', ms);
        add(total, handlingBucketOf(ms));
        const lastResolve = record.timeline.filter((other) => other.type === 'resolve' && other.seq < entry.seq).at(-1)!.at;
        add(total, 'intakeMsSum', firstAt('accept')!.getTime() - record.filedAt.getTime());
        add(total, 'intakeCount');
        add(total, 'dispatchMsSum', firstAt('dispatch')!.getTime() - firstAt('accept')!.getTime());
        add(total, 'dispatchCount');
        add(total, 'handleMsSum', lastResolve.getTime() - firstAt('dispatch')!.getTime());
        add(total, 'handleCount');
        add(total, 'verifyMsSum', entry.at.getTime() - lastResolve.getTime());
        add(total, 'verifyCount');
      }
      if (entry.type === 'rate') {
        const satisfaction = Number(entry.data?.satisfaction);
        add(total, 'ratings');
        add(total, 'satisfactionSum', satisfaction);
        if (satisfaction >= 4) add(total, 'satisfied');
        add(total, entry.data?.resolved === 'yes' ? 'ratedResolved' : entry.data?.resolved === 'partly' ? 'ratedPartly' : 'ratedUnresolved');
      }
    }
  }
  return { total, byStreet, byUnit, filedByDay };
}
