import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';

/**
 * Taro's H5 runtime reads build-time constants that its webpack plugin would define; in vitest
 * they are globals.
 */
const taroBuildConstants = {
  ENABLE_INNER_HTML: true,
  ENABLE_ADJACENT_HTML: true,
  ENABLE_SIZE_APIS: true,
  ENABLE_TEMPLATE_CONTENT: true,
  ENABLE_CLONE_NODE: true,
  ENABLE_CONTAINS: true,
  ENABLE_MUTATION_OBSERVER: true,
  DEPRECATED_ADAPTER_COMPONENT: false,
};
Object.assign(globalThis, taroBuildConstants);

// jsdom has no canvas; NutUI's animation dependency (lottie) draws on one as it loads.
HTMLCanvasElement.prototype.getContext = function getContext() {
  return new Proxy({}, { get: () => () => undefined, set: () => true });
} as unknown as typeof HTMLCanvasElement.prototype.getContext;

// Taro's H5 selector queries (NutUI measures tabs and text with them) look inside the element of
// the current page, which a router would have made; a test renders into the document body.
// Loaded after the build constants above are set: the runtime reads them as it loads.
const { Current } = await import('@tarojs/runtime');
const TEST_PAGE_ID = 'taro-test-page';
document.body.id = TEST_PAGE_ID;
Current.page = { path: TEST_PAGE_ID } as typeof Current.page;

afterEach(() => {
  cleanup();
  localStorage.clear();
});
