import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

/**
 * Where the app finds the API. H5 is served by the API server itself, so it asks its own origin;
 * the mini-program has no origin and needs a full address (the local server while developing).
 * A `TARO_APP_API_BASE` in the environment or in a `.env*` file overrides the default.
 */
/**
 * The app runs shared/ code too (the filing schema's checks and messages, the privacy preview):
 * Taro compiles only its source root unless told, and would hand shared/'s TypeScript to webpack raw.
 */
const sharedSource = [path.resolve(__dirname, '..', 'shared')];

function apiBase(platform: string | undefined): string {
  const configured = process.env.TARO_APP_API_BASE;
  if (configured !== undefined) return configured;
  return platform === 'h5' ? '' : 'http://127.0.0.1:3000';
}

// https://docs.taro.zone/docs/config
export default defineConfig<'webpack5'>(async (merge) => {
  const platform = process.env.TARO_ENV;

  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'gongzhi-baohe',
    // NutUI is drawn on a 375-wide design, our pages on 750.
    designWidth(input) {
      const file = typeof input === 'object' && input !== null && 'file' in input ? String((input as { file?: unknown }).file) : '';
      return file.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750;
    },
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'miniprogram',
    // Tests build into a folder of their own.
    outputRoot: process.env.TARO_OUTPUT_ROOT ?? `dist/${platform}`,
    plugins: [],
    // Becomes `process.env.TARO_APP_API_BASE` in the client code (values are JSON-encoded).
    env: {
      TARO_APP_API_BASE: JSON.stringify(apiBase(platform)),
    },
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: {
      type: 'webpack5',
      prebundle: { enable: false },
    },
    cache: { enable: false },
    mini: {
      compile: { include: sharedSource },
      // Component styles are scoped by class, so the order their files are joined in does not
      // matter; NutUI's per-component CSS otherwise fills the build log with order warnings.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      compile: { include: sharedSource },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      devServer: {
        host: '127.0.0.1',
        // The watch build serves the pages itself; the API stays on the local server.
        proxy: { '/api': 'http://127.0.0.1:3000' },
      },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain(chain) {
        // React and Taro's runtime alone are ~300 KiB: warn only when the app itself grows large.
        chain.performance.maxEntrypointSize(512 * 1024).maxAssetSize(512 * 1024);
      },
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
