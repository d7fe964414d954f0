import { facetsOfRecord } from '../../shared/cases/facets';
import { decodeListCursor, encodeListCursor, isAfterInList } from '../../shared/cases/list-cursor';
import { nextSystemCheckAt } from '../../shared/cases/machine';
import { statusGroup } from '../../shared/cases/states';
import type { CaseRecord } from '../../shared/cases/types';
import type { CaseListScope, CaseStore } from '../commands/ports';
import { invalidListCursor } from '../errors';

interface Held {
  record: CaseRecord;
  communityUnitCode?: string;
  followerIds: Set<string>;
}

/** What a duplicate insert fails with, as the MongoDB driver reports it. */
export function duplicateKeyError(what: string): Error {
  return Object.assign(new Error(`E11000 duplicate key: ${what}`), { code: 11000 });
}

/**
 * What a database round trip gives back: a copy (a caller's edits never reach what is stored), and
 * without the fields that are absent or null, as the mongo adapter reads a document.
 */
function copy(record: CaseRecord): CaseRecord {
  const kept = Object.entries(record).filter(([, value]) => value !== undefined && value !== null);
  return structuredClone(Object.fromEntries(kept)) as unknown as CaseRecord;
}

function scopeValue(held: Held, field: NonNullable<CaseListScope['field']>): string | string[] | undefined {
  const { record } = held;
  switch (field) {
    case 'reporterId':
      return record.reporter.accountId;
    case 'leadUnitCode':
      return record.assignment.leadUnitCode;
    case 'cohandlerUnitCodes':
      return record.assignment.cohandlers.map((unit) => unit.unitCode);
    case 'streetCode':
      return record.streetCode;
    case 'gridCode':
      return record.gridCode;
    case 'communityUnitCode':
      return held.communityUnitCode;
  }
}

/**
 * The case store in plain maps, with the mongo adapter's semantics (server/db/case-store.ts), held
 * to them by the contract suite both run: use-case tests need no engine. One process only, so a
 * version check and the write after it cannot interleave with another writer.
 */
export function memoryCaseStore(): CaseStore & { readonly size: number } {
  const cases = new Map<string, Held>();
  const counters = new Map<string, number>();
  return {
    get size() {
      return cases.size;
    },

    async nextCaseNumber(now) {
      const day = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
      const seq = (counters.get(day) ?? 0) + 1;
      counters.set(day, seq);
      return `BH${day}-${String(seq).padStart(6, '0')}`;
    },

    async insert(record, extra) {
      if (cases.has(record.id)) throw duplicateKeyError(`cases._id ${record.id}`);
      // The case number is unique, as the mongo schema's index makes it.
      if ([...cases.values()].some((held) => held.record.number === record.number)) throw duplicateKeyError(`cases.number ${record.number}`);
      cases.set(record.id, { record: copy(record), communityUnitCode: extra.communityUnitCode, followerIds: new Set() });
    },

    async findById(id) {
      const held = cases.get(id);
      return held && copy(held.record);
    },

    async replaceIfVersion(next, expectedVersion) {
      const held = cases.get(next.id);
      if (!held || held.record.version !== expectedVersion) return false;
      // As the mongo adapter: the timeline only grows by the entries this version added, and the
      // follower count is never written back from a record read earlier.
      const added = next.timeline.slice(expectedVersion - next.version);
      held.record = { ...copy(next), timeline: [...held.record.timeline, ...structuredClone(added)], followers: held.record.followers };
      return true;
    },

    async list(scope, page) {
      const after = page.cursor === undefined ? undefined : decodeListCursor(page.cursor);
      if (page.cursor !== undefined && !after) throw invalidListCursor();
      const matching = [...cases.values()]
        .filter((held) => {
          if (!facetsOfRecord(held.record).includes(scope.facet)) return false;
          if (!scope.field) return true;
          const value = scopeValue(held, scope.field);
          return Array.isArray(value) ? value.includes(scope.value!) : value === scope.value;
        })
        .map((held) => held.record)
        .filter((record) => !after || isAfterInList(record, after))
        .sort((a, b) => b.filedAt.getTime() - a.filedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
      const items = matching.slice(0, page.limit).map(copy);
      return { items, nextCursor: matching.length > page.limit ? encodeListCursor(items[items.length - 1]!) : null };
    },

    async findDue(now, limit) {
      return [...cases.values()]
        .map((held) => ({ record: held.record, at: nextSystemCheckAt(held.record) }))
        .filter((due): due is { record: CaseRecord; at: Date } => due.at !== null && due.at.getTime() <= now.getTime())
        .sort((a, b) => a.at.getTime() - b.at.getTime())
        .slice(0, limit)
        .map((due) => copy(due.record));
    },

    async findOpenInLatitudeBand(subcategoryCode, lat, halfWidthM, limit) {
      const band = halfWidthM / 111_000;
      return [...cases.values()]
        .map((held) => held.record)
        .filter(
          (record) =>
            record.subcategoryCode === subcategoryCode &&
            statusGroup(record.status) === 'open' &&
            record.location !== undefined &&
            record.location.lat >= lat - band &&
            record.location.lat <= lat + band,
        )
        .slice(0, limit)
        .map(copy);
    },

    async addFollower(caseId, followerId) {
      const held = cases.get(caseId);
      if (!held || held.followerIds.has(followerId)) return false;
      held.followerIds.add(followerId);
      held.record = { ...held.record, followers: held.record.followers + 1 };
      return true;
    },
  };
}
