import type { UserConfigExport } from '@tarojs/cli';

/** Release builds: Taro minifies by default. */
export default {
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>;
