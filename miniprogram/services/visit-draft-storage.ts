import Taro from '@tarojs/taro';

/**
 * Where an account's unsent visit drafts live on the phone (visits/draft-store.ts keeps them). Here,
 * in the main package, so that 我的 can say before signing out that some are still waiting.
 */
export const visitDraftsKey = (accountId: string) => `gongzhi.visitDrafts.${accountId}`;

/** How many visit drafts of this account wait on the phone (being written or not yet sent). */
export function unsentVisitDraftCount(accountId: string): number {
  try {
    const stored: unknown = Taro.getStorageSync(visitDraftsKey(accountId));
    return Array.isArray(stored) ? stored.length : 0;
  } catch {
    return 0;
  }
}
