import { Schema } from 'mongoose';

/**
 * The WeChat access token of one app. WeChat keeps only the latest token or two valid, so every
 * server process reads and writes this one document instead of fetching tokens of its own.
 */
export const wechatTokenSchema = new Schema(
  {
    /** The mini-program's appId: one document per app. */
    appId: { type: String, required: true },
    accessToken: { type: String, required: true },
    /** When to stop using it: WeChat's expiry less wechat-api's safety margin. */
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false, timestamps: true },
);
wechatTokenSchema.index({ appId: 1 }, { unique: true });
