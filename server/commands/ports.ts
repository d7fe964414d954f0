import type { VisitCategory, VisitCategoryConfig } from '../../shared/visits/types';
import type { SubcategoryEntry } from '../../shared/catalog/catalog';
import type { Catalog } from '../../shared/catalog/types';
import type { ListFacet } from '../../shared/cases/facets';
import type { CaseRecord, Effect, NotifyTemplate } from '../../shared/cases/types';
import type { Compound, Grid, Street, Unit, UnitType } from '../../shared/domain/places';
import type { SensitivePersonField, visitScopeOf } from '../../shared/policies/visits';
import type { RiskLevel } from '../../shared/visits/types';
import type { AccountAuditAction, LoginKind } from '../../shared/api/accounts';
import type { ArchiveReason } from '../../shared/api/visits';
import type { Actor, Role, Scope } from '../../shared/domain/roles';
import type { CommunityCompounds, PlaceIndex } from '../../shared/routing';
import type { jobStatuses } from '../../shared/schemas/jobs';
import type { WorkingCalendar } from '../../shared/time/calendar';
import type { MembershipRelation, MembershipStatus } from '../../shared/api/membership';
import type { RosterHousehold, RosterResident } from '../../shared/membership/roster';
import type { Choices, Poll, PollScope, PollStatus } from '../../shared/polls/types';
import type { Counters } from '../../shared/stats/counters';
import type { CountedEvent, DayRange, StatsScope, Tally } from '../../shared/stats/types';
import type { PollNoticeKind, PollNoticeTemplate } from '../../shared/polls/notices';
import type { HotlineOrderState } from '../../shared/hotline/mappings';
import type { HotlineAction, HotlineChannel, WorkOrderInput } from '../../shared/hotline/work-order';
import type { SummaryRow } from '../../shared/visits/summary';

/**
 * Every port the use cases need, in one place: the adapters in server/db, server/reference and
 * server/wechat implement them, server/wiring.ts plugs them in, tests may pass in-memory ones.
 */

/** A page of a list, newest first, with an opaque cursor for the next page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Which cases a list shows: one scope field (or none, district-wide) and one facet. */
export interface CaseListScope {
  /** `reporterOrFollower`: the cases `value` reported and those it follows ("我也遇到"). */
  field: 'reporterOrFollower' | 'leadUnitCode' | 'cohandlerUnitCodes' | 'streetCode' | 'gridCode' | 'communityUnitCode' | null;
  value?: string;
  /** `all`, `status:dispatched`, `group:open`, `cat:01`, `sub:01.03`, `overdue`, `supervised` (shared/cases/facets). */
  facet: ListFacet;
}

/**
 * The client's `Idempotency-Key` of a filing and a hash of the request it came with, kept on the
 * case it filed: a retry is answered with that case only when it asks for the same thing.
 */
export interface FilingKey {
  key: string;
  requestHash: string;
}

/** A stored case and the idempotency key it was filed under, if any. */
export interface StoredFiling {
  record: CaseRecord;
  filingKey?: FilingKey;
}

/** The case store as use cases see it; the mongoose adapter implements it. */
export interface CaseStore {
  nextCaseNumber(now: Date): Promise<string>;
  /**
   * Stores a new case with the effects its filing produced (and its filing key), in one insert;
   * an id already stored fails with a duplicate-key error (11000) and writes nothing.
   */
  insert(record: CaseRecord, extra: { communityUnitCode?: string; filingKey?: FilingKey }, outbox: readonly OutboxEntry[]): Promise<void>;
  findById(id: string): Promise<CaseRecord | undefined>;
  /** The case with the idempotency key it was filed under, by id. */
  findFiling(id: string): Promise<StoredFiling | undefined>;
  /**
   * Stores `next` and the effects of the step in one update, only if the stored version is still
   * `expectedVersion`; false when someone else won (then neither the step nor its effects exist).
   */
  replaceIfVersion(next: CaseRecord, expectedVersion: number, outbox: readonly OutboxEntry[]): Promise<boolean>;
  list(scope: CaseListScope, page: { cursor?: string; limit: number }): Promise<Page<CaseRecord>>;
  /** Cases last changed at or after `from`, the most recently changed first, at most `limit` (the Open311 updates feed). */
  listChangedSince(from: Date, limit: number): Promise<CaseRecord[]>;
  /** Cases whose next clock check is due, oldest first. */
  findDue(now: Date, limit: number): Promise<CaseRecord[]>;
  /** Open cases of a subcategory whose latitude is within `halfWidthM` of `lat`, at most `limit`. */
  findOpenInLatitudeBand(subcategoryCode: string, lat: number, halfWidthM: number, limit: number): Promise<CaseRecord[]>;
  /** Counts `followerId` once as a "me too" follower; false if already following. */
  addFollower(caseId: string, followerId: string): Promise<boolean>;
  /** Whether `accountId` follows the case ("me too"): the privacy policy shows followers more than the public. */
  isFollower(caseId: string, accountId: string): Promise<boolean>;
}

/** Attaching uploaded photos to a case: the photo adapter implements it. */
/** What a photo is claimed for: the case it was filed with, or the poll whose background shows it. */
export type PhotoHolderRef = { caseId: string } | { pollId: string };

export interface PhotoPort {
  /**
   * Attaches the photos to the case (or poll) if every one exists, is `ownerId`'s and is free (or
   * already this holder's); otherwise attaches none and answers the ids that are not usable.
   */
  claim(photoIds: string[], holder: PhotoHolderRef, ownerId: string): Promise<string[]>;
  /** Undoes a claim whose write did not happen, or frees photos the holder no longer shows. */
  release(photoIds: string[], holder: PhotoHolderRef): Promise<void>;
}

/** Where published catalog versions are kept; versions are only ever added. */
export interface CatalogStore {
  /** Stores a new version; a version number already taken fails with a duplicate-key error (11000). */
  insert(catalog: Catalog, publishedBy: string): Promise<void>;
}

/**
 * The district's reference data as use cases read it: places, units, the working calendar and
 * the versioned catalog. `server/reference` holds it in memory over the database.
 */
export interface ReferencePort {
  readonly streets: ReadonlyMap<string, Street>;
  readonly grids: ReadonlyMap<string, Grid>;
  readonly compounds: ReadonlyMap<string, Compound>;
  readonly units: readonly Unit[];
  readonly unitsByCode: ReadonlyMap<string, Unit>;
  readonly communities: readonly CommunityCompounds[];
  readonly placeIndex: PlaceIndex;
  readonly calendar: WorkingCalendar;
  /** The committee (居委会) serving a compound, if any. */
  communityOf(compoundCode: string | undefined): string | undefined;
  /** A published catalog version, or undefined if it was never published. */
  catalog(version: number): Promise<Catalog | undefined>;
  /** The version new cases are filed under; `fresh` re-reads it now. */
  latestCatalog(now?: number, options?: { fresh?: boolean }): Promise<Catalog>;
  /** A case's category and subcategory, from the catalog version it was filed under. */
  entryOf(record: { catalogVersion: number; subcategoryCode: string }): Promise<SubcategoryEntry | undefined>;
  /** A subcategory of the version new cases are filed under, with that version. */
  currentEntry(code: string, now?: number): Promise<(SubcategoryEntry & { catalog: Catalog }) | undefined>;
  /** Called after this process publishes a version, so it is used at once. */
  noteCatalogPublished(catalog: Catalog): void;
}

