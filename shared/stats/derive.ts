import type { CaseRecord, CaseSource, JsonValue, TimelineEntry } from '../cases/types';
import { handlingBucketOf, type CounterName, type Counters } from './counters';
import type { CountDims, CountedEvent } from './types';

const DISTRICT_OFFSET_MS = 8 * 3_600_000;

/** The district-local (Asia/Shanghai, no daylight saving) day of an instant, YYYY-MM-DD. */
export function districtDayOf(at: Date): string {
  return new Date(at.getTime() + DISTRICT_OFFSET_MS).toISOString().slice(0, 10);
}

const filedBySource: Record<CaseSource, CounterName> = {
  resident_app: 'filedResident',
  grid_patrol: 'filedPatrol',
  hotline: 'filedHotline',
  open311: 'filedOther',
  consultation: 'filedOther',
};

/** Entries that count the same whenever they happen; the others need the history before them. */
const plainCounts: Partial<Record<TimelineEntry['type'], Counters>> = {
  accept: { accepted: 1 },
  reject: { rejected: 1 },
  merge: { merged: 1 },
  dispatch: { dispatched: 1 },
  send_back: { sentBack: 1 },
  warn: { warned: 1 },
  case_warn: { warned: 1 },
  overdue: { overdueStage: 1 },
  case_overdue: { overdueCase: 1 },
  urge: { urged: 1 },
  escalate: { escalated: 1 },
  auto_escalate: { escalated: 1 },
  case_escalate: { escalated: 1 },
  supervise: { supervised: 1 },
  reopen: { reopened: 1 },
};

const text = (value: JsonValue | undefined): string | undefined => (typeof value === 'string' && value ? value : undefined);

/** The working ms of the unit holding a timeline entry closed (return, reassign, resolve), if it recorded one. */
function heldOf(entry: TimelineEntry): { unitCode?: string; heldMs: number } | null {
  const holding = entry.data?.holding;
  if (!holding || typeof holding !== 'object' || Array.isArray(holding)) return null;
  const heldMs = typeof holding.heldMs === 'number' ? holding.heldMs : 0;
  const unitCode = text(holding.unitCode);
  return unitCode ? { unitCode, heldMs } : { heldMs };
}

/** What the history before a close tells about it: the first acceptance and dispatch, the last resolution, a case overrun. */
interface History {
  leadUnitCode?: string;
  firstAcceptAt?: Date;
  firstDispatchAt?: Date;
  lastResolveAt?: Date;
  caseOverdue: boolean;
}

function closeCounts(record: CaseRecord, entry: TimelineEntry, history: History): Counters {
  const handlingMs = Math.max(0, entry.at.getTime() - record.filedAt.getTime());
  const counts: Counters = { closed: 1, handlingMsSum: handlingMs, [handlingBucketOf(handlingMs)]: 1 };
  if (!history.caseOverdue) counts.closedOnTime = 1;
  const stage = (sum: CounterName, count: CounterName, from: Date | undefined, to: Date | undefined) => {
    if (!from || !to) return;
    counts[sum] = Math.max(0, to.getTime() - from.getTime());
    counts[count] = 1;
  };
  stage('intakeMsSum', 'intakeCount', record.filedAt, history.firstAcceptAt);
  stage('dispatchMsSum', 'dispatchCount', history.firstAcceptAt, history.firstDispatchAt);
  stage('handleMsSum', 'handleCount', history.firstDispatchAt, history.lastResolveAt);
  stage('verifyMsSum', 'verifyCount', history.lastResolveAt, entry.at);
  return counts;
}

function rateCounts(entry: TimelineEntry): Counters {
  const satisfaction = typeof entry.data?.satisfaction === 'number' ? entry.data.satisfaction : 0;
  const resolved = entry.data?.resolved;
  return {
    ratings: 1,
    satisfactionSum: satisfaction,
    ...(satisfaction >= 4 ? { satisfied: 1 } : {}),
    ...(resolved === 'yes' ? { ratedResolved: 1 } : resolved === 'partly' ? { ratedPartly: 1 } : resolved === 'no' ? { ratedUnresolved: 1 } : {}),
  };
}

/** A holding that ended: the counter of how it ended, and the working time charged to the unit that held it. */
function leftCounts(counter: CounterName, held: { heldMs: number } | null): Counters {
  return held ? { [counter]: 1, heldMsSum: held.heldMs, heldCount: 1 } : { [counter]: 1 };
}

/**
 * The counted events of a case's timeline entries from `fromSeq` on, one per entry that counts
 * something, keyed `caseId:seq`. Read from the timeline and the case's fixed fields only (place,
 * category, source, filing time), never from fields that later steps overwrite: deriving the
 * entries of one write when it happens and deriving the whole stored history later (the rebuild)
 * give the same events.
 */
export function countedEventsOf(record: CaseRecord, fromSeq = 1): CountedEvent[] {
  const base: Omit<CountDims, 'unitCode'> = {
    streetCode: record.streetCode,
    gridCode: record.gridCode,
    categoryCode: record.categoryCode,
    subcategoryCode: record.subcategoryCode,
    source: record.source,
  };
  const history: History = { caseOverdue: false };
  const events: CountedEvent[] = [];
  for (const entry of record.timeline) {
    const before = history.leadUnitCode;
    let counts: Counters | undefined;
    // The unit charged with the entry: the lead unit after it, except the unit letting the case go (if any).
    let letGo = false;
    let unitCode: string | undefined;
    switch (entry.type) {
      case 'file':
        counts = { filed: 1, [filedBySource[record.source]]: 1 };
        break;
      case 'dispatch':
        history.leadUnitCode = text(entry.data?.leadUnitCode);
        history.firstDispatchAt ??= entry.at;
        break;
      case 'accept':
        history.firstAcceptAt ??= entry.at;
        break;
      case 'return': {
        const held = heldOf(entry);
        letGo = true;
        unitCode = text(entry.data?.unitCode) ?? held?.unitCode ?? before;
        counts = leftCounts('returned', held);
        history.leadUnitCode = undefined;
        break;
      }
      case 'reassign': {
        const held = heldOf(entry);
        letGo = true;
        unitCode = text(entry.data?.previousLeadUnitCode) ?? held?.unitCode ?? before;
        counts = leftCounts('reassigned', held);
        history.leadUnitCode = text(entry.data?.leadUnitCode);
        break;
      }
      case 'resolve': {
        const held = heldOf(entry);
        letGo = true;
        unitCode = held?.unitCode ?? before;
        counts = leftCounts('resolved', held);
        history.lastResolveAt = entry.at;
        break;
      }
      case 'reopen':
        history.leadUnitCode = text(entry.data?.leadUnitCode) ?? before;
        break;
      case 'close':
        counts = closeCounts(record, entry, history);
        break;
      case 'rate':
        counts = rateCounts(entry);
        break;
      default:
        break;
    }
    counts ??= plainCounts[entry.type] && { ...plainCounts[entry.type] };
    if (entry.type === 'case_overdue') history.caseOverdue = true;
    if (!counts || entry.seq < fromSeq) continue;
    const charged = letGo ? unitCode : history.leadUnitCode;
    events.push({
      key: `${record.id}:${entry.seq}`,
      caseId: record.id,
      seq: entry.seq,
      at: entry.at.toISOString(),
      day: districtDayOf(entry.at),
      dims: charged ? { ...base, unitCode: charged } : base,
      counts,
    });
  }
  return events;
}
