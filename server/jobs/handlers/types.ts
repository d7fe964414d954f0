import type { WeChatMessagesConfig } from '../../../shared/wechat-messages/messages-config';
import type {
  CaseFollowersPort,
  CaseStore,
  HotlineOrderStore,
  HotlinePort,
  ConsentStore,
  DeliveryStore,
  EffectContext,
  EventBus,
  InboxStore,
  Job,
  JobEffect,
  JobStore,
  MembershipStore,
  PollNoticeContext,
  PollStore,
  StatsStore,
  WeChatDirectory,
  WeChatSender,
} from '../../commands/ports';

/** What the WeChat handlers need; absent when the server has no WeChat gateway (then messages stay in the inbox). */
export interface WeChatMessaging {
  sender: WeChatSender;
  directory: WeChatDirectory;
  consents: ConsentStore;
  deliveries: DeliveryStore;
  config: WeChatMessagesConfig;
  /** The mini-program's appid: a service-account message opens the case page in it. */
  miniprogramAppId: string;
}

/** What the hotline handlers need; absent when no hotline centre is configured. */
export interface HotlineHandling {
  centres: HotlinePort;
  orders: HotlineOrderStore;
  cases: Pick<CaseStore, 'findById'>;
}

/** What handlers may touch: only receivers that record the job's key, or the in-process bus. */
export interface HandlerDeps {
  followers: CaseFollowersPort;
  inbox: InboxStore;
  bus: EventBus;
  /** Follow-up jobs a handler queues under keys of their own (a repeat is skipped). */
  jobs: Pick<JobStore, 'enqueue'>;
  /** The statistics projection: counted events are recorded once by key. */
  stats: StatsStore;
  wechat?: WeChatMessaging;
  hotline?: HotlineHandling;
  /** What a poll's notice reads: the poll and its audience (absent in runners that relay no poll notices). */
  polls?: { polls: Pick<PollStore, 'findById'>; memberships: Pick<MembershipStore, 'eligibleAccounts'> };
  now: () => Date;
}

/** A job whose effect is of kind `K`; a case effect's context is the case's, a poll notice's the poll's. */
export type JobOf<K extends JobEffect['type']> = Job & { effect: Extract<JobEffect, { type: K }> } & (K extends 'poll.notice' ? { context: PollNoticeContext } : K extends 'wechat.message' ? unknown : { context: EffectContext });

/**
 * Runs one job. Must be idempotent by `job.id`: a runner may die after the handler's write and
 * before the job is marked done, and the job then runs again.
 */
export type JobHandler<K extends JobEffect['type']> = (job: JobOf<K>, deps: HandlerDeps) => Promise<void>;

/** One handler per job kind: a new kind does not compile until it has one. */
export type HandlerRegistry = { [K in JobEffect['type']]: JobHandler<K> };