/** A stored photo's facts: a plain object, whatever keeps it. */
export interface StoredPhoto {
  id: string;
  ownerId: string;
  ownerRole: Role;
  bytes: number;
  width: number;
  height: number;
  createdAt: Date;
  caseId: string | null;
  /** The poll whose background shows it; a photo is claimed by a case or a poll, never both. */
  pollId: string | null;
}

export type PhotoRefusal = 'unsupported_type' | 'too_many_pixels' | 'unreadable';

/** Where uploaded photos are processed and kept: `server/photos` (sharp, files, the photo collection). */
export interface PhotoLibrary {
  /** Whether HEIC uploads are decoded here (it depends on the image library's build). */
  readonly heicSupported: boolean;
  /** Re-encodes an upload (metadata stripped) and stores it for its owner; a refusal names the problem. */
  store(bytes: Buffer, owner: { ownerId: string; ownerRole: Role; now: Date }): Promise<{ ok: true; photo: StoredPhoto } | { ok: false; problem: PhotoRefusal }>;
  /** A photo by id; undefined for unknown or malformed ids. */
  find(id: string): Promise<StoredPhoto | undefined>;
  /** Where the bytes of a photo's size are, for the HTTP layer to stream. */
  filePath(id: string, size: 'full' | 'thumb'): string;
}

/** Accounts as sign-in reads them (`server/auth` over the database). */
export interface AccountView {
  id: string;
  kind: LoginKind;
  loginKey: string;
  username?: string;
  displayName: string;
  role: Role;
  scope: Actor['scope'];
  passwordHash?: string;
  disabled: boolean;
  demo: boolean;
  credentialGeneration: number;
}

export interface AccountPort {
  /** An account by its login key (`pw:<username>` or `wx:<openid>`). */
  findByLoginKey(loginKey: string): Promise<AccountView | undefined>;
  /** The resident account of a WeChat user, created at their first sign-in. */
  findOrCreateWeChatResident(input: { openid: string; displayName: string; unionid?: string }): Promise<AccountView>;
}

/** What mini-program sign-in needs from WeChat (the gateway in `server/wechat` implements it). */
export interface WeChatLoginPort {
  code2Session(
    code: string,
  ): Promise<{ ok: true; openid: string; unionid?: string } | { ok: false; reason: 'invalid_code' | 'code_used' | 'unavailable'; detail: string }>;
}

/** Whether the database answers, for the health check. */
export interface HealthPort {
  readonly engine: 'ferretdb' | 'mongodb';
  pingDatabase(): Promise<boolean>;
}

/** What the case use cases are built from. */
export interface CaseCommandDeps {
  store: CaseStore;
  reference: ReferencePort;
  photos: PhotoPort;
  now: () => Date;
}

/** What the catalog use cases are built from. */
export interface CatalogCommandDeps {
  catalogs: CatalogStore;
  reference: ReferencePort;
  now: () => Date;
}

// ---- the outbox and the jobs it feeds --------------------------------------------------------

/**
 * Facts about the case at the write that produced an effect, kept with the effect so a handler
 * resolves "the lead unit" or "the street" as they were at that step, not as they are when it runs.
 */
export interface EffectContext {
  number: string;
  title: string;
  reporterId: string;
  streetCode: string;
  tier: CaseRecord['tier'];
  leadUnitCode?: string;
  cohandlerUnitCodes: string[];
}

/**
 * One effect a case write produced, stored in the same conditional update as the write. `key` is
 * `caseId:version:index` (the version the write produced): unique for ever, so every receiver can
 * tell a re-run from a first run.
 */
export interface OutboxEntry {
  key: string;
  caseId: string;
  version: number;
  effect: Effect;
  context: EffectContext;
  at: Date;
}

/** A case whose write left effects not yet handed to the job queue. */
export interface PendingOutbox {
  caseId: string;
  /** The case's version when read: the entries are cleared only if it is unchanged. */
  version: number;
  entries: OutboxEntry[];
}

/** The pending effects held on case documents, as the relay sees them. */
export interface CaseOutbox {
  /** Cases holding pending entries, oldest first. */
  findPending(limit: number): Promise<PendingOutbox[]>;
  /** Removes the entries from the case if its version is still `version`; false if it moved on. */
  clearRelayed(caseId: string, version: number): Promise<boolean>;
  /** Calls `listener` with the entries and the case as stored after this process writes a case with effects; answers an unsubscribe. */
  onWritten(listener: (entries: readonly OutboxEntry[], record: CaseRecord) => void): () => void;
}

export type JobStatus = (typeof jobStatuses)[number];

/**
 * One WeChat message to one account, queued by the notify handler after it wrote the inbox. Its
 * job id is `wechat:<effect key>:<account id>`: queueing it twice hits the same key.
 */
export interface WeChatMessageEffect {
  type: 'wechat.message';
  caseId: string;
  accountId: string;
  /** The step (`case.accept`, or a poll's `poll.opened`): which template and fields, per the messages config. */
  template: NotifyTemplate | PollNoticeTemplate;
  /** Set for a poll's notice (then `caseId` holds the poll's id too): the message opens the poll page. */
  pollId?: string;
  /** The inbox text of the step, and when the inbox got it (ISO 8601). */
  text: string;
  at: string;
}

/** A poll's notice to the residents who may vote on it, relayed from the poll document (server/commands/polls/notices.ts). */
export interface PollNoticeEffect {
  type: 'poll.notice';
  pollId: string;
  notice: PollNoticeKind;
}

/** What a poll job knows of its subject, in the fields a case job's context uses for the same (`number` is the poll's id). */
export interface PollNoticeContext {
  subject: 'poll';
  number: string;
  title: string;
}

/** What a job does: a case effect relayed from the outbox, a poll's notice, or a follow-up a handler queued. */
export type JobEffect = Effect | WeChatMessageEffect | PollNoticeEffect | HotlineCallEffect;

/** Work for the job queue: an outbox entry, or a follow-up a handler queued under a key of its own. */
export interface JobRequest {
  key: string;
  /** The case the job is about; for a poll's notice and its WeChat messages, the poll's id. */
  caseId: string;
  effect: JobEffect;
  context: EffectContext | PollNoticeContext;
}

