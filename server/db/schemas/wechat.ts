import { Schema } from 'mongoose';

/**
 * An account's consent for one subscribe template (`wechat_consents`). One-time templates count
 * consents (`remaining`); long-term ones are on or off (`active`). `spentKeys` holds the keys of
 * messages a one-time consent was spent on and that are not settled yet: the spend and the key are
 * one update, so a re-run of the same message finds its key and does not spend again; the key is
 * dropped ($pullAll) once the message is settled, so the array holds only messages in flight.
 */
export const wechatConsentSchema = new Schema(
  {
    accountId: { type: String, required: true },
    templateId: { type: String, required: true },
    kind: { type: String, enum: ['one_time', 'long_term'], required: true },
    remaining: { type: Number, required: true, default: 0 },
    active: { type: Boolean, required: true, default: false },
    spentKeys: { type: [String], default: [] },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
wechatConsentSchema.index({ accountId: 1, templateId: 1 }, { unique: true });

const deliveryAttemptSchema = new Schema(
  {
    at: { type: Date, required: true },
    outcome: { type: String, enum: ['sent', 'refused', 'failed', 'retry', 'uncertain', 'inbox_only'], required: true },
    errcode: { type: Number },
    detail: { type: String },
  },
  { _id: false },
);

/**
 * One WeChat message to one account (`wechat_deliveries`), `_id` = its key (`wechat:<effect
 * key>:<account>`): the channel, the status and every attempt. Written `sending` before WeChat is
 * called, so a re-run after a crash knows a call may have happened (see the WeChat handler).
 */
export const wechatDeliverySchema = new Schema(
  {
    _id: { type: String, required: true },
    accountId: { type: String, required: true },
    caseId: { type: String, required: true },
    template: { type: String, required: true },
    channel: { type: String, enum: ['service', 'subscribe', 'inbox'], required: true },
    templateId: { type: String },
    openid: { type: String },
    oneTime: { type: Boolean },
    status: { type: String, enum: ['sending', 'retrying', 'sent', 'refused', 'failed', 'uncertain', 'inbox_only'], required: true },
    /** Bounded by the runner's attempts per job (and an admin's retries). */
    attempts: { type: [deliveryAttemptSchema], default: [] },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

/**
 * Followers of the district's service account (服务号), linked to accounts by unionid: just enough
 * to send them template messages. Filled through `WeChatDirectory.recordServiceFollower`.
 */
export const wechatServiceFollowerSchema = new Schema(
  {
    unionid: { type: String, required: true },
    /** The follower's openid under the service account (not the mini-program's). */
    openid: { type: String, required: true },
    following: { type: Boolean, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
wechatServiceFollowerSchema.index({ unionid: 1 }, { unique: true });
