import { useEffect } from 'react';
import * as h5 from '@tarojs/taro-h5';

/**
 * `@tarojs/taro` as component tests see it: Taro's real H5 implementation of every API (storage,
 * request, interceptors, …). In a build, Taro's babel plugin turns `Taro.x` into imports from
 * `@tarojs/taro-h5` and its React plugin supplies the page hooks; here the API is one object and the
 * hooks behave as a page shown once: `useDidShow` and `useLoad` run as an effect, the gesture
 * hooks keep their callback for a test to call (`firePageEvent`).
 */
const pageEvents = new Map<string, () => unknown>();

/** Calls what a page registered for a page event (`pullDownRefresh`, `reachBottom`). */
export function firePageEvent(name: 'pullDownRefresh' | 'reachBottom'): unknown {
  return pageEvents.get(name)?.();
}

let routerParams: Record<string, string> = {};
/** The query the page under test was opened with (`useRouter().params`). */
export function setRouterParams(params: Record<string, string>): void {
  routerParams = params;
}

export const useDidShow = (run: () => void) => useEffect(run, []);
export const useLoad = (run: (params: Record<string, string>) => void) => useEffect(() => run(routerParams), []);
export const useDidHide = (run: () => void) => useEffect(() => run, []);
export const useUnload = useDidHide;
export const usePullDownRefresh = (run: () => unknown) => void pageEvents.set('pullDownRefresh', run);
export const useReachBottom = (run: () => unknown) => void pageEvents.set('reachBottom', run);
export const useRouter = () => ({ params: routerParams, path: '' });
export const useReady = useDidShow;
export const useShareAppMessage = () => undefined;

const Taro = { ...(h5.default as object), ...h5, useDidShow, useLoad, useDidHide, useUnload, usePullDownRefresh, useReachBottom, useRouter, useReady, useShareAppMessage };
export * from '@tarojs/taro-h5';
export default Taro;
