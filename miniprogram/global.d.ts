/// <reference types="@tarojs/taro" />

declare module '*.png' {
  const src: string;
  export default src;
}
declare module '*.jpg' {
  const src: string;
  export default src;
}
declare module '*.jpeg' {
  const src: string;
  export default src;
}
declare module '*.gif' {
  const src: string;
  export default src;
}
declare module '*.svg' {
  const src: string;
  export default src;
}
declare module '*.css';
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    /** The platform Taro builds for; set by `taro build --type`. */
    TARO_ENV?: 'weapp' | 'h5';
    /**
     * Base address of the API, replaced at build time (see config/index.ts): '' asks the page's
     * own origin (H5), the mini-program needs a full address.
     */
    TARO_APP_API_BASE?: string;
    /** The mini-program's AppID, read by Taro into dist/weapp/project.config.json. */
    TARO_APP_ID?: string;
  }
}
