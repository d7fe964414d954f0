import { caseMergedHandler } from './case-merged';
import { clockStartedHandler, clockStoppedHandler } from './clock';
import { notifyHandler } from './notify';
import { publishHandler } from './publish';
import type { HandlerRegistry } from './types';

export type { HandlerDeps, HandlerRegistry, JobHandler } from './types';

/** The handler of each effect kind. */
export const effectHandlers: HandlerRegistry = {
  notify: notifyHandler,
  publish: publishHandler,
  'clock.started': clockStartedHandler,
  'clock.stopped': clockStoppedHandler,
  'case.merged': caseMergedHandler,
};
