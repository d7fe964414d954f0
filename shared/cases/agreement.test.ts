import { describe, expect, it } from 'vitest';
import type { Actor } from '../domain/roles';
import { DAY_MS, HOUR_MS } from '../time/calendar';
import { caseEventTypes } from './events';
import { allowedEvents, transition } from './machine';
import { caseEventRules, checkEventRule, MAX_REOPENS } from './rules';
import { caseStatuses } from './states';
import { buildActor, buildCase, buildContext, deepFreeze, fixtures, samplePayload, T0 } from './testing';
import type { CaseRecord } from './types';

/** Every kind of actor, in and out of the fixtures' case's scope. */
const actors: Actor[] = [
  buildActor('resident'),
  buildActor('resident', {}, { id: 'resident-2' }),
  buildActor('grid_member'),
  buildActor('grid_member', { streetCode: fixtures.streetCode, gridCode: fixtures.otherGridCode }),
  buildActor('grid_leader'),
  buildActor('grid_leader', { streetCode: fixtures.streetCode, gridCode: fixtures.otherGridCode }),
  buildActor('community'),
  buildActor('community', { compoundCodes: ['C999'] }),
  buildActor('property_manager'),
  buildActor('property_manager', { unitCode: 'U-PM-002' }),
  buildActor('department'),
  buildActor('department', { unitCode: 'U-HEALTH' }),
  buildActor('street_dispatcher'),
  buildActor('street_dispatcher', { streetCode: fixtures.otherStreetCode }),
  buildActor('district_dispatcher'),
  buildActor('admin'),
  buildActor('system'),
];

// Before anything is due; when warnings and deadlines have passed; when everything has, windows included.
const nows = [new Date(T0.getTime() + HOUR_MS), new Date(T0.getTime() + 3 * DAY_MS), new Date(T0.getTime() + 10 * DAY_MS)];

function seeded(seed: number) {
  let s = seed;
  return () => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

function variants(): CaseRecord[] {
  const random = seeded(7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const cases: CaseRecord[] = [];
  for (const status of caseStatuses) {
    for (let i = 0; i < 4; i += 1) {
      const base = buildCase({ status });
      cases.push(
        buildCase({
          status,
          tier: pick(['street', 'district'] as const),
          compoundCode: pick([fixtures.compoundCode, undefined]),
          assignment: base.assignment.leadUnitCode
            ? { ...base.assignment, cohandlers: pick([[], [fixtures.cohandler]]) }
            : base.assignment,
          reopenCount: pick([0, 1, MAX_REOPENS]),
          ...(status === 'closed' && random() < 0.5 ? { rating: { resolved: 'yes' as const, satisfaction: 4, at: T0 } } : {}),
        }),
      );
    }
  }
  return cases;
}

describe('allowedEvents and transition', () => {
  const cases = variants();

  it('agree for every generated case, actor, instant and event', () => {
    const okByType = new Map<string, number>();
    let checked = 0;
    for (const record of cases) {
      const frozen = deepFreeze(record);
      const snapshot = structuredClone(frozen);
      for (const actor of actors) {
        for (const now of nows) {
          const allowed = allowedEvents(frozen, actor, now);
          for (const type of caseEventTypes) {
            const result = transition(frozen, samplePayload(type, frozen, now), buildContext(actor, now));
            checked += 1;
            const context = `${type} by ${actor.role}/${actor.id} on ${record.status}@${record.tier} at ${now.toISOString()}`;
            expect(result.ok, context).toBe(allowed.includes(type));
            if (result.ok) {
              okByType.set(type, (okByType.get(type) ?? 0) + 1);
              const { to } = caseEventRules[type];
              const expected = to === 'same' ? record.status : to === 'previous' ? record.suspension!.previousStatus : to;
              expect(result.next.status, context).toBe(expected);
              expect(result.next.version).toBe(record.version + 1);
              expect(result.next.timeline).toHaveLength(record.timeline.length + 1);
              expect(result.entry.seq).toBe(record.timeline.at(-1)!.seq + 1);
            } else {
              expect(result.error, context).toEqual(checkEventRule(frozen, actor, type, now));
            }
          }
        }
      }
      expect(frozen).toEqual(snapshot);
    }
    expect(checked).toBeGreaterThan(10_000);
    // The sample reaches every event at least once, so no rule is vacuously "agreed".
    expect([...okByType.keys()].sort()).toEqual([...caseEventTypes].sort());
  });

  it('gives an administrator no part in any case', () => {
    const admin = buildActor('admin');
    for (const record of cases) for (const now of nows) expect(allowedEvents(record, admin, now)).toEqual([]);
  });

  it('gives a resident who did not report the case no part in it', () => {
    const neighbour = buildActor('resident', {}, { id: 'resident-2' });
    for (const record of cases) for (const now of nows) expect(allowedEvents(record, neighbour, now)).toEqual([]);
  });

  it('never mutates the case, even when the transition is refused', () => {
    const record = deepFreeze(buildCase({ status: 'in_progress' }));
    const snapshot = structuredClone(record);
    for (const actor of actors) {
      for (const type of caseEventTypes) transition(record, samplePayload(type, record, nows[2]), buildContext(actor, nows[2]));
    }
    expect(record).toEqual(snapshot);
    expect(record.clock?.startedAt).toEqual(snapshot.clock?.startedAt);
  });
});
