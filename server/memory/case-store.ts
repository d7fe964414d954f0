import { facetsOfRecord } from '../../shared/cases/facets';
import { decodeListCursor, encodeListCursor, isAfterInList } from '../../shared/cases/list-cursor';
import { nextSystemCheckAt } from '../../shared/cases/machine';
import { statusGroup } from '../../shared/cases/states';
import type { CaseRecord } from '../../shared/cases/types';
import type { CaseFollowersPort, CaseListScope, CaseOutbox, CaseStore, FilingKey, OutboxEntry } from '../commands/ports';
import { invalidListCursor } from '../errors';

interface Held {
  record: CaseRecord;
  communityUnitCode?: string;
  filingKey?: FilingKey;
  followerIds: Set<string>;
  /** Effects of the writes not yet relayed to the job queue, stored with the write that made them. */
  outbox: OutboxEntry[];
  /** As the mongo adapter's `outboxSince`: the time of the latest write that added entries, null once relayed. */
  outboxSince: Date | null;
  /** Effect keys whose follower changes were applied (merge handler), each once. */
  appliedEffectKeys: Set<string>;
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
    case 'reporterOrFollower':
      return [record.reporter.accountId, ...held.followerIds];
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
export function memoryCaseStore(): CaseStore & { readonly size: number; readonly outbox: CaseOutbox; readonly followers: CaseFollowersPort } {
  const cases = new Map<string, Held>();
  const counters = new Map<string, number>();
  const listeners = new Set<(entries: readonly OutboxEntry[], record: CaseRecord) => void>();
  const signalWritten = (outbox: readonly OutboxEntry[], record: CaseRecord) => {
    if (outbox.length) for (const listener of listeners) listener(outbox, copy(record));
  };
  return {
    outbox: {
      async findPending(limit) {
        return [...cases.values()]
          .filter((held) => held.outboxSince !== null)
          .sort((a, b) => a.outboxSince!.getTime() - b.outboxSince!.getTime())
          .slice(0, limit)
          .map((held) => ({ caseId: held.record.id, version: held.record.version, entries: structuredClone(held.outbox) }));
      },
      async clearRelayed(caseId, version) {
        const held = cases.get(caseId);
        if (!held || held.record.version !== version) return false;
        held.outbox = [];
        held.outboxSince = null;
        return true;
      },
      onWritten(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },

    followers: {
      async partiesOf(caseId) {
        const held = cases.get(caseId);
        return held && { reporterId: held.record.reporter.accountId, followerIds: [...held.followerIds] };
      },
      async addFollowersOnce(caseId, accountIds, effectKey) {
        const held = cases.get(caseId);
        if (!held) return 'missing';
        if (held.appliedEffectKeys.has(effectKey)) return 'already_applied';
        const fresh = [...new Set(accountIds)].filter((id) => id !== held.record.reporter.accountId && !held.followerIds.has(id));
        for (const id of fresh) held.followerIds.add(id);
        held.appliedEffectKeys.add(effectKey);
        held.record = { ...held.record, followers: held.record.followers + fresh.length };
        return 'applied';
      },
    },

    get size() {
      return cases.size;
    },

    async nextCaseNumber(now) {
      const day = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
      const seq = (counters.get(day) ?? 0) + 1;
      counters.set(day, seq);
      return `BH${day}-${String(seq).padStart(6, '0')}`;
    },

    async insert(record, extra, outbox) {
      if (cases.has(record.id)) throw duplicateKeyError(`cases._id ${record.id}`);
      // The case number is unique, as the mongo schema's index makes it.
      if ([...cases.values()].some((held) => held.record.number === record.number)) throw duplicateKeyError(`cases.number ${record.number}`);
      cases.set(record.id, {
        record: copy(record),
        communityUnitCode: extra.communityUnitCode,
        ...(extra.filingKey ? { filingKey: { ...extra.filingKey } } : {}),
        followerIds: new Set(),
        outbox: structuredClone([...outbox]),
        outboxSince: outbox.length ? outbox[0]!.at : null,
        appliedEffectKeys: new Set(),
      });
      signalWritten(outbox, record);
    },

    async findById(id) {
      const held = cases.get(id);
      return held && copy(held.record);
    },

    async findFiling(id) {
      const held = cases.get(id);
      return held && { record: copy(held.record), ...(held.filingKey ? { filingKey: { ...held.filingKey } } : {}) };
    },

    async replaceIfVersion(next, expectedVersion, outbox) {
      const held = cases.get(next.id);
      if (!held || held.record.version !== expectedVersion) return false;
      // As the mongo adapter: the timeline only grows by the entries this version added, and the
      // follower count is never written back from a record read earlier.
      const added = next.timeline.slice(expectedVersion - next.version);
      held.record = { ...copy(next), timeline: [...held.record.timeline, ...structuredClone(added)], followers: held.record.followers };
      // The step's effects exist exactly when the step does.
      held.outbox.push(...structuredClone([...outbox]));
      if (outbox.length) held.outboxSince = outbox[0]!.at;
      signalWritten(outbox, held.record);
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

    async listChangedSince(from, limit) {
      return [...cases.values()]
        .map((held) => held.record)
        .filter((record) => record.updatedAt >= from)
        .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || (a.id < b.id ? 1 : -1))
        .slice(0, limit)
        .map(copy);
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

    async isFollower(caseId, accountId) {
      return cases.get(caseId)?.followerIds.has(accountId) ?? false;
    },
  };
}
