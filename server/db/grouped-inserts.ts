import type { Collection, Document, OptionalUnlessRequiredId } from 'mongodb';

export type GroupedInsertOutcome = 'inserted' | 'duplicate';

interface Waiting<T> {
  doc: OptionalUnlessRequiredId<T>;
  resolve: (outcome: GroupedInsertOutcome) => void;
  reject: (error: unknown) => void;
}

interface WriteErrorLike {
  index: number;
  code?: number;
}

/**
 * Inserts into `collection` by group commit: an insert that arrives while a write is in flight
 * waits for it and goes with every other waiting insert in one unordered `insertMany`; alone, it
 * goes at once. Each caller learns its own outcome: inserted, or a duplicate `_id` (code 11000),
 * so a unique key still decides races (two inserts of one key in one group: one wins). Why: on one
 * connection (FerretDB) a burst of single inserts queues one round trip each, while one
 * `insertMany` of 100 documents costs about as much as a few single inserts.
 */
export function groupedInserts<T extends Document>(collection: Collection<T>, maxGroup = 200): (doc: OptionalUnlessRequiredId<T>) => Promise<GroupedInsertOutcome> {
  const waiting: Waiting<T>[] = [];
  let writing = false;

  const writeGroup = async (group: Waiting<T>[]) => {
    const failed = new Map<number, WriteErrorLike>();
    try {
      await collection.insertMany(
        group.map((entry) => entry.doc),
        { ordered: false },
      );
    } catch (error) {
      const writeErrors = (error as { writeErrors?: WriteErrorLike | WriteErrorLike[] }).writeErrors;
      if (!writeErrors) {
        for (const entry of group) entry.reject(error);
        return;
      }
      for (const writeError of [writeErrors].flat()) failed.set(writeError.index, writeError);
    }
    for (const [index, entry] of group.entries()) {
      const writeError = failed.get(index);
      if (!writeError) entry.resolve('inserted');
      else if (writeError.code === 11000) entry.resolve('duplicate');
      else entry.reject(Object.assign(new Error(`insert failed with code ${writeError.code ?? 'unknown'}`), { code: writeError.code }));
    }
  };

  const drain = async () => {
    writing = true;
    try {
      while (waiting.length) await writeGroup(waiting.splice(0, maxGroup));
    } finally {
      writing = false;
    }
  };

  return (doc) =>
    new Promise<GroupedInsertOutcome>((resolve, reject) => {
      waiting.push({ doc, resolve, reject });
      if (!writing) void drain();
    });
}
