import type { JobHandler } from './types';

/**
 * Stage clocks started and stopped. The case document already holds the clock, and live viewers
 * hear of the step through its `publish` effect; the statistics issue will count stage durations
 * per unit here. Until then these jobs are recorded as done and do nothing.
 */
export const clockStartedHandler: JobHandler<'clock.started'> = async () => {};
export const clockStoppedHandler: JobHandler<'clock.stopped'> = async () => {};
