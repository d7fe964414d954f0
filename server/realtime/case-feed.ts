import type { LiveServerMessage } from '../../shared/api/live';
import type { CaseView } from '../../shared/api/cases';
import type { CaseRecord } from '../../shared/cases/types';
import type { Actor } from '../../shared/domain/roles';
import { relationTo, type ViewerRelation } from '../../shared/policies/privacy';
import type { CaseListScope } from '../commands/ports';
import type { UseCases } from '../commands/use-cases';
import { presentCase, presentCaseSummary } from '../presenters/case';

/** Where a subscription's messages go: one live connection. */
export interface Subscriber {
  /** The account as last checked (on subscribe and on every heartbeat); undefined: anonymous. */
  readonly actor: Actor | undefined;
  send(message: LiveServerMessage): void;
  /** A message already serialised and encoded (one buffer shared by many subscribers). */
  sendEncoded(text: Buffer): void;
}

export interface CaseSubscription {
  topic: 'case';
  id: string;
  subscriber: Subscriber;
  caseId: string;
  /** The last step this subscription has been sent (or had when it subscribed). */
  lastSeq: number;
}

export interface ListSubscription {
  topic: 'mine' | 'inbox';
  id: string;
  subscriber: Subscriber;
  /** The last step sent per case: what the client holds. */
  seqByCase: Map<string, number>;
  /** An inbox's scope, from the account's role when it subscribed (and again at each heartbeat). */
  scope?: CaseListScope;
}

export type Subscription = CaseSubscription | ListSubscription;

/** Up to this many cases are sent when a list subscription starts (its first pages, newest first). */
const listCatchUpLimit = 200;
/** Forgetting what was seen only costs a read: past this many cases the memory starts over. */
const maxSeen = 50_000;
const lastSeqOf = (record: CaseRecord) => record.timeline.at(-1)?.seq ?? 0;

/**
 * The live subscriptions of one process, and what a changed case means to each: every change is
 * read from the database (the bus only says which case moved), presented as the REST view would
 * present it to that subscriber's relation, and sent from the subscription's last step on. Work is
 * coalesced per case: a burst of changes to one case is one read, and steps reach a subscriber in
 * order, each once.
 */
