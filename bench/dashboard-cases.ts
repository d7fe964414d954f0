import type { CaseEventInput } from '../shared/cases/events';
import { dueSystemEvents, fileCase, transition, type TransitionContext } from '../shared/cases/machine';
import { buildActor, samplePayload } from '../shared/cases/testing';
import type { CaseRecord, CaseSource } from '../shared/cases/types';
import type { Catalog, Subcategory } from '../shared/catalog/types';
import type { Actor } from '../shared/domain/roles';
import type { Unit } from '../shared/domain/places';
import type { ReferencePort } from '../server/commands/ports';

const HOUR_MS = 3_600_000;


/** A deterministic generator in [0, 1): the same seed gives the same year. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** What a generated year holds, and how many steps the machine refused (a script that drifts from the rules shows here). */
export interface GeneratedYear {
  cases: CaseRecord[];
  steps: number;
  refused: number;
}

/**
 * A year of cases at a district's mix, every step through the real case machine (so every history
 * is one the platform could have stored): filed by residents, grid patrols and the hotline across
 * the year, some rejected, most accepted and dispatched to a unit of their street or the district,
 * some returned or reassigned, urged or supervised, resolved in hours to weeks (the clock checks
 * run between steps, so slow ones warn, overrun and escalate), sent back now and then, verified,
 * closed, mostly rated, a few reopened. Steps that would fall after `until` are not taken.
 */
export function generateYear(reference: ReferencePort, catalog: Catalog, options: { cases: number; from: Date; until: Date; seed?: number }): GeneratedYear {
  const random = seeded(options.seed ?? 2026);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chance = (p: number) => random() < p;
  const subcategories = catalog.categories.flatMap((category) => category.subcategories);
  const grids = [...reference.grids.values()];
  const handlers = reference.units.filter((unit) => unit.type !== 'community');
  const unitsOf = (streetCode: string) => {
    const near = handlers.filter((unit) => !unit.streetCode || unit.streetCode === streetCode);
    return near.length ? near : handlers;
  };
  const actorOfUnit = (unit: Unit): Actor => buildActor(unit.type === 'property_company' ? 'property_manager' : 'department', { unitCode: unit.code });
  const span = options.until.getTime() - options.from.getTime();
  const year: GeneratedYear = { cases: [], steps: 0, refused: 0 };

  for (let n = 0; n < options.cases; n += 1) {
    const grid = pick(grids);
    const subcategory: Subcategory = pick(subcategories);
    const streetCentre = buildActor('street_dispatcher', { streetCode: grid.streetCode });
    const districtCentre = buildActor('district_dispatcher');
    const gridMember = buildActor('grid_member', { streetCode: grid.streetCode, gridCode: grid.code });
    const resident = buildActor('resident');
    const source: CaseSource = chance(0.55) ? 'resident_app' : chance(0.78) ? 'grid_patrol' : 'hotline';
    let now = new Date(options.from.getTime() + Math.floor(random() * span));
    const context = (actor: Actor): TransitionContext => ({ actor, now, subcategory, calendar: reference.calendar });
    const filed = fileCase(
      {
        id: `bench-${n}`,
        number: `BH-BENCH-${n}`,
        catalogVersion: catalog.version,
        title: subcategory.name,
        description: '基准测试生成的案件',
        address: `${grid.name}某处`,
        streetCode: grid.streetCode,
        gridCode: grid.code,
        source,
        reporter: source === 'grid_patrol' ? { accountId: gridMember.id, role: 'grid_member', name: '网格员', anonymous: false } : { accountId: resident.id, role: 'resident', name: '居民', anonymous: false },
        photos: ['bench-photo'],
      },
      context(source === 'grid_patrol' ? gridMember : resident),
    );
    year.steps += 1;
    if (!filed.ok) {
      year.refused += 1;
      continue;
    }
    let record = filed.next;
    let stopped = false;
    /** Moves the clock on by `ms`, runs the clock checks due by then, then applies the event. */
    const step = (afterMs: number, actor: Actor | 'centre', event: CaseEventInput) => {
      if (stopped) return;
      const at = new Date(now.getTime() + afterMs);
      if (at > options.until) {
        stopped = true;
        return;
      }
      now = at;
      for (let guard = 0; guard < 10; guard += 1) {
        const due = dueSystemEvents(record, now)[0];
        if (!due) break;
        const checked = transition(record, due, context(buildActor('system')));
        if (!checked.ok) break;
        record = checked.next;
      }
      year.steps += 1;
      // An escalated case is the district centre's to act on.
      const by = actor === 'centre' ? (record.tier === 'district' ? districtCentre : streetCentre) : actor;
      const result = transition(record, event, context(by));
      if (result.ok) record = result.next;
      else {
        year.refused += 1;
        stopped = true;
      }
    };
    const dispatchTo = (unit: Unit) => ({ type: 'dispatch' as const, leadUnitCode: unit.code, leadUnitType: unit.type, cohandlers: [] });
    const hours = (from: number, to: number) => (from + random() * (to - from)) * HOUR_MS;

    if (chance(0.04)) {
      step(hours(0.5, 8), 'centre', samplePayload('reject', record, now));
      year.cases.push(record);
      continue;
    }
    step(hours(0.2, 6), 'centre', { type: 'accept' });
    let unit = pick(unitsOf(grid.streetCode));
    step(hours(0.2, 8), 'centre', dispatchTo(unit));
    if (chance(0.08)) {
      step(hours(1, 30), actorOfUnit(unit), samplePayload('return', record, now));
      unit = pick(unitsOf(grid.streetCode));
      step(hours(0.5, 6), 'centre', dispatchTo(unit));
    } else if (chance(0.04)) {
      unit = pick(unitsOf(grid.streetCode));
      step(hours(1, 30), 'centre', { type: 'reassign', leadUnitCode: unit.code, leadUnitType: unit.type, cohandlers: [], reason: '原单位非责任主体' });
    }
    step(hours(0.2, 6), actorOfUnit(unit), { type: 'claim' });
    const slow = chance(0.12);
    if (chance(0.1)) step(hours(4, 48), 'centre', samplePayload('urge', record, now));
    if (slow && chance(0.3)) step(hours(4, 48), districtCentre, samplePayload('supervise', record, now));
    step(slow ? hours(72, 24 * 20) : hours(2, 60), actorOfUnit(unit), samplePayload('resolve', record, now));
    if (chance(0.05)) {
      step(hours(1, 24), 'centre', samplePayload('send_back', record, now));
      step(hours(4, 72), actorOfUnit(unit), samplePayload('resolve', record, now));
    }
    step(hours(0.5, 24), gridMember, samplePayload('verify', record, now));
    step(hours(0.2, 12), 'centre', { type: 'close' });
    if (source !== 'grid_patrol' && chance(0.65)) {
      const satisfaction = pick([5, 5, 5, 5, 4, 4, 4, 3, 2, 1]);
      step(hours(1, 72), resident, { type: 'rate', satisfaction, resolved: satisfaction >= 4 ? 'yes' : satisfaction === 3 ? 'partly' : 'no' });
    } else if (source !== 'grid_patrol' && chance(0.03)) step(hours(1, 72), resident, samplePayload('reopen', record, now));
    year.cases.push(record);
  }
  return year;
}

/** The first instant of a Beijing-time day `YYYY-MM-DD`. */
export function beijingStartOf(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}