/** An effect in the job queue. Its id is the outbox entry's key (or the follow-up's). */
export interface Job {
  id: string;
  kind: JobEffect['type'];
  /** The case the job is about; for a poll's notice and its WeChat messages, the poll's id. */
  caseId: string;
  effect: JobEffect;
  context: EffectContext | PollNoticeContext;
  status: JobStatus;
  /** Handler runs started (leases taken); a retry by an admin starts again from 0. */
  attempts: number;
  /** When the job may be taken next: now, after a backoff, or when the current lease ends. */
  dueAt: Date;
  leaseOwner?: string;
  leaseUntil?: Date;
  lastError?: string;
  createdAt: Date;
  /** When the status last changed: the admin list's order. */
  statusAt: Date;
  doneAt?: Date;
  retriedBy?: string;
  /** Guard of every change: +1 on lease, completion, reschedule, parking and retry. */
  version: number;
}

/** The job queue as the runner and the admin use cases see it. */
export interface JobStore {
  /** Adds a job per entry; an entry already relayed (same key, 11000) is skipped. */
  enqueue(entries: readonly JobRequest[], now: Date): Promise<void>;
  /** Pending jobs due at `now` (incl. those whose lease ran out), oldest due first. */
  findDue(now: Date, limit: number): Promise<Job[]>;
  /** Takes the lease if the job is still as read and due; the leased job, or undefined if another took it. */
  lease(job: Job, owner: string, now: Date, leaseMs: number): Promise<Job | undefined>;
  /** Marks the leased job done if its version is unchanged (no one took it over). */
  complete(job: Job, now: Date): Promise<boolean>;
  /** Puts the leased job back to run again at `dueAt`. */
  reschedule(job: Job, dueAt: Date, error: string, now: Date): Promise<boolean>;
  /** Parks the leased job as failed (dead letter) until an admin retries it. */
  park(job: Job, error: string, now: Date): Promise<boolean>;
  findById(id: string): Promise<Job | undefined>;
  list(status: JobStatus, page: { cursor?: string; limit: number }): Promise<Page<Job>>;
  /** A failed job back to pending, due now, attempts from 0; false if it was not failed. */
  retry(id: string, by: string, now: Date): Promise<boolean>;
}

/** An in-app message (站内消息) for one recipient: an account, a unit, a street centre or the district centre. */
export interface InboxMessage {
  effectKey: string;
  /** `account:<id>`, `unit:<code>`, `street:<code>` or `district`. */
  recipient: string;
  /** The case it tells of (every case message has both); absent on a poll's notice. */
  caseId?: string;
  caseNumber?: string;
  /** The poll it tells of (a poll's notice). */
  poll?: { id: string; title: string };
  /** A visit reminder (opens the worklist; names no person). */
  visitWorklist?: boolean;
  template: string;
  text: string;
  at: Date;
}

/** A stored in-app message: its id, and the accounts that have read it. */
export interface StoredInboxMessage extends InboxMessage {
  id: string;
  /**
   * Accounts that have read it. An account's own message has at most its owner here; a shared
   * organisation message holds each of its staff who read it, so one reading does not clear it
   * for the colleagues.
   */
  readBy: string[];
}

/** Which inboxes a list or a count reads, as whom: read state is per account. */
export interface InboxQuery {
  /** `account:<id>` and, for staff, their organisation's shared inbox. */
  recipients: readonly string[];
  accountId: string;
  /** Only the messages `accountId` has not read. */
  unreadOnly?: boolean;
}

/** Where notify effects land, and what the messages API reads. */
export interface InboxStore {
  /** Stores each message once per (effectKey, recipient); a repeat is skipped. Answers how many were new. */
  deliver(messages: readonly InboxMessage[]): Promise<number>;
  /** A page of messages, newest first (`at`, then id). A cursor not issued by this list is refused (list.invalid_cursor). */
  list(query: InboxQuery, page: { cursor?: string; limit: number }): Promise<Page<StoredInboxMessage>>;
  countUnread(query: Omit<InboxQuery, 'unreadOnly'>): Promise<number>;
  /** Marks one message read by the account, if it is in one of `recipients`; false when it is not (or no such id). */
  markRead(id: string, query: Omit<InboxQuery, 'unreadOnly'>): Promise<boolean>;
  /** Marks every message of `recipients` read by the account; answers how many changed. */
  markAllRead(query: Omit<InboxQuery, 'unreadOnly'>): Promise<number>;
}

/** What handlers need of other cases: followers, recorded once per effect key. */
export interface CaseFollowersPort {
  /** The case's reporter and "me too" followers, or undefined if there is no such case. */
  partiesOf(caseId: string): Promise<{ reporterId: string; followerIds: string[] } | undefined>;
  /**
   * Adds the accounts not yet following as followers and records `effectKey` as applied, in one
   * update guarded by the key: a second call with the same key changes nothing.
   */
  addFollowersOnce(caseId: string, accountIds: readonly string[], effectKey: string): Promise<'applied' | 'already_applied' | 'missing'>;
}

/** A case changed: published to live viewers after the write is stored. `key` lets a subscriber drop a repeat. */
export interface CaseChangedEvent {
  type: 'case.changed';
  key: string;
  caseId: string;
  seq: number;
  /**
   * The case as this process just stored it, so this process's live hub need not read it back.
   * In-process only: a bus between processes carries the other fields, and they read the case.
   * Its follower count may lag by follows made during the step (the store never writes it back).
   */
  record?: CaseRecord;
}

/** New in-app messages landed in these inboxes (`account:<id>`, `unit:<code>`…): their readers' unread counts moved. */
export interface InboxChangedEvent {
  type: 'inbox.changed';
  key: string;
  inboxes: string[];
}

export type LiveEvent = CaseChangedEvent | InboxChangedEvent;

/** Publish/subscribe between the job runner and the live channel: in-process, or Redis across processes. */
export interface EventBus {
  publish(event: LiveEvent): Promise<void>;
  /** Answers an unsubscribe. */
  subscribe(listener: (event: LiveEvent) => void): () => void;
}

/** What the job admin use cases are built from. */
export interface JobCommandDeps {
  jobs: JobStore;
  now: () => Date;
}

// ---- accounts and identity (issue 6 §2) -------------------------------------------------------

/** One change to an account, kept on the account itself so the change and its record are one write. */
export interface AccountAuditRecord {
  action: AccountAuditAction;
  at: Date;
  byId: string;
  byName: string;
  from?: string;
  to?: string;
  reason?: string;
}

/** An account as use cases see it: a plain object, never a password hash. */
export interface StoredAccount {
  id: string;
  kind: LoginKind;
  username?: string;
  displayName: string;
  role: Role;
  scope: Scope;
  disabled: boolean;
  /** Moves on at each password reset and disable: tokens signed under an older one stop working. */
  credentialGeneration: number;
  /** Moves on at every administrative change: the guard of the next one. */
  revision: number;
  createdAt: Date;
  updatedAt: Date;
  audit: AccountAuditRecord[];
}

