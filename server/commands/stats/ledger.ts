import type { Counters } from '../../../shared/stats/counters';
import type { CountedEvent, Tally } from '../../../shared/stats/types';

/** One counter document: a scope's tally over one day or one month. */
export interface CounterDocument {
  /** `<scopeKey>@d:YYYY-MM-DD` or `<scopeKey>@m:YYYY-MM` (shared/stats/documents). */
  id: string;
  /** +1 on every write; a write is conditional on the version read. */
  version: number;
  /** The fold (journal id) that wrote it last: a resumed fold skips the documents it already wrote. */
  lastFold: string | null;
  tally: Tally;
}

/**
 * The batch in hand of a fold, written before any counter is touched so that a fold cut short
 * is finished by the next one; or, with `heldUntil`, the hold of a rebuild (no fold meanwhile).
 */
export interface FoldJournal {
  id: string;
  events: CountedEvent[];
  heldUntil?: Date;
}

/**
 * The storage primitives of the statistics projection; `statsStoreOver` (./projection) builds the
 * StatsStore's exactly-once record, fold and tally on them, the same for MongoDB and memory.
 */
export interface StatsLedger {
  /**
   * Which of these event keys (`caseId:seq`) are folded already. Per key, not a high-water mark per
   * case: a case's effects may be recorded out of order (an earlier write's job retried after a later one ran).
   */
  foldedKeys(keys: readonly string[]): Promise<Set<string>>;
  /** Marks event keys folded, for ever; a key marked already stays marked. */
  markFolded(keys: readonly string[]): Promise<void>;
  /** Records events by key; a key already recorded is skipped. */
  insertEvents(events: readonly CountedEvent[]): Promise<void>;
  /** Up to `limit` recorded events, in no particular order. */
  pendingEvents(limit: number): Promise<CountedEvent[]>;
  deleteEvents(keys: readonly string[]): Promise<void>;
  readJournal(): Promise<FoldJournal | null>;
  /** False when a journal exists already (another fold or a rebuild holds the projection). */
  createJournal(journal: FoldJournal): Promise<boolean>;
  /** Deletes the journal only if it is still this one. */
  deleteJournal(id: string): Promise<void>;
  readCounter(id: string): Promise<CounterDocument | null>;
  /** A counter document's total alone: a period compared with this one needs no breakdowns. */
  readCounterTotal(id: string): Promise<Counters | null>;
  /** Writes `doc` if the stored version is still `previousVersion` (null: no document yet); false otherwise. */
  writeCounter(doc: CounterDocument, previousVersion: number | null): Promise<boolean>;
  /** Writes `doc` whatever is stored (the rebuild, which holds the fold). */
  replaceCounter(doc: CounterDocument): Promise<void>;
  /**
   * Writes documents none of which is stored yet, in bulk (a fresh projection: the rebuild's new
   * documents, the bench's year); rejects if one is stored already, having written the others.
   */
  insertCounters(docs: readonly CounterDocument[]): Promise<void>;
  counterIds(): Promise<string[]>;
  deleteCounters(ids: readonly string[]): Promise<void>;
  readCountedUntil(): Promise<Date | null>;
  /**
   * Month (YYYY-MM) → a token that changes whenever a counter document of that month may have
   * changed: what lets a process keep documents it read until their month's token moves.
   */
  readStamps(): Promise<Record<string, string>>;
  /** Gives each month a new token; called after the documents are written, never before. */
  bumpStamps(months: readonly string[]): Promise<void>;
  writeCountedUntil(at: Date): Promise<void>;
}
