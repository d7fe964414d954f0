import Taro from '@tarojs/taro';
import { tabPages, type Navigation } from './redirect';

/** Opens a page of the app the way its kind needs: a tab page is switched to, any other pushed. */
export function openPage(url: string): void {
  const path = url.split('?')[0];
  if ((tabPages as readonly string[]).includes(path)) void Taro.switchTab({ url: path });
  else void Taro.navigateTo({ url });
}

export function go(navigation: Navigation): void {
  if (navigation.how === 'switchTab') void Taro.switchTab({ url: navigation.url });
  else if (navigation.how === 'redirectTo') void Taro.redirectTo({ url: navigation.url });
  else void Taro.reLaunch({ url: navigation.url });
}
