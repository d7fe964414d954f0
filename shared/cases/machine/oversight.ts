import { MAX_SUSPENSION_DAYS, MAX_SUSPENSION_MS } from '../rules';
import type { SuspendableStatus } from '../types';
import { capClock, pauseClock, resumeClock } from '../../time/sla';
import { cappedCaseClock, clockData, mark, pausedCaseClock, resumedCaseClock } from './clocks';
import { invalidEvent, leadUnitIfAny, ownerAudience, tierAudience, type Steps } from './step';

/** Suspension (挂起) stops both clocks; resuming restarts them from the budget they had left. */
export const pauseSteps: Steps<'suspend' | 'resume'> = {
  suspend: (record, event, ctx) => {
    const { now, calendar } = ctx;
    const ahead = event.until.getTime() - now.getTime();
    if (ahead <= 0 || ahead > MAX_SUSPENSION_MS) {
      return invalidEvent({ until: `挂起截止时间须晚于当前时间，且不超过${MAX_SUSPENSION_DAYS}天` });
    }
    return {
      patch: {
        suspension: {
          reason: event.reason,
          until: event.until,
          // The rules table lets only these statuses be suspended.
          previousStatus: record.status as SuspendableStatus,
          since: now,
        },
        clock: record.clock && pauseClock(record.clock, now, calendar),
        ...pausedCaseClock(record, now, calendar),
      },
      note: event.reason,
      data: { until: event.until.toISOString() },
      notify: ['reporter', ...leadUnitIfAny(record)],
    };
  },

  // An outside deadline (a hotline centre's) did not stop while we were suspended: both clocks are held to it again.
  resume: (record, event, ctx) => {
    const { now, calendar } = ctx;
    const cap = record.externalDeadline;
    const clock = record.clock && resumeClock(record.clock, now, calendar);
    return {
      patch: {
        suspension: undefined,
        clock: clock && cap ? capClock(clock, cap, calendar) : clock,
        ...cappedCaseClock(resumedCaseClock(record, now, calendar), cap, calendar),
      },
      note: event.note,
      notify: ['reporter', ...leadUnitIfAny(record)],
    };
  },
};

/**
 * Supervision: people urge and supervise; the clocks warn, declare overdue and escalate, the
 * stage clock for the stage's owner and the case clock (办结时限) for the case as a whole.
 */
export const oversightSteps: Steps<'urge' | 'supervise' | 'warn' | 'overdue' | 'auto_escalate' | 'case_warn' | 'case_overdue' | 'case_escalate'> = {
  urge: (record, event) => ({ patch: { urgeCount: record.urgeCount + 1 }, note: event.note, notify: [ownerAudience(record)] }),

  supervise: (record, event) => ({ patch: { supervised: true }, note: event.note, notify: [ownerAudience(record), 'street'] }),

  warn: (record) => ({ patch: { clock: mark(record.clock, 'warn') }, data: clockData(record.clock), notify: [ownerAudience(record)] }),

  // An overrun is an automatic 催办 of the stage's owner, counted with the manual ones.
  overdue: (record) => ({
    patch: { clock: mark(record.clock, 'overdue'), urgeCount: record.urgeCount + 1 },
    data: clockData(record.clock),
    notify: [ownerAudience(record), tierAudience(record)],
  }),

  auto_escalate: (record) => ({
    patch: { clock: mark(record.clock, 'escalate'), tier: 'district', supervised: true },
    data: clockData(record.clock),
    notify: ['district', ownerAudience(record)],
  }),

  case_warn: (record) => ({
    patch: { caseClock: mark(record.caseClock, 'warn') },
    data: clockData(record.caseClock),
    notify: [ownerAudience(record), tierAudience(record)],
  }),

  case_overdue: (record) => ({
    patch: { caseClock: mark(record.caseClock, 'overdue'), urgeCount: record.urgeCount + 1 },
    data: clockData(record.caseClock),
    notify: [ownerAudience(record), tierAudience(record)],
  }),

  // A case that has outrun its whole deadline by half again goes to the district, however fresh its stage clock.
  case_escalate: (record) => ({
    patch: { caseClock: mark(record.caseClock, 'escalate'), tier: 'district', supervised: true },
    data: clockData(record.caseClock),
    notify: ['district', ownerAudience(record)],
  }),
};
