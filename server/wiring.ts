import { hashPassword } from './auth/password';
import { cachedIdentities } from './auth/identity';
import type { AccountCommandDeps } from './commands/accounts';
import type { CaseCommandDeps } from './commands/cases';
import type { CaseStore, StatsStore } from './commands/ports';
import { bindUseCases, type UseCases } from './commands/use-cases';
import { findAccountByLoginKey } from './auth/accounts';
import { findOrCreateWeChatResident } from './auth/wechat-residents';
import { mongoAccountStore } from './db/account-store';
import { mongoCatalogStore } from './db/catalog-store';
import { mongoCaseFollowers, mongoCaseOutbox, mongoCaseStore } from './db/case-store';
import { pingDatabase, type Database } from './db/connection';
import { mongoJobStore } from './db/job-store';
import { mongoInboxStore } from './db/inbox-store';
import { mongoMembershipStore, mongoRosterStore } from './db/membership-store';
import { mongoPollCommentStore, mongoPollStore } from './db/poll-store';
import type { EventBus, WeChatSender } from './commands/ports';
import { effectHandlers, type WeChatMessaging } from './jobs/handlers';
import { mongoConsentStore, mongoDeliveryStore, mongoWeChatDirectory } from './db/wechat-store';
import { defaultWeChatMessagesConfig, type WeChatMessagesConfig } from '../shared/wechat-messages/messages-config';
import { clockCheckStep } from './jobs/clock-step';
import { pollCountStep } from './jobs/poll-count-step';
import { pollNoticeStep } from './jobs/poll-notice-step';
import { statsFoldStep } from './jobs/stats-fold-step';
import { visitReminderStep } from './jobs/visit-reminder-step';
import { visitPurgeStep } from './jobs/visit-purge-step';
import { mongoStatsStore } from './db/stats-store';
import { mongoOpen311Store } from './db/open311-store';
import type { RetryPolicy } from './jobs/backoff';
import { newRunnerId } from './jobs/lease';
import { createJobRunner, type JobRunner, type RunnerLog } from './jobs/runner';
import { inProcessEventBus } from './realtime/in-process-bus';
import { mongoPhotoPort } from './db/photo-port';
import { photoLibrary } from './photos/photos';
import type { ReferenceData } from './reference/reference-data';
import type { WeChatGateway } from './wechat/gateway';
import type { HotlineSetup } from './hotline/setup';
import { hotlinePullStep } from './jobs/hotline-pull-step';
import type { VisitKey } from './config';
import { fieldSealer } from './crypto/field-sealer';
import { mongoVisitStore } from './db/visit-store';
import { mongoVisitCategoryVersions, visitCategorySource } from './db/visit-category-store';
import { baoheVisitCategories } from '../shared/visits/baohe-categories';
import type { VisitCategoryConfig } from '../shared/visits/types';

/** What the composition root plugs in: the database, reference data, the clock and the outside services. */
export interface Wiring {
  database: Database;
  reference: ReferenceData;
  now: () => Date;
  uploadsDir: string;
  wechat?: WeChatGateway;
  /** The WeChat messages config (server/config.ts); the default when absent. */
  messages?: WeChatMessagesConfig;
  /** Wraps the case store, e.g. with a barrier that holds racing writers (server/testing/barrier.ts). */
  wrapCaseStore?: (store: CaseStore) => CaseStore;
  /** Another statistics store than the database's (route tests with fixed tallies). */
  stats?: StatsStore;
  /** The hotline adapters (server/hotline/setup.ts); absent, no hotline is connected. */
  hotline?: HotlineSetup;
  /** The visit register's encryption keys (server/config.ts `visits.keys`); absent, the visit routes answer 503. */
  visitKeys?: readonly VisitKey[];
  /** The visit categories in force; the default nine when absent. */
  visitCategories?: VisitCategoryConfig;
}

/** The composition root: every use case bound once to the mongoose and file adapters behind its ports. */
export function buildUseCases(wiring: Wiring): UseCases {
  const { database } = wiring;
  const cases = mongoCaseStore(database);
  return bindUseCases({
    cases: wiring.wrapCaseStore ? wiring.wrapCaseStore(cases) : cases,
    followers: mongoCaseFollowers(database),
    photos: mongoPhotoPort(database),
    photoLibrary: photoLibrary(database, wiring.uploadsDir),
    catalogs: mongoCatalogStore(database),
    jobs: mongoJobStore(database),
    inbox: mongoInboxStore(database),
    consents: mongoConsentStore(database),
    subscribeTemplates: (wiring.messages ?? defaultWeChatMessagesConfig).subscribeTemplates,
    accountAdmin: accountCommandDeps(database, wiring.reference, wiring.now),
    reference: wiring.reference,
    accounts: {
      findByLoginKey: (loginKey) => findAccountByLoginKey(database, loginKey),
      findOrCreateWeChatResident: (input) => findOrCreateWeChatResident(database, input),
    },
    health: { engine: database.engine, pingDatabase: () => pingDatabase(database) },
    memberships: mongoMembershipStore(database),
    rosters: mongoRosterStore(database),
    polls: mongoPollStore(database),
    pollComments: mongoPollCommentStore(database),
    stats: wiring.stats ?? mongoStatsStore(database),
    open311: mongoOpen311Store(database),
    ...(wiring.visitKeys?.length ? { visits: visitPorts(database, wiring.visitKeys, wiring.visitCategories ?? baoheVisitCategories) } : {}),
    wechat: wiring.wechat,
    ...(wiring.hotline ? { hotline: wiring.hotline } : {}),
    now: wiring.now,
  });
}

