import type { Connection } from 'mongoose';
import { accountSchema } from './schemas/account';
import { caseSchema, counterSchema } from './schemas/case';
import { catalogVersionSchema } from './schemas/catalog';
import { compoundSchema, gridSchema, streetSchema, unitSchema, communitySchema } from './schemas/places';
import { photoSchema } from './schemas/photo';
import { wechatTokenSchema } from './schemas/wechat-token';
import { jobSchema } from './schemas/job';
import { inboxMessageSchema } from './schemas/inbox-message';
import { pollBallotSchema, pollCommentSchema, pollParticipationSchema, pollSchema } from './schemas/poll';
import { accountMembershipsSchema, rosterSchema } from './schemas/membership';
import { statsEventSchema, statsFoldedSchema, statsFoldSchema } from './schemas/stats';
import { open311FilingSchema, open311KeySchema } from './schemas/open311';
import { visitAuditSchema, visitCategoryVersionSchema, visitPersonSchema, visitRecordSchema } from './schemas/visits';
import { wechatConsentSchema, wechatDeliverySchema, wechatServiceFollowerSchema } from './schemas/wechat';

/** Registers every model on a connection; the one list the index sync walks. */
export function registerModels(connection: Connection) {
  return {
    Street: connection.model('Street', streetSchema, 'streets'),
    Grid: connection.model('Grid', gridSchema, 'grids'),
    Compound: connection.model('Compound', compoundSchema, 'compounds'),
    Unit: connection.model('Unit', unitSchema, 'units'),
    Community: connection.model('Community', communitySchema, 'communities'),
    Account: connection.model('Account', accountSchema, 'accounts'),
    CatalogVersion: connection.model('CatalogVersion', catalogVersionSchema, 'catalog_versions'),
    Photo: connection.model('Photo', photoSchema, 'photos'),
    WeChatToken: connection.model('WeChatToken', wechatTokenSchema, 'wechat_tokens'),
    Case: connection.model('Case', caseSchema, 'cases'),
    Counter: connection.model('Counter', counterSchema, 'counters'),
    Job: connection.model('Job', jobSchema, 'jobs'),
    InboxMessage: connection.model('InboxMessage', inboxMessageSchema, 'inbox_messages'),
    WeChatConsent: connection.model('WeChatConsent', wechatConsentSchema, 'wechat_consents'),
    WeChatDelivery: connection.model('WeChatDelivery', wechatDeliverySchema, 'wechat_deliveries'),
    WeChatServiceFollower: connection.model('WeChatServiceFollower', wechatServiceFollowerSchema, 'wechat_service_followers'),
    Poll: connection.model('Poll', pollSchema, 'polls'),
    PollParticipation: connection.model('PollParticipation', pollParticipationSchema, 'poll_participations'),
    PollBallot: connection.model('PollBallot', pollBallotSchema, 'poll_ballots'),
    PollComment: connection.model('PollComment', pollCommentSchema, 'poll_comments'),
    AccountMemberships: connection.model('AccountMemberships', accountMembershipsSchema, 'account_memberships'),
    Roster: connection.model('Roster', rosterSchema, 'rosters'),
    StatsEvent: connection.model('StatsEvent', statsEventSchema, 'stats_events'),
    StatsFold: connection.model('StatsFold', statsFoldSchema, 'stats_fold'),
    StatsFolded: connection.model('StatsFolded', statsFoldedSchema, 'stats_folded'),
    Open311Key: connection.model('Open311Key', open311KeySchema, 'open311_keys'),
    Open311Filing: connection.model('Open311Filing', open311FilingSchema, 'open311_filings'),
    VisitPerson: connection.model('VisitPerson', visitPersonSchema, 'visit_people'),
    VisitRecord: connection.model('VisitRecord', visitRecordSchema, 'visit_records'),
    VisitAudit: connection.model('VisitAudit', visitAuditSchema, 'visit_audit'),
    VisitCategoryVersion: connection.model('VisitCategoryVersion', visitCategoryVersionSchema, 'visit_category_versions'),
  };
}

export type Models = ReturnType<typeof registerModels>;
