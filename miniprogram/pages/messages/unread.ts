import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { live } from '../../services/live';
import { currentAccount } from '../../services/session';

/** The 消息 tab's place in the tab bar (app.config.ts). */
export const MESSAGES_TAB_INDEX = 2;

/** "99+" past two digits: the badge has room for little. */
export function badgeText(unread: number): string {
  return unread > 99 ? '99+' : String(unread);
}

/** Shows the unread count on the 消息 tab; where the tab bar cannot (H5 without one, tests), nothing. */
export function showUnreadBadge(unread: number): void {
  const done = unread > 0 ? Taro.setTabBarBadge({ index: MESSAGES_TAB_INDEX, text: badgeText(unread) }) : Taro.removeTabBarBadge({ index: MESSAGES_TAB_INDEX });
  void Promise.resolve(done).catch(() => undefined);
}

/**
 * The signed-in person's unread count, live: the server sends it when watched and whenever new
 * messages land, and the tab badge follows. `id` names the watch (one per page). Undefined while
 * unknown or signed out.
 */
export function useUnreadCount(id: string): number | undefined {
  const [unread, setUnread] = useState<number>();
  const signedIn = currentAccount() !== undefined;
  useEffect(() => {
    if (!signedIn) return undefined;
    return live().watchMessages(id, (count) => {
      setUnread(count);
      showUnreadBadge(count);
    });
  }, [id, signedIn]);
  return signedIn ? unread : undefined;
}