/** The visit register's ports: the store, the field sealer over the configured keys, the categories. */
export function visitPorts(database: Database, keys: readonly VisitKey[], categories: VisitCategoryConfig) {
  const categoryVersions = mongoVisitCategoryVersions(database);
  // The latest published list is in force; `categories` only while none is published.
  const categorySource = visitCategorySource(categoryVersions, categories);
  return { store: mongoVisitStore(database), sealer: fieldSealer(keys), categories: categorySource.current, categorySource, categoryVersions };
}

/** The case use cases' ports over the mongoose adapters (the scheduler and storage tests use them). */
export function caseCommandDeps(database: Database, reference: ReferenceData, now: () => Date): CaseCommandDeps {
  return { store: mongoCaseStore(database), reference, photos: mongoPhotoPort(database), now };
}

/** The job runner of `npm start` (and of tests): outbox relay, effect handlers, the clock check. */
export function createEffectRunner(
  database: Database,
  reference: ReferenceData,
  now: () => Date,
  log: RunnerLog,
  options: { visitCategories?: VisitCategoryConfig; visitRetentionDays?: number; visitAuditRetentionDays?: number; bus?: EventBus; random?: () => number; pollMs?: number; leaseMs?: number; retry?: RetryPolicy; owner?: string; wechat?: WeChatSending; hotline?: HotlineSetup; hotlinePollMs?: number } = {},
): JobRunner {
  const jobs = mongoJobStore(database);
  const stats = mongoStatsStore(database);
  const { hotline } = options;
  const reminderCategories = visitCategorySource(mongoVisitCategoryVersions(database), options.visitCategories ?? baoheVisitCategories);
  return createJobRunner({
    outbox: mongoCaseOutbox(database),
    jobs,
    handlers: effectHandlers,
    handlerDeps: {
      followers: mongoCaseFollowers(database),
      inbox: mongoInboxStore(database),
      bus: options.bus ?? inProcessEventBus(),
      jobs,
      stats,
      ...(options.wechat ? { wechat: weChatMessaging(database, options.wechat) } : {}),
      polls: { polls: mongoPollStore(database), memberships: mongoMembershipStore(database) },
      ...(hotline ? { hotline: { centres: hotline.centres, orders: hotline.orders, cases: mongoCaseStore(database) } } : {}),
      now,
    },
    owner: options.owner ?? newRunnerId(),
    now,
    random: options.random ?? Math.random,
    log,
    periodic: [
      clockCheckStep(caseCommandDeps(database, reference, now), log),
      pollCountStep({ polls: mongoPollStore(database), now }, log),
      pollNoticeStep({ polls: mongoPollStore(database), memberships: mongoMembershipStore(database), jobs, now }, log),
      statsFoldStep({ stats, now }, log),
      ...(hotline ? [hotlinePullStep({ ...caseCommandDeps(database, reference, now), jobs, ...hotline }, log, hotline.liveness, options.hotlinePollMs)] : []),
      visitReminderStep({ visits: mongoVisitStore(database), inbox: mongoInboxStore(database), categories: reminderCategories.current, reference, now }, log, undefined, reminderCategories),
      // The default is config.ts's: a runner built without the config (tests) keeps the same period.
      visitPurgeStep({ visits: mongoVisitStore(database), retentionDays: options.visitRetentionDays ?? 1_095, auditRetentionDays: options.visitAuditRetentionDays ?? 1_825, now }, log),
    ],
    ...(options.pollMs ? { pollMs: options.pollMs } : {}),
    ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
  });
}

/** What the runner needs to send WeChat messages: the gateway, the messages config, the mini-program's appid. */
export interface WeChatSending {
  sender: WeChatSender;
  messages: WeChatMessagesConfig;
  appId: string;
}

/** The WeChat handlers' ports over the mongoose adapters. */
export function weChatMessaging(database: Database, sending: WeChatSending): WeChatMessaging {
  return {
    sender: sending.sender,
    directory: mongoWeChatDirectory(database),
    consents: mongoConsentStore(database),
    deliveries: mongoDeliveryStore(database),
    config: sending.messages,
    miniprogramAppId: sending.appId,
  };
}

/**
 * The account use cases and the per-request identity lookup, sharing one cache: an account change
 * made here is forgotten by the cache at once, so it counts from the account's next request.
 */
export function accountCommandDeps(database: Database, reference: ReferenceData, now: () => Date): AccountCommandDeps {
  const store = mongoAccountStore(database);
  return { store, identities: cachedIdentities(store), reference, hashPassword, now };
}

/**
 * Tells live viewers of a step the moment this process has stored it, before the runner relays
 * its publish job: the job is the guarantee (a crash between the write and this hint loses
 * nothing), the hint is the speed. Hubs send each step once whichever arrives first.
 */
export function publishHintsOnWrite(database: Database, bus: EventBus, onError: (error: unknown) => void): () => void {
  return mongoCaseOutbox(database).onWritten((entries, record) => {
    for (const entry of entries) {
      if (entry.effect.type !== 'publish' || entry.effect.caseId !== record.id) continue;
      bus.publish({ type: 'case.changed', key: entry.key, caseId: record.id, seq: entry.effect.seq, record }).catch(onError);
    }
  });
}