export function createCaseFeed(useCases: UseCases, now: () => Date, onError: (error: unknown, caseId: string) => void) {
  const byCase = new Map<string, Set<CaseSubscription>>();
  const mineByAccount = new Map<string, Set<ListSubscription>>();
  const inboxes = new Set<ListSubscription>();
  const work = new Map<string, { again: boolean }>();
  /** The last step of each case as this feed last read it: an event for a step already read needs no read. */
  const seen = new Map<string, number>();
  /** Cases as this process just stored them (from the bus), read instead of the database once. */
  const fresh = new Map<string, CaseRecord>();
  let idle: Promise<void> = Promise.resolve();
  let markIdle: (() => void) | undefined;

  /** Reads the case once and sends each interested subscription what it lacks. */
  async function deliver(caseId: string): Promise<void> {
    const stored = fresh.get(caseId);
    fresh.delete(caseId);
    const watching = byCase.get(caseId);
    if (!watching?.size && mineByAccount.size === 0 && inboxes.size === 0) return;
    let record: CaseRecord;
    try {
      record = stored ?? (await useCases.cases.load(caseId));
    } catch {
      return; // Gone (or never was): nothing to tell.
    }
    const seq = lastSeqOf(record);
    let parties: Promise<{ reporterId: string; followerIds: string[] } | undefined> | undefined;
    const partiesOnce = () => (parties ??= useCases.cases.partiesOf(caseId));
    seen.set(caseId, seq);
    if (seen.size > maxSeen) seen.clear();
    const views = new Map<ViewerRelation, Promise<CaseView>>();
    // One case's step goes to many subscribers alike (and apps name a case's subscription alike):
    // serialised and encoded once per relation, starting point and subscription id.
    const texts = new Map<string, Buffer>();
    const at = now();

    for (const subscription of watching ?? []) {
      if (subscription.lastSeq >= seq) continue;
      const { actor } = subscription.subscriber;
      const isFollower = actor?.role === 'resident' ? ((await partiesOnce())?.followerIds.includes(actor.id) ?? false) : false;
      const viewer = { actor, isFollower };
      const relation = relationTo(record, viewer);
      if (!views.has(relation)) views.set(relation, presentCase(useCases.places, record, viewer, [], at));
      const view = await views.get(relation)!;
      // Re-read: another delivery may have advanced it while this one awaited.
      const after = subscription.lastSeq;
      if (after >= seq) continue;
      subscription.lastSeq = seq;
      const key = `${relation}|${after}|${subscription.id}`;
      let encoded = texts.get(key);
      if (encoded === undefined) {
        const message: LiveServerMessage = {
          type: 'case.entries',
          id: subscription.id,
          caseId,
          view: view.view,
          status: view.status,
          statusLabel: view.statusLabel,
          version: view.version,
          entries: view.timeline.filter((entry) => entry.seq > after),
        };
        encoded = Buffer.from(JSON.stringify(message));
        texts.set(key, encoded);
      }
      subscription.subscriber.sendEncoded(encoded);
    }

    if (mineByAccount.size > 0) {
      const found = await partiesOnce();
      if (found) {
        for (const accountId of new Set([found.reporterId, ...found.followerIds])) {
          for (const subscription of mineByAccount.get(accountId) ?? []) {
            await sendSummary(subscription, record, seq, accountId !== found.reporterId);
          }
        }
      }
    }

    for (const subscription of inboxes) {
      if (subscription.scope && useCases.live.inScope(subscription.scope, record)) {
        await sendSummary(subscription, record, seq);
      } else if (subscription.seqByCase.delete(caseId)) {
        subscription.subscriber.send({ type: 'case.left', id: subscription.id, caseId, seq });
      }
    }
  }

  async function sendSummary(subscription: ListSubscription, record: CaseRecord, seq: number, followed?: boolean): Promise<void> {
    if ((subscription.seqByCase.get(record.id) ?? -1) >= seq) return;
    // Claimed before the await: a catch-up and a live delivery of the same case may overlap, and
    // only the newer of the two is sent.
    subscription.seqByCase.set(record.id, seq);
    const { actor } = subscription.subscriber;
    const summary = await presentCaseSummary(useCases.places, record, { actor, isFollower: followed === true });
    if (subscription.seqByCase.get(record.id) !== seq) return;
    subscription.subscriber.send({
      type: 'case.summary',
      id: subscription.id,
      caseId: record.id,
      seq,
      summary: followed === undefined ? summary : { ...summary, followed },
    });
  }

  /** Schedules a delivery for the case; a change arriving during one makes it run once more. */
  function touch(caseId: string): void {
    const running = work.get(caseId);
    if (running) {
      running.again = true;
      return;
    }
    const state = { again: true };
    work.set(caseId, state);
    if (work.size === 1) idle = new Promise((resolve) => (markIdle = resolve));
    void (async () => {
      while (state.again) {
        state.again = false;
        try {
          await deliver(caseId);
        } catch (error) {
          onError(error, caseId);
        }
      }
      work.delete(caseId);
      if (work.size === 0) markIdle?.();
    })();
  }

  /** Keeps the newest stored version of a case for the next delivery, which then need not read it. */
  function keepFresh(record: CaseRecord): void {
    if (record.version >= (fresh.get(record.id)?.version ?? 0)) fresh.set(record.id, record);
  }

  /** Sends a new list subscription the cases it lacks from its list's first pages. */
  async function catchUpList(subscription: ListSubscription, actor: Actor): Promise<void> {
    const view = subscription.topic;
    let cursor: string | undefined;
    const listed = new Set<string>();
    do {
      const page = await useCases.cases.list(actor, { view, limit: 50, ...(cursor ? { cursor } : {}) });
      for (const record of page.items) {
        listed.add(record.id);
        const followed = view === 'mine' ? record.reporter.accountId !== actor.id : undefined;
        await sendSummary(subscription, record, lastSeqOf(record), followed);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor && listed.size < listCatchUpLimit);
    // Cases the client holds that the first pages did not show: each is read once, to send what
    // changed or that it left the inbox.
    for (const caseId of subscription.seqByCase.keys()) if (!listed.has(caseId)) touch(caseId);
  }

  return {
    /**
     * Starts a case subscription; its missed steps (all of them from `after` = 0) follow at once,
     * from `record` (the case as the subscribe just read it) unless a newer one is waiting.
     */
    addCase(subscription: CaseSubscription, record: CaseRecord): void {
      const set = byCase.get(subscription.caseId) ?? new Set();
      set.add(subscription);
      byCase.set(subscription.caseId, set);
      keepFresh(record);
      touch(subscription.caseId);
    },
    async addList(subscription: ListSubscription, actor: Actor): Promise<void> {
      if (subscription.topic === 'inbox') inboxes.add(subscription);
      else {
        const set = mineByAccount.get(actor.id) ?? new Set();
        set.add(subscription);
        mineByAccount.set(actor.id, set);
      }
      await catchUpList(subscription, actor);
    },
    remove(subscription: Subscription): void {
      if (subscription.topic === 'case') {
        const set = byCase.get(subscription.caseId);
        set?.delete(subscription);
        if (set?.size === 0) byCase.delete(subscription.caseId);
      } else if (subscription.topic === 'inbox') {
        inboxes.delete(subscription);
      } else {
        for (const [accountId, set] of mineByAccount) {
          if (set.delete(subscription) && set.size === 0) mineByAccount.delete(accountId);
        }
      }
    },
    /** A case moved (from the bus): deliver to whoever watches it, unless this step was read already. */
    changed(caseId: string, seq: number, record?: CaseRecord): void {
      if ((seen.get(caseId) ?? -1) >= seq) return;
      if (record && (byCase.has(caseId) || mineByAccount.size > 0 || inboxes.size > 0)) keepFresh(record);
      touch(caseId);
    },
    /** Resolves when no delivery is running (for an orderly stop and for tests). */
    settled: () => (work.size === 0 ? Promise.resolve() : idle),
    get size() {
      let count = inboxes.size;
      for (const set of byCase.values()) count += set.size;
      for (const set of mineByAccount.values()) count += set.size;
      return count;
    },
  };
}

export type CaseFeed = ReturnType<typeof createCaseFeed>;
