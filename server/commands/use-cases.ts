import type { CaseEventType } from '../../shared/cases/events';
import type { CaseRecord } from '../../shared/cases/types';
import type { Category } from '../../shared/catalog/types';
import type { Actor } from '../../shared/domain/roles';
import type { FileCaseFields, ListCasesQuery } from '../../shared/schemas/cases';
import { actOnCase, eventsFor, fileCaseCommand, followCase, listCases, listScope, loadCase, nearbyCases, runDueSystemEvents, scopeHolds, suggestAssignment } from './cases';
import type { CaseListScope } from './ports';
import { listCasesSchema } from '../../shared/schemas/cases';
import type { AccountCommandDeps } from './accounts';
import { publishCatalog } from './catalog';
import { listJobs, retryJob } from './jobs';
import { countUnreadMessages, listMessages, markAllMessagesRead, markMessageRead } from './messages';
import type { ListMessagesQuery } from '../../shared/api/messages';
import type { RecordSubscriptions } from '../../shared/api/wechat';
import type { WeChatMessagesConfig } from '../../shared/wechat-messages/messages-config';
import { recordSubscriptions, subscriptionsOf } from './messages/subscriptions';
import { photoForViewer, uploadPhoto } from './photos';
import type { AccountPort, CaseCommandDeps, CaseFollowersPort, CaseStore, CatalogStore, ConsentStore, HealthPort, InboxStore, JobStatus, JobStore, PhotoLibrary, PhotoPort, ReferencePort, WeChatLoginPort } from './ports';
import { claimMembership, decideMembership, importRoster, leaveMembership, listMemberships, myGrids, myMemberships } from './membership';
import type { ClaimMembership, ListMembershipsQuery } from '../../shared/api/membership';
import type { MembershipStore, PollCommentStore, PollStore, RosterStore } from './ports';
import type { CastVote, ListPollsQuery, PollDecisionInput, PollDraftInput } from '../../shared/api/polls';
import * as polls from './polls';
import type { StatsStore } from './ports';
import type { DashboardQuery, ExportQuery } from '../../shared/api/stats';
import { publicStats, statsDashboard, statsExport } from './stats';
import * as open311 from './open311';
import type { Open311Key, Open311Store } from './ports';
import type { ListRequestsQuery, PostRequestForm } from '../../shared/open311/queries';
import { bindHotlineUseCases, type HotlineUseCaseDeps } from './hotline';
import * as visits from './visits';
import type { FieldSealer, VisitCategorySource, VisitCategoryVersions, VisitStore } from './ports';
import type { ArchivePerson, RestorePerson, RecordVisit, RegisterPerson, SignVisit, UpdatePerson } from '../../shared/api/visits';
import type { SensitivePersonField } from '../../shared/policies/visits';
import type { VisitCategoryConfig } from '../../shared/visits/types';
import { AppError } from '../errors';

/** Every port the use cases are bound to: adapters from server/wiring.ts, or in-memory ones in tests. */
export interface UseCasePorts {
  cases: CaseStore;
  /** Who follows a case: live "my cases" subscriptions are told of followed cases too. */
  followers: CaseFollowersPort;
  photos: PhotoPort;
  photoLibrary: PhotoLibrary;
  catalogs: CatalogStore;
  /** The effect job queue, for the admin's dead-letter list and retry. */
  jobs: JobStore;
  /** The in-app messages the notify handler writes. */
  inbox: InboxStore;
  /** Subscribe-message consents, and the templates the messages config names. */
  consents: ConsentStore;
  subscribeTemplates: WeChatMessagesConfig['subscribeTemplates'];
  /** Account administration and the per-request identity lookup, sharing one cache. */
  accountAdmin: AccountCommandDeps;
  reference: ReferencePort;
  accounts: AccountPort;
  health: HealthPort;
  /** Residents' homes, and the committees' rosters that verify them. */
  memberships: MembershipStore;
  rosters: RosterStore;
  /** Consultation polls: the polls, who voted and the counted ballots, and the comments. */
  polls: PollStore;
  pollComments: PollCommentStore;
  /** The statistics projection (统计分析) the dashboards and the public statistics read. */
  stats: StatsStore;
  /** Open311's API keys and the filings made with them. */
  open311: Open311Store;
  /** Called after a vote is stored: the runner's count step may look sooner. */
  onVote?: () => void;
  /** The visit register (入户走访): its store, the field encryption and the categories in force. Absent, its routes answer 503. */
  visits?: { store: VisitStore; sealer: FieldSealer; categories: () => VisitCategoryConfig; categorySource?: VisitCategorySource; categoryVersions?: VisitCategoryVersions };
  /** Absent, WeChat sign-in answers 503. */
  wechat?: WeChatLoginPort;
  /** The hotline adapters (server/hotline); absent, the hotline webhook answers 404. */
  hotline?: Omit<HotlineUseCaseDeps, keyof CaseCommandDeps | 'jobs'>;
  now: () => Date;
}