export interface NewStaffAccount {
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  scope: Scope;
  audit: AccountAuditRecord[];
}

export interface AccountChanges {
  role?: Role;
  scope?: Scope;
  disabled?: boolean;
  passwordHash?: string;
  credentialGeneration?: number;
  /** The whole trail as it is to be stored (bounded by the caller). */
  audit: AccountAuditRecord[];
}

/** Which accounts a list shows: by role, and by street (scope street or a unit of the street). */
export interface AccountListFilter {
  role?: Role;
  streetCode?: string;
  /** Units of the street: their accounts belong to it although their scope names no street. */
  unitCodes?: string[];
  /** A grid's own team (grid members and leaders have a grid in their scope). */
  gridCode?: string;
}

/** The account store as use cases see it; the mongoose adapter implements it. */
export interface AccountStore {
  /** The account, or undefined when none has this id (a malformed id included). */
  findById(id: string): Promise<StoredAccount | undefined>;
  /** Newest first. */
  list(filter: AccountListFilter, page: { cursor?: string; limit: number }): Promise<Page<StoredAccount>>;
  /** The stored account, or `username_taken` when the unique login key refuses it. */
  insertStaff(account: NewStaffAccount): Promise<StoredAccount | 'username_taken'>;
  /** Writes `changes` (audit included) only if the stored revision is still `expectedRevision`. */
  updateIfRevision(id: string, expectedRevision: number, changes: AccountChanges): Promise<boolean>;
}

/** Who a token's account is now, as the request acts: read per request, cached for seconds. */
export interface AccountIdentity {
  /** Undefined when the stored scope lacks a field the role needs: such an account acts as nobody. */
  actor: Actor | undefined;
  kind: LoginKind;
  disabled: boolean;
  credentialGeneration: number;
}

/**
 * Identity lookup on every request. Implementations may cache for a few seconds; `forget` drops
 * one account's entry, and every change made through this process calls it, so the next request
 * sees the change. Other processes see it once their entry expires.
 */
export interface IdentityPort {
  identityOf(accountId: string): Promise<AccountIdentity | undefined>;
  forget(accountId: string): void;
}

// ---- WeChat messages (issue 7) ----------------------------------------------------------------

/** An account as WeChat messages need it. */
export interface WeChatRecipient {
  accountId: string;
  role: Role;
  disabled: boolean;
  /** The mini-program openid: subscribe messages go to it. */
  openid?: string;
  /** The open-platform unionid: links the account to a follower of the service account. */
  unionid?: string;
}

/** Who may receive WeChat messages, and who follows the district's service account. */
export interface WeChatDirectory {
  /** The account, or undefined when none has this id. */
  recipient(accountId: string): Promise<WeChatRecipient | undefined>;
  /** Active (not disabled) staff accounts of the roles and place given, with a mini-program openid. */
  staffWithWeChat(readers: { roles: readonly Role[]; unitCode?: string; streetCode?: string }): Promise<string[]>;
  /** The openid under the service account of the user with this unionid, if they follow it now. */
  serviceFollower(unionid: string): Promise<string | undefined>;
  /**
   * The seam by which followers get in (see ARCHITECTURE.md, "WeChat messages"): a follow or an
   * unfollow of the service account, from its event push or a follower-list sync.
   */
  recordServiceFollower(follower: { unionid: string; openid: string; following: boolean }, now: Date): Promise<void>;
}

/** What `Taro.requestSubscribeMessage` answers per template id. */
export type SubscribeDecision = 'accept' | 'reject' | 'ban' | 'filter';

/** An account's stored consent for one subscribe template. */
export interface StoredConsent {
  templateId: string;
  kind: 'one_time' | 'long_term';
  remaining: number;
  active: boolean;
  /** One-time consents spent on messages not yet settled: their keys, so a re-run never spends twice. */
  spentKeys: string[];
}

/** Subscribe-message consents per account and template. */
export interface ConsentStore {
  /**
   * Applies a user's answers: an accepted one-time template gains one consent; a long-term one is
   * on after `accept` and off after `reject` or `ban`; a banned one-time template loses what it had.
   */
  record(accountId: string, decisions: readonly { templateId: string; kind: StoredConsent['kind']; decision: SubscribeDecision }[], now: Date): Promise<void>;
  /** The account's consents, one per template it ever answered. */
  consentsOf(accountId: string): Promise<StoredConsent[]>;
  /**
   * Spends one one-time consent on the message `key`, only if more than `keepBack` are left, in
   * one conditional update that also records the key: `already_spent` when an earlier run of the
   * same message spent it.
   */
  spend(accountId: string, templateId: string, key: string, keepBack: number): Promise<'spent' | 'already_spent' | 'none_left'>;
  /** The message `key` is settled: its key is dropped; `refund` gives the consent back (WeChat never used it). */
  settle(accountId: string, templateId: string, key: string, refund: boolean): Promise<void>;
  /** WeChat says the user has not subscribed (43101): no consents left, long-term off. */
  revoke(accountId: string, templateId: string, now: Date): Promise<void>;
}

export type DeliveryChannel = 'service' | 'subscribe' | 'inbox';

/**
 * Where a message's delivery stands. `sending`: about to call WeChat, or in the call (found so on a
 * re-run, the call's outcome is unknown); `retrying`: WeChat said "later"; the others are final.
 */
export type DeliveryStatus = 'sending' | 'retrying' | 'sent' | 'refused' | 'failed' | 'uncertain' | 'inbox_only';

/** One attempt, or the decision to send nothing but the inbox. */
export interface DeliveryAttempt {
  at: Date;
  outcome: 'sent' | 'refused' | 'failed' | 'retry' | 'uncertain' | 'inbox_only';
  errcode?: number;
  /** WeChat's message or the reason for the inbox only: for people reading the record. */
  detail?: string;
}

/** One WeChat message to one account, by its key (the job id): channel, status and every attempt. */
export interface WeChatDelivery {
  key: string;
  accountId: string;
  caseId: string;
  template: string;
  channel: DeliveryChannel;
  /** The WeChat template and the openid it went to (the mini-program's, or the service account's). */
  templateId?: string;
  openid?: string;
  /** A one-time consent was spent on it. */
  oneTime?: boolean;
  status: DeliveryStatus;
  attempts: DeliveryAttempt[];
  createdAt: Date;
  updatedAt: Date;
}

/** The record of WeChat deliveries (`wechat_deliveries`), one document per message key. */
export interface DeliveryStore {
  find(key: string): Promise<WeChatDelivery | undefined>;
  /**
   * Records that a send is about to start, before WeChat is called: creates the delivery as
   * `sending`, or moves a `retrying` (or, for the service channel, `sending`) one back to it.
   * False when the delivery is not as expected: another run changed it meanwhile.
   */
  begin(delivery: Omit<WeChatDelivery, 'status' | 'attempts' | 'createdAt' | 'updatedAt'>, from: 'new' | 'retrying' | 'sending', now: Date): Promise<boolean>;
  /** Records an attempt and the status it leaves. */
  record(key: string, status: DeliveryStatus, attempt: DeliveryAttempt): Promise<void>;
  /** Records that the message goes to the inbox only, and why; once per key. */
  inboxOnly(delivery: Omit<WeChatDelivery, 'status' | 'attempts' | 'createdAt' | 'updatedAt' | 'channel'>, reason: string, now: Date): Promise<void>;
}

