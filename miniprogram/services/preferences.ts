import Taro from '@tarojs/taro';

/** What a person chose for this device: kept in Taro storage, read by every page as it shows. */
export interface Preferences {
  /** 长辈模式: larger text, higher contrast, a simpler home page. */
  elder: boolean;
}

const PREFERENCES_STORAGE_KEY = 'gongzhi.preferences';
const defaults: Preferences = { elder: false };

export function readPreferences(): Preferences {
  try {
    const stored: unknown = Taro.getStorageSync(PREFERENCES_STORAGE_KEY);
    if (typeof stored !== 'object' || stored === null) return defaults;
    return { elder: (stored as Partial<Preferences>).elder === true };
  } catch {
    return defaults;
  }
}

export function savePreferences(preferences: Preferences): void {
  Taro.setStorageSync(PREFERENCES_STORAGE_KEY, preferences);
}
