import type { Database } from '../db/connection';

export interface StoredToken {
  accessToken: string;
  expiresAt: Date;
}

/** Where the access token lives between calls and between processes. */
export interface WeChatTokenStore {
  load(appId: string): Promise<StoredToken | undefined>;
  save(appId: string, token: StoredToken): Promise<void>;
  /**
   * Forgets the token only if it is still `accessToken`: a process that saw it rejected must not
   * throw away a newer token another process has already fetched and stored.
   */
  clear(appId: string, accessToken: string): Promise<void>;
}

/** The token in `wechat_tokens`, one document per appId, shared by every server process. */
export function databaseTokenStore(database: Database): WeChatTokenStore {
  const tokens = database.models.WeChatToken;
  return {
    async load(appId) {
      const doc = await tokens.findOne({ appId }).lean();
      return doc ? { accessToken: doc.accessToken, expiresAt: doc.expiresAt } : undefined;
    },
    async save(appId, token) {
      const update = { $set: { accessToken: token.accessToken, expiresAt: token.expiresAt } };
      try {
        await tokens.updateOne({ appId }, update, { upsert: true });
      } catch (error) {
        // Two processes inserting the first token at once: the loser's upsert hits the unique
        // index; the document exists now, so an ordinary update lands.
        if ((error as { code?: number }).code !== 11000) throw error;
        await tokens.updateOne({ appId }, update);
      }
    },
    async clear(appId, accessToken) {
      await tokens.deleteOne({ appId, accessToken });
    },
  };
}