/** A failed WeChat call, as the gateway reports it (server/wechat/gateway.ts WeChatError). */
export interface WeChatFailure {
  errcode?: number;
  httpStatus?: number;
  /** No answer came, but the request may have reached WeChat. */
  uncertain?: boolean;
  message: string;
}

/** Sending through WeChat (the gateway in server/wechat); rejects with a {@link WeChatFailure}. */
export interface WeChatSender {
  sendSubscribeMessage(message: { openid: string; templateId: string; page?: string; data: Record<string, { value: string }> }): Promise<void>;
  sendTemplateMessage(message: {
    openid: string;
    templateId: string;
    miniprogram?: { appid: string; pagepath?: string };
    data: Record<string, { value: string }>;
    clientMsgId: string;
  }): Promise<void>;
}

// ---- membership and polls (issue 9) -------------------------------------------------------------

/** A resident's claim to a home, as stored: the shared {@link Membership} plus who, where and the decision. */
export interface StoredMembership {
  id: string;
  accountId: string;
  /** The account's display name when it claimed; staff see it beside the claimed name. */
  accountName: string;
  compoundCode: string;
  buildingCode: string;
  unit: string;
  room: string;
  /** `householdIdOf(...)` (shared/api/membership): the room's residents form one household. */
  householdId: string;
  gridCode: string;
  streetCode: string;
  relation: MembershipRelation;
  status: MembershipStatus;
  /** The name and phone the resident gave when claiming (personal data: staff of the scope only). */
  claimedName?: string;
  phone?: string;
  reason?: string;
  /** `resident` when the resident left (or withdrew) on their own. */
  decidedBy?: 'roster' | 'staff' | 'resident';
  decidedById?: string;
  decidedAt?: Date;
  createdAt: Date;
  /** Moves on at every decision: the guard of the next one. */
  revision: number;
}

/** Which memberships a roster list shows: the compounds of the staff member's scope (all when absent). */
export interface MembershipFilter {
  compoundCodes?: readonly string[];
  status?: MembershipStatus;
}

/** Memberships as use cases see them (`memberships`, one document per account and household). */
export interface MembershipStore {
  /**
   * Records a claim. An account holds one membership per household: a rejected or ended one is
   * claimed again (back to pending, revision + 1); a pending or verified one answers `duplicate`.
   */
  claim(claim: Omit<StoredMembership, 'id' | 'revision' | 'status'> & { status: 'pending' | 'verified' }): Promise<StoredMembership | 'duplicate'>;
  findById(id: string): Promise<StoredMembership | undefined>;
  /** Every membership of an account, read per request: a move counts at once. */
  ofAccount(accountId: string): Promise<StoredMembership[]>;
  /** Applies a decision only if the stored revision is still `expectedRevision`; the stored result, or undefined when someone else decided first. */
  decideIfRevision(
    id: string,
    expectedRevision: number,
    decision: { status: MembershipStatus; reason?: string; decidedBy: 'roster' | 'staff' | 'resident'; decidedById: string; decidedAt: Date },
  ): Promise<StoredMembership | undefined>;
  /** Newest first. */
  list(filter: MembershipFilter, page: { cursor?: string; limit: number }): Promise<Page<StoredMembership>>;
  /** Verified memberships within a poll's scope: distinct residents, or distinct households. */
  countEligible(scope: PollScope, votesPer: 'resident' | 'household'): Promise<number>;
  /** Pending claims of these households, for a roster import to verify. */
  pendingOf(householdIds: readonly string[]): Promise<StoredMembership[]>;
  /**
   * A page of the accounts with a verified membership in a poll's scope, in membership order
   * (`after` is the last page's `next`). An account with two homes in the scope may come twice.
   */
  eligibleAccounts(scope: PollScope, page: { after?: string; limit: number }): Promise<{ accountIds: string[]; next: string | null }>;
}

/** A community's roster as last imported: one document, replaced whole, so an import is never half-done. */
export interface RosterStore {
  replace(communityUnitCode: string, households: readonly RosterHousehold[], importedBy: string, now: Date): Promise<void>;
  /** The roster's residents of one room (from whichever community's roster holds it). */
  residentsOf(householdId: string): Promise<RosterResident[]>;
}

/** A poll as stored: the shared {@link Poll} with its text, author, place, decision and the snapshot of its count. */
export interface StoredPoll extends Poll {
  title: string;
  background: string;
  photoIds: string[];
  publicResults: boolean;
  /** The street and compound (or grid) it asks: what lists filter on. */
  streetCode: string;
  compoundCode?: string;
  gridCode: string;
  /** The committee serving the poll's place (for a grid poll, none). */
  communityUnitCode?: string;
  author: { id: string; name: string; role: Actor['role']; unitCode?: string };
  createdAt: Date;
  updatedAt: Date;
  closedAt?: Date;
  cancelReason?: string;
  /** Counts per question and option of the ballots counted so far (recounted from `poll_ballots` after each batch). */
  tally: Record<string, Record<string, number>>;
  /** Ballots counted so far. */
  counted: number;
  /** The eligible count when the poll ended, kept so the result does not move with later membership changes. */
  eligibleAtEnd?: number;
  /** When each notice to the residents was recorded: each is sent once in the poll's life. */
  notices?: Partial<Record<PollNoticeKind, Date>>;
  /** Notices recorded with a change of the poll and not yet in the job queue (the poll's outbox). */
  pendingNotices?: PollNoticeKind[];
  decision?: {
    decision: string;
    minutes?: string;
    meeting?: { heldAt: Date; place: string; attendance: number };
    decidedAt: Date;
    decidedById: string;
    caseIds: string[];
  };
  /** Moves on at every change by people (edit, open, close, cancel, decision): their guard. */
  version: number;
}

/** A ballot waiting with its voter's participation until the count moves it away. */
export interface PendingBallot {
  ballotId: string;
  receiptHash: string;
  choices: Choices;
}

/** That someone voted: keyed by the vote key (one per resident or household); never what they chose once counted. */
export interface PollParticipation {
  voteKey: string;
  pollId: string;
  accountId: string;
  householdId: string;
  buildingCode: string;
  unit: string;
  room: string;
  /** The voter's name for a per-resident poll (the committee sees who voted). */
  name?: string;
}

