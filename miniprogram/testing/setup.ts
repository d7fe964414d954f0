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

afterEach(() => {
  cleanup();
  localStorage.clear();
});
