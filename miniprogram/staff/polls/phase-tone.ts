import type { PollPhaseName } from '../../../shared/api/polls';

/** The tag colour of each phase: running green, waiting amber, ended blue, cancelled red. */
export const phaseTone: Record<PollPhaseName, 'default' | 'primary' | 'info' | 'warning' | 'danger'> = {
  draft: 'default',
  scheduled: 'warning',
  voting: 'primary',
  ended: 'info',
  cancelled: 'danger',
};