/** A poll's changes that are not a plain replace: guarded by version, or idempotent. */
export interface PollStore {
  insert(poll: StoredPoll): Promise<void>;
  findById(id: string): Promise<StoredPoll | undefined>;
  /** Replaces the poll only if its stored version is still `expectedVersion` (the new one is `next.version`). */
  replaceIfVersion(next: StoredPoll, expectedVersion: number): Promise<boolean>;
  /** Newest first; `where` any of the places given (compound codes, grid codes, street codes), and of the statuses given. */
  list(where: { compoundCodes?: readonly string[]; gridCodes?: readonly string[]; streetCodes?: readonly string[]; statuses: readonly PollStatus[] }, page: { cursor?: string; limit: number }): Promise<Page<StoredPoll>>;
  /**
   * Records a vote: the participation and its pending ballot in one insert keyed by the vote key.
   * `already_voted` when the key exists: the unique primary key is the one-vote rule.
   */
  castVote(participation: PollParticipation, ballot: PendingBallot): Promise<'cast' | 'already_voted'>;
  /** Whether the key has voted. */
  hasVoted(voteKey: string): Promise<boolean>;
  /** Votes cast per poll (participations), for the polls given. */
  votesOf(pollIds: readonly string[]): Promise<Map<string, number>>;
  /** Who voted, in vote-key order (never time order). */
  voters(pollId: string, page: { cursor?: string; limit: number }): Promise<Page<PollParticipation>>;
  /** Polls with ballots waiting to be counted, and how many each. */
  pendingCounts(): Promise<Map<string, number>>;
  /**
   * Moves the poll's pending ballots into `poll_ballots` (in the order given: shuffled by the
   * caller), then clears them from the participations; a repeat after a crash inserts nothing twice.
   * Then recounts the poll's ballots and stores the tally on the poll. Answers how many moved.
   */
  countPending(pollId: string, shuffle: <T>(items: T[]) => T[]): Promise<number>;
  /** A voter's ballot by its receipt's hash: counted, pending, or unknown. */
  findReceipt(pollId: string, receiptHash: string): Promise<{ status: 'counted' | 'pending'; choices: Choices } | undefined>;
  /** Sets `eligibleAtEnd` once (the first count after the poll ended). */
  recordEligibleAtEnd(pollId: string, eligible: number): Promise<void>;
  /** Polls opened with a notice whose voting has ended (closed, or past `closesAt`) and whose results notice is not recorded yet. */
  endedWithoutResultsNotice(now: Date, limit: number): Promise<StoredPoll[]>;
  /**
   * Records the results notice as pending and freezes `eligibleAtEnd` (if not yet), in one update
   * conditional on no results notice being recorded; false when one already was.
   */
  recordResultsNotice(pollId: string, eligible: number, at: Date): Promise<boolean>;
  /** Polls holding notices not yet handed to the job queue. */
  withPendingNotices(limit: number): Promise<StoredPoll[]>;
  /** Removes these notices from the poll's pending ones (they are in the job queue). */
  clearPendingNotices(pollId: string, kinds: readonly PollNoticeKind[]): Promise<void>;
}

/** A comment on a poll; `hidden` by a manager with a reason (the text stays stored, shown to staff only). */
export interface PollComment {
  id: string;
  pollId: string;
  accountId: string;
  authorLabel: string;
  text: string;
  at: Date;
  hidden?: { reason: string; at: Date; byId: string };
}

export interface PollCommentStore {
  insert(comment: Omit<PollComment, 'id'>): Promise<PollComment>;
  findById(pollId: string, id: string): Promise<PollComment | undefined>;
  list(pollId: string, page: { cursor?: string; limit: number }): Promise<Page<PollComment>>;
  hide(pollId: string, id: string, hidden: NonNullable<PollComment['hidden']>): Promise<PollComment | undefined>;
}

/** What the poll use cases are built from. */
export interface PollCommandDeps {
  polls: PollStore;
  comments: PollCommentStore;
  memberships: MembershipStore;
  reference: ReferencePort;
  /** The case use cases' ports: a decision becomes a case through the same filing. */
  cases: CaseCommandDeps;
  now: () => Date;
  /** Called after a vote is stored: the runner's count step may run sooner. */
  onVote?: () => void;
}

/**
 * The statistics projection (统计): counted events recorded exactly once by key, folded every few
 * seconds into small per-scope day and month counter documents, read by period.
 */
export interface StatsStore {
  /** Records the events of one outbox entry; a key already recorded or folded is skipped. */
  record(events: readonly CountedEvent[]): Promise<void>;
  /**
   * Folds up to `limit` recorded events into the counter documents of their scopes, exactly once
   * even if the process dies mid-fold (the next fold resumes the same batch); answers how many.
   */
  fold(limit: number, now: Date): Promise<number>;
  /** The tally of one scope over a day range: whole months from month documents, the other days from day documents. */
  tally(scope: StatsScope, range: DayRange): Promise<Tally>;
  /** The same tally's total alone, read from the documents' small totals (the period a dashboard compares with). */
  totals(scope: StatsScope, range: DayRange): Promise<Counters>;
  /** When the last fold finished, or null before the first: how current the figures are. */
  countedUntil(): Promise<Date | null>;
}

/** An Open311 API key as stored: its secret only as a SHA-256 hash (the key is random, 192 bits). */
export interface Open311Key {
  id: string;
  /** Who uses it: the integrating system's name, shown to admins. */
  name: string;
  secretHash: string;
  createdBy: { id: string; name: string };
  createdAt: Date;
  revokedAt: Date | null;
}

/**
 * A case filed through Open311: the token the client may ask about, the key that filed it, and
 * the contact details Open311 carries that a case has no field for (personal data: never shown).
 */
export interface Open311Filing {
  token: string;
  caseId: string;
  keyId: string;
  email?: string;
  mediaUrl?: string;
  deviceId?: string;
  accountId?: string;
  createdAt: Date;
}

/** Open311's keys and filings; the mongoose adapter implements it, every read by _id. */
export interface Open311Store {
  insertKey(key: Open311Key): Promise<void>;
  findKey(id: string): Promise<Open311Key | undefined>;
  listKeys(): Promise<Open311Key[]>;
  /** Marks the key revoked at `at`; false when there is no such key or it was revoked already. */
  revokeKey(id: string, at: Date): Promise<boolean>;
  insertFiling(filing: Open311Filing): Promise<void>;
  findFiling(token: string): Promise<Open311Filing | undefined>;
}

// ---- hotline work orders (12345, 12319) ------------------------------------------------------

/** A call to a hotline centre (签收, 退回, 延期, 答复), queued under a key of its own and sent by the hotline handler. */
export interface HotlineCallEffect {
  type: 'hotline.call';
  channel: HotlineChannel;
  number: string;
  action: HotlineAction;
}

/**
 * One work order as we keep it beside its case: the link number ↔ case, where the order stands on
 * the centre's side, and the centre's deadlines. `_id` is `channel:number`, inserted before the case
 * is filed, so a second delivery (or a re-run after a crash) finds it and files nothing new.
 */