/**
 * The use cases bound to their ports once, for the HTTP layer to call: routes
 * see these functions and never an adapter.
 */
export function bindUseCases(ports: UseCasePorts) {
  const caseDeps = { store: ports.cases, reference: ports.reference, photos: ports.photos, now: ports.now };
  const catalogDeps = { catalogs: ports.catalogs, reference: ports.reference, now: ports.now };
  const photoDeps = { library: ports.photoLibrary, cases: ports.cases, polls: ports.polls, memberships: ports.memberships, reference: ports.reference, now: ports.now };
  const messageDeps = { inbox: ports.inbox };
  const subscriptionDeps = { consents: ports.consents, templates: ports.subscribeTemplates, now: ports.now };
  const membershipDeps = { memberships: ports.memberships, rosters: ports.rosters, reference: ports.reference, now: ports.now };
  const pollDeps = { polls: ports.polls, comments: ports.pollComments, memberships: ports.memberships, reference: ports.reference, cases: caseDeps, now: ports.now, ...(ports.onVote ? { onVote: ports.onVote } : {}) };
  const statsDeps = { stats: ports.stats, reference: ports.reference, now: ports.now };
  const open311Deps = { cases: caseDeps, store: ports.open311 };
  const open311KeyDeps = { store: ports.open311, now: ports.now };
  const visitPorts = ports.visits;
  const visitDeps = (): visits.VisitCommandDeps => {
    if (!visitPorts) throw new AppError('visit.unavailable', '走访功能未启用', 503);
    return { visits: visitPorts.store, sealer: visitPorts.sealer, categories: visitPorts.categories, ...(visitPorts.categorySource ? { retiredCategory: visitPorts.categorySource.retired } : {}), reference: ports.reference, cases: caseDeps, inbox: ports.inbox, accounts: ports.accountAdmin.store, now: ports.now };
  };
  // The list in force may have been published by another process: one cheap check before each use case (visit-category-store.ts).
  const freshVisitDeps = async (): Promise<visits.VisitCommandDeps> => {
    const deps = visitDeps();
    await visitPorts?.categorySource?.refresh();
    return deps;
  };
  const categoryAdminDeps = (): visits.VisitCategoryAdminDeps => {
    if (!visitPorts?.categorySource || !visitPorts.categoryVersions) throw new AppError('visit.unavailable', '走访功能未启用', 503);
    return { versions: visitPorts.categoryVersions, source: visitPorts.categorySource, visits: visitPorts.store, now: ports.now };
  };
  return {
    /** 入户走访: the register of key service populations, the worklist, visits, unmasking and the audit trail. */
    visits: {
      categories: async () => (await freshVisitDeps()).categories(),
      team: (actor: Actor) => visits.visitTeam(visitDeps(), actor),
      visibleCategories: async (actor: Actor) => visits.visibleCategories(await freshVisitDeps(), actor),
      register: async (actor: Actor, input: RegisterPerson) => visits.registerPerson(await freshVisitDeps(), actor, input),
      update: async (actor: Actor, id: string, input: UpdatePerson) => visits.updatePerson(await freshVisitDeps(), actor, id, input),
      list: async (actor: Actor, query: { limit: number; cursor?: string }) => visits.listRegister(await freshVisitDeps(), actor, query),
      worklist: async (actor: Actor, query: { limit: number; cursor?: string }) => visits.worklist(await freshVisitDeps(), actor, query),
      record: async (actor: Actor, id: string) => visits.personRecord(await freshVisitDeps(), actor, id),
      visit: async (actor: Actor, id: string, input: RecordVisit) => visits.recordVisit(await freshVisitDeps(), actor, id, input),
      unmask: async (actor: Actor, id: string, input: { field: SensitivePersonField | 'visits'; reason: string }) => visits.unmask(await freshVisitDeps(), actor, id, input),
      audit: async (actor: Actor, query: { limit: number; cursor?: string }) => visits.auditTrail(await freshVisitDeps(), actor, query),
      sign: async (actor: Actor, visitId: string, input: SignVisit) => visits.signVisit(await freshVisitDeps(), actor, visitId, input),
      summary: async (actor: Actor) => visits.registerSummary(await freshVisitDeps(), actor),
      archive: async (actor: Actor, id: string, input: ArchivePerson) => visits.archivePerson(await freshVisitDeps(), actor, id, input),
      restore: async (actor: Actor, id: string, input: RestorePerson) => visits.restorePerson(await freshVisitDeps(), actor, id, input),
      export: async (actor: Actor, id: string, input: { reason: string }) => visits.exportPerson(await freshVisitDeps(), actor, id, input),
      adminCategories: (actor: Actor) => visits.visitCategoryAdminView(categoryAdminDeps(), actor),
      publishCategories: (actor: Actor, config: VisitCategoryConfig) => visits.publishVisitCategories(categoryAdminDeps(), actor, config),
    },
    now: ports.now,
    open311: {
      issueKey: (actor: Actor, name: string) => open311.issueOpen311Key(open311KeyDeps, actor, name),
      listKeys: (actor: Actor) => open311.listOpen311Keys(open311KeyDeps, actor),
      revokeKey: (actor: Actor, id: string) => open311.revokeOpen311Key(open311KeyDeps, actor, id),
      verifyKey: (presented: string | undefined) => open311.verifyOpen311Key(open311KeyDeps, presented),
      file: (key: Open311Key, form: PostRequestForm) => open311.fileOpen311Request(open311Deps, key, form),
      find: (query: ListRequestsQuery) => open311.findOpen311Requests(open311Deps, query),
      updated: (query: { start_date?: Date; end_date?: Date }) => open311.findUpdatedCases(open311Deps, query),
      caseIdOfToken: (token: string) => open311.caseIdOfToken(open311Deps, token),
    },
    stats: {
      dashboard: (actor: Actor, query: DashboardQuery) => statsDashboard(statsDeps, actor, query),
      export: (actor: Actor, query: ExportQuery) => statsExport(statsDeps, actor, query),
      /** Read at most once a minute: the route is public. */
      public: publicStats(statsDeps),
    },
    polls: {
      list: (actor: Actor, query: ListPollsQuery) => polls.listPolls(pollDeps, actor, query),
      create: (actor: Actor, input: PollDraftInput) => polls.createPoll(pollDeps, actor, input),
      page: (actor: Actor | undefined, id: string) => polls.pollPage(pollDeps, actor, id),
      edit: (actor: Actor, id: string, version: number, input: PollDraftInput) => polls.editPoll(pollDeps, actor, id, version, input),
      open: (actor: Actor, id: string, version: number) => polls.openPoll(pollDeps, actor, id, version),
      close: (actor: Actor, id: string, version: number) => polls.closePoll(pollDeps, actor, id, version),
      cancel: (actor: Actor, id: string, version: number, reason: string) => polls.cancelPoll(pollDeps, actor, id, version, reason),
      vote: (actor: Actor, id: string, input: CastVote) => polls.castVote(pollDeps, actor, id, input),
      checkReceipt: (actor: Actor | undefined, id: string, receipt: string) => polls.checkReceipt(pollDeps, actor, id, receipt),
      results: (actor: Actor | undefined, id: string) => polls.pollResults(pollDeps, actor, id),
      voters: (actor: Actor, id: string, page: { cursor?: string; limit: number }) => polls.pollVoters(pollDeps, actor, id, page),
      decide: (actor: Actor, id: string, input: PollDecisionInput) => polls.recordDecision(pollDeps, actor, id, input),
      decisionToCase: (actor: Actor, id: string, input: Parameters<typeof polls.decisionToCase>[3]) => polls.decisionToCase(pollDeps, actor, id, input),
      comments: (actor: Actor | undefined, id: string, page: { cursor?: string; limit: number }) => polls.listComments(pollDeps, actor, id, page),
      addComment: (actor: Actor, id: string, text: string) => polls.addComment(pollDeps, actor, id, text),
      hideComment: (actor: Actor, id: string, commentId: string, reason: string) => polls.hideComment(pollDeps, actor, id, commentId, reason),
    },
    cases: {
      file: async (actor: Actor, input: FileCaseFields) => (await fileCaseCommand(caseDeps, actor, input)).record,
      /** Files once per (reporter, key): a retry with the same key and request answers the case filed first (`replayed`). */
      fileOnce: (actor: Actor, input: FileCaseFields, idempotencyKey: string) => fileCaseCommand(caseDeps, actor, input, idempotencyKey),
      act: (actor: Actor, id: string, type: CaseEventType, body: Record<string, unknown>, expectedVersion?: number) =>
        actOnCase(caseDeps, actor, id, type, body, expectedVersion),
      load: (id: string) => loadCase(caseDeps, id),
      eventsFor: (record: CaseRecord, actor: Actor | undefined) => eventsFor(caseDeps, record, actor),
      follow: (actor: Actor, id: string) => followCase(caseDeps, actor, id),
      /** Whether the signed-in resident follows the case, for the view the privacy policy gives followers. */
      isFollower: async (actor: Actor | undefined, id: string) => actor?.role === 'resident' && (await ports.cases.isFollower(id, actor.id)),
      /** The reporter and followers of a case, or undefined when there is no such case. */
      partiesOf: (id: string) => ports.followers.partiesOf(id),
      list: (actor: Actor | undefined, query: ListCasesQuery) => listCases(caseDeps, actor, query),
      nearby: (query: { subcategoryCode: string; lng: number; lat: number }) => nearbyCases(caseDeps, query),
      suggestAssignment: (record: CaseRecord) => suggestAssignment(caseDeps, record),
      runDueSystemEvents: (batch?: number, onFailure?: (caseId: string, error: unknown) => void) => runDueSystemEvents(caseDeps, batch, onFailure),
    },
    /** What the live channel asks beyond the case use cases: a staff inbox's scope, and whether a case is in it. */
    live: {
      /** The scope of `actor`'s inbox (the list `view=inbox` shows), or the refusal that list gives. */
      inboxScope: (actor: Actor) => listScope(actor, listCasesSchema.parse({ view: 'inbox' }), (gridCode) => ports.reference.grids.get(gridCode)?.streetCode),
      inScope: (scope: CaseListScope, record: CaseRecord) => scopeHolds(scope, record, ports.reference.communityOf(record.compoundCode)),
    },
    catalog: {
      latest: () => ports.reference.latestCatalog(ports.now().getTime()),
      version: (version: number) => ports.reference.catalog(version),
      publish: (actor: Actor, input: { basedOn: number; categories: Category[] }) => publishCatalog(catalogDeps, actor, input),
    },
    /** The district's places and units, read-only: what place lists and presenters look up. */
    places: ports.reference,
    photos: {
      upload: (actor: Actor, bytes: Buffer) => uploadPhoto(photoDeps, actor, bytes),
      forViewer: (actor: Actor | undefined, id: string, size: 'full' | 'thumb') => photoForViewer(photoDeps, actor, id, size),
    },
    accounts: {
      findByLoginKey: (loginKey: string) => ports.accounts.findByLoginKey(loginKey),
      findOrCreateWeChatResident: (input: { openid: string; displayName: string; unionid?: string }) => ports.accounts.findOrCreateWeChatResident(input),
      /** The openid behind a `wx.login()` code; undefined when WeChat sign-in is not configured. */
      exchangeWeChatCode: ports.wechat ? (code: string) => ports.wechat!.code2Session(code) : undefined,
    },
    /** Account administration, and the identity every request is checked against (same cache). */
    accountAdmin: ports.accountAdmin,
    jobs: {
      list: (actor: Actor, query: { status: JobStatus; limit: number; cursor?: string }) => listJobs({ jobs: ports.jobs, now: ports.now }, actor, query),
      retry: (actor: Actor, id: string) => retryJob({ jobs: ports.jobs, now: ports.now }, actor, id),
    },
    messages: {
      list: (actor: Actor, query: ListMessagesQuery) => listMessages(messageDeps, actor, query),
      countUnread: (actor: Actor) => countUnreadMessages(messageDeps, actor),
      markRead: (actor: Actor, id: string) => markMessageRead(messageDeps, actor, id),
      markAllRead: (actor: Actor) => markAllMessagesRead(messageDeps, actor),
    },
    subscriptions: {
      record: (actor: Actor, answer: RecordSubscriptions) => recordSubscriptions(subscriptionDeps, actor, answer),
      of: (actor: Actor) => subscriptionsOf(subscriptionDeps, actor),
    },
    memberships: {
      claim: (actor: Actor, input: ClaimMembership) => claimMembership(membershipDeps, actor, input),
      mine: (actor: Actor) => myMemberships(membershipDeps, actor),
      myGrids: (actor: Actor) => myGrids(membershipDeps, actor),
      leave: (actor: Actor, id: string) => leaveMembership(membershipDeps, actor, id),
      list: (actor: Actor, query: ListMembershipsQuery) => listMemberships(membershipDeps, actor, query),
      verify: (actor: Actor, id: string, revision: number) => decideMembership(membershipDeps, actor, id, revision, { status: 'verified' }),
      reject: (actor: Actor, id: string, reason: string, revision: number) => decideMembership(membershipDeps, actor, id, revision, { status: 'rejected', reason }),
      importRoster: (actor: Actor, bytes: Uint8Array) => importRoster(membershipDeps, actor, bytes),
    },
    health: {
      check: async () => ({ dbUp: await ports.health.pingDatabase(), engine: ports.health.engine }),
    },
    hotline: ports.hotline ? bindHotlineUseCases({ ...caseDeps, jobs: ports.jobs, ...ports.hotline }) : undefined,
  };
}

export type UseCases = ReturnType<typeof bindUseCases>;