export interface HotlineOrderRecord {
  key: string;
  channel: HotlineChannel;
  number: string;
  /** The case's id, fixed before filing (derived from the order), so the link exists from the first write. */
  caseId: string;
  caseNumber?: string;
  state: HotlineOrderState;
  receivedAt: Date;
  signBy: Date;
  returnBy: Date;
  /** The centre's reply deadline; moved by an approved extension or a 发回重办. */
  replyBy: Date;
  centreCategoryCode: string;
  /** False when the centre's code was not in the mapping: the case went to the fallback subcategory. */
  categoryMapped: boolean;
  /** False while the place is only the street (no compound matched): a dispatcher confirms it. */
  placeConfirmed: boolean;
  replyRequired: boolean;
  callbackRequired: boolean;
  extensionsRequested: number;
  redoCount: number;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** The hotline orders, inbound notices and webhook nonces as the hotline use cases see them. */
export interface HotlineOrderStore {
  /** Stores a new order and its case link; false when one with the key exists (nothing written). */
  insert(order: HotlineOrderRecord): Promise<boolean>;
  find(channel: HotlineChannel, number: string): Promise<HotlineOrderRecord | undefined>;
  findByCase(caseId: string): Promise<HotlineOrderRecord | undefined>;
  /** Stores `next` if the stored version is still `expectedVersion`. */
  replaceIfVersion(next: HotlineOrderRecord, expectedVersion: number): Promise<boolean>;
  /** Remembers an inbound notice by its key (shared/hotline/work-order `noticeKey`); false if already applied. */
  rememberNotice(key: string, at: Date): Promise<boolean>;
  /** Whether a notice with this key was applied. */
  hasNotice(key: string): Promise<boolean>;
  /** Forgets a notice whose application failed, so the centre's next delivery applies it. */
  forgetNotice(key: string): Promise<void>;
  /** Remembers a webhook nonce; false if it was seen (a replay). */
  rememberNonce(channel: HotlineChannel, nonce: string, at: Date): Promise<boolean>;
  /** The pull cursor of a channel's orders or notices (null before the first pull). */
  cursor(channel: HotlineChannel, stream?: 'orders' | 'notices'): Promise<string | null>;
  saveCursor(channel: HotlineChannel, cursor: string | null, at: Date, stream?: 'orders' | 'notices'): Promise<void>;
  /** Orders received in [from, to), for a day's reconciliation. */
  receivedBetween(channel: HotlineChannel, from: Date, to: Date): Promise<HotlineOrderRecord[]>;
  /** Notes that the case of order `orderKey` was merged into `targetCaseId` (idempotent). */
  rememberMerge(targetCaseId: string, orderKey: string): Promise<void>;
  /** The orders whose cases were merged into `targetCaseId`: they are answered when it closes. */
  mergedInto(targetCaseId: string): Promise<HotlineOrderRecord[]>;
}

/** A new order as a centre lists it for pulling, and one page of them. */
export interface HotlinePage {
  numbers: string[];
  /** Where the next page starts; null when this page was the last one for now. */
  nextCursor: string | null;
}

/**
 * One hotline centre as the use cases see it, in our vocabulary: the adapter of each hotline system
 * (server/hotline/) translates its wire fields and codes both ways.
 */
export interface HotlineCentre {
  channel: HotlineChannel;
  /** New orders after `cursor`, one page. */
  listNew(cursor: string | null, limit: number): Promise<HotlinePage>;
  /** New notices (催办, 回访, 重办, 延期答复) after `cursor`, one page, in our notice shape (parsed by our schema afterwards). */
  listNotices(cursor: string | null, limit: number): Promise<{ notices: Record<string, unknown>[]; nextCursor: string | null }>;
  /** One order, translated to the work-order shape (still the centre's category code). */
  fetchOrder(number: string): Promise<WorkOrderInput>;
  /** Sends one action on an order; `key` lets the centre drop a repeat. Throws on failure (then the runner retries). */
  send(number: string, action: HotlineAction, key: string): Promise<void>;
  /** The centre's list of orders it sent us on a local day `YYYY-MM-DD`, for reconciliation. */
  listDay(day: string): Promise<{ number: string; state: HotlineOrderState }[]>;
}

/** The hotline centres configured, by channel. */
export type HotlinePort = Partial<Record<HotlineChannel, HotlineCentre>>;

/** A signed webhook request as the route hands it over: the raw body and the headers (lower-case names). */
export interface HotlineWebhookRequest {
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** What a webhook carries, in our shapes (parsed by our schemas afterwards). */
export type HotlineInboundMessage = { kind: 'order'; order: WorkOrderInput } | { kind: 'notice'; notice: Record<string, unknown> };

/** The inbound half of the hotline adapters: signature checks with each channel's secret, and each system's wire format read. */
export interface HotlineInbound {
  /** The channels with a webhook secret configured. */
  channels: readonly HotlineChannel[];
  verify(channel: HotlineChannel, request: HotlineWebhookRequest, now: Date): { ok: true; nonce: string } | { ok: false; reason: string };
  /** Reads a webhook body (already parsed JSON) in the channel's wire format; undefined when it is neither an order nor a notice. */
  decode(channel: HotlineChannel, body: unknown): HotlineInboundMessage | undefined;
}

/** Records what arrives and fails, for the liveness alarm and the health field. */
export interface HotlineWatch {
  succeeded(channel: HotlineChannel, arrived: number, now: Date): void;
  failed(channel: HotlineChannel, error: unknown, now: Date): void;
}

// ---- home visits (入户走访) ---------------------------------------------------------------------

/**
 * Field encryption of the visit register (server/crypto/field-sealer.ts). `aad` binds a value to its
 * record and field; `keyIdOf` tells which key sealed a stored value (the rekey command's test).
 */
export interface FieldSealer {
  readonly currentKeyId: string;
  seal(plain: string, aad: string): string;
  open(sealed: string, aad: string): string;
  keyIdOf(sealed: string): string;
}

/** A person on the register of key service populations: place and schedule in clear, the rest sealed. */
export interface StoredVisitPerson {
  id: string;
  categoryCode: string;
  risk: RiskLevel;
  streetCode: string;
  communityUnitCode: string;
  gridCode: string;
  compoundCode: string;
  status: 'active' | 'archived';
  registeredAt: Date;
  majorChangeAt?: Date;
  lastVisitAt?: Date;
  /** The schedule as of the last write (rules, last visit, major change): what the worklist sorts on. */
  dueAt: Date;
  warnAt: Date;
  /** Sensitive fields, each sealed with the record id and field name; emptied by the purge. */
  sealed: Partial<Record<SensitivePersonField, string>>;
  /** Set when the person left the category: off the worklist and the reminders, read by the committee only. */
  archived?: { reason: ArchiveReason; leftAt: Date; at: Date; by: string };
  /** When the retention period's purge erased the sealed fields (of the person and their visits). */
  purgedAt?: Date;
  createdBy: string;
  updatedAt: Date;
  version: number;
}

/** One visit (入户走访记录). Its id comes from the visitor's draft id: a draft sent twice is stored once. */
export interface StoredVisit {
  id: string;
  personId: string;
  categoryCode: string;
  streetCode: string;
  communityUnitCode: string;
  gridCode: string;
  visitedAt: Date;
  method: 'in_person' | 'phone' | 'video';
  met: boolean;
  visitorIds: string[];
  /** The category's answers, the findings and the point at the door: sealed (JSON) with the visit id; emptied by the purge. */
  sealed: { answers?: string; findings?: string; point?: string };
  purgedAt?: Date;
  riskBefore: RiskLevel;
  nextRisk: RiskLevel;
  /** The case this visit filed (the broken handrail): the link is kept here only, so case views never name the visit. */
  caseId?: string;
  /** Departments that must sign the visit (danger found in a category that asks for it), and those that have. */
  signOff?: { required: UnitType[]; signed: VisitSignature[] };
  recordedBy: string;
  recordedAt: Date;
  /** The draft id the app sent and its request's hash: a retry with other content is refused. */
  draft: { id: string; requestHash: string };
}

export type VisitAuditAction = 'list' | 'read' | 'unmask' | 'register' | 'update' | 'visit' | 'sign' | 'archive' | 'restore' | 'export' | 'purge';

/** One department's signature on a visit; what it wrote with it is in the audit line, not here. */
export interface VisitSignature {
  unitType: UnitType;
  unitCode: string;
  at: Date;
}

/** One line of the register's audit trail: insert-only. */
export interface VisitAuditEntry {
  id: string;
  at: Date;
  actorId: string;
  actorName: string;
  actorRole: Actor['role'];
  action: VisitAuditAction;
  personId: string;
  communityUnitCode: string;
  /** The field unmasked, for `unmask`. */
  field?: string;
  /** Why, as the actor wrote it, for `unmask`. */
  reason?: string;
}

/** A slice of the register a policy allows (shared/policies/visits.ts `visitScopeOf`). */
export type VisitScope = NonNullable<ReturnType<typeof visitScopeOf>>;

/** The register, the visits and the audit trail (server/db/visit-store.ts). */
export interface VisitStore {
  insertPerson(person: StoredVisitPerson): Promise<void>;
  findPerson(id: string): Promise<StoredVisitPerson | undefined>;
  /** Replaces a person only if still at `expectedVersion`; false when someone wrote first. */
  replacePersonIfVersion(next: StoredVisitPerson, expectedVersion: number): Promise<boolean>;
  /** Active people in scope, keyed by id, for the register list. */
  listPeople(scope: VisitScope, page: { limit: number; after?: string }): Promise<StoredVisitPerson[]>;
  /** The slice's active people as figures count them: category, risk and schedule only, nothing sealed. */
  summaryRows(scope: VisitScope): Promise<SummaryRow[]>;
  /** Active people in scope whose reminder time has come, by risk then due time, then id (keyset after the last). */
  listDue(scope: VisitScope, now: Date, page: { limit: number; after?: { riskRank: number; dueAt: Date; id: string } }): Promise<StoredVisitPerson[]>;
  /** Stores a visit; `duplicate` when its id is taken (the draft was sent before). */
  insertVisit(visit: StoredVisit): Promise<'inserted' | 'duplicate'>;
  findVisit(id: string): Promise<StoredVisit | undefined>;
  /** Adds the signature unless the visit needs none of its unit type or has one already; false then. */
  addSignature(visitId: string, signature: VisitSignature): Promise<boolean>;
  visitsOf(personId: string, limit: number): Promise<StoredVisit[]>;
  appendAudit(entries: VisitAuditEntry[]): Promise<void>;
  /** A community's audit trail, newest first. */
  listAudit(communityUnitCode: string, page: { limit: number; after?: { at: Date; id: string } }): Promise<VisitAuditEntry[]>;
  /** Active people of any place whose reminder time has come, in id order (the reminder step's batches). */
  listReminderDue(now: Date, afterId: string | undefined, limit: number): Promise<StoredVisitPerson[]>;
  /** Every person and visit, in id order, for the rekey command (batch by batch). */
  peopleBatch(afterId: string | undefined, limit: number): Promise<StoredVisitPerson[]>;
  visitsBatch(afterId: string | undefined, limit: number): Promise<StoredVisit[]>;
  /** Replaces the sealed fields of one record (rekey); no version change: the plaintext is the same. */
  resealPerson(id: string, sealed: StoredVisitPerson['sealed']): Promise<void>;
  resealVisit(id: string, sealed: StoredVisit['sealed']): Promise<void>;
  /** Archived people not purged yet whose archiving is at or before `archivedBefore` (the purge step). */
  listPurgeDue(archivedBefore: Date, limit: number): Promise<StoredVisitPerson[]>;
  /** Empties the sealed fields of every visit of the person, and drops the hash of the draft (it was over the answers). */
  purgeVisitsOf(personId: string, at: Date): Promise<number>;
  /** Empties the person's sealed fields and marks them purged: last, so a crash before it is redone. */
  purgePerson(id: string, at: Date): Promise<void>;
  /**
   * Blanks the free-text reasons of the person's audit lines (an unmask's reason may name a
   * diagnosis); who, when, what and which field stay. The purge's only change to audit lines.
   */
  blankAuditReasonsOf(personId: string): Promise<void>;
  /** Deletes at most `limit` audit lines older than `before`, oldest first: the audit's own retention. */
  deleteAuditBefore(before: Date, limit: number): Promise<number>;
  /** Which of these category codes still have active people (a new category list may not drop them). */
  activeCategoryCodes(codes: readonly string[]): Promise<string[]>;
}

/** One published category list as the history shows it. */
export interface VisitCategoryVersionSummary {
  version: number;
  effectiveFrom: string;
  publishedAt: Date;
  publishedBy: string;
  categoryCount: number;
}

/** The published visit category lists (server/db/visit-category-store.ts); never edited in place. */
export interface VisitCategoryVersions {
  latestVersion(): Promise<number | undefined>;
  find(version: number): Promise<VisitCategoryConfig | undefined>;
  /** Newest first. */
  history(limit: number): Promise<VisitCategoryVersionSummary[]>;
  /** `duplicate` when that version was published first by someone else. */
  insert(config: VisitCategoryConfig, publishedBy: string, at: Date): Promise<'inserted' | 'duplicate'>;
}

/** The category list in force: read synchronously by use cases, refreshed before they run. */
export interface VisitCategorySource {
  current(): VisitCategoryConfig;
  /**
   * A category the list in force no longer has, as its last list defined it: its archived people
   * stay readable by their committee (and exportable) until the purge.
   */
  retired(code: string): VisitCategory | undefined;
  refresh(): Promise<void>;
}
