import { addDuration } from '../../time/calendar';
import { capClock, recapClock, startClock } from '../../time/sla';
import { cappedCaseClock, pausedCaseClock, resumedCaseClock } from './clocks';
import { endHolding, holdingPatch } from './holdings';
import { cohandlersIfAny, dropUndefined, invalidEvent, iso, leadUnitIfAny, tierAudience, type Steps } from './step';

/** The work and its checking: progress, resolve (回单), send back, verify, close, reopen, a hotline's 延期 (extend), rate. */
export const workSteps: Steps<'progress' | 'resolve' | 'send_back' | 'verify' | 'close' | 'reopen' | 'extend' | 'rate'> = {
  progress: (_record, event) => ({ patch: {}, note: event.note, photos: event.photos, notify: ['reporter', 'followers'] }),

  resolve: (record, event, ctx) => {
    const { subcategory, now, calendar } = ctx;
    if (subcategory.photoRequiredToClose && event.photos.length === 0) {
      return { code: 'case.photos_required', message: `「${subcategory.name}」回单须上传处置后照片` };
    }
    const held = holdingPatch(record, endHolding(record, 'resolved', now, calendar));
    return {
      patch: { resolution: { note: event.note, photos: event.photos, at: now }, clock: startClock('verify', subcategory.stages.verify.limit, now, calendar), ...held.patch },
      note: event.note,
      photos: event.photos,
      data: held.data,
      notify: ['reporter', 'followers', tierAudience(record)],
    };
  },

  // The redone work is a new run of the handle stage, with a full limit; the overrun of the first
  // run, if any, stays on the timeline, and the case clock keeps counting.
  send_back: (_record, event, ctx) => ({
    patch: { resolution: undefined, clock: startClock('handle', ctx.subcategory.stages.handle.limit, ctx.now, ctx.calendar) },
    note: event.reason,
    notify: ['lead_unit'],
  }),

  verify: (record, event) => ({ patch: {}, note: event.note, notify: [tierAudience(record)] }),

  close: (record, event, ctx) => ({
    patch: { clock: null, closedAt: ctx.now, ...pausedCaseClock(record, ctx.now, ctx.calendar) },
    note: event.note,
    notify: ['reporter', 'followers', 'lead_unit'],
  }),

  reopen: (record, event, ctx) => {
    const { now, subcategory, calendar } = ctx;
    const { leadUnitCode } = record.assignment;
    if (!leadUnitCode) throw new Error(`invariant: closed case ${record.id} has no lead unit`);
    // A resident's reopening runs on the catalog's limit; a hotline's 发回重办 brings the centre's date.
    if (event.deadline && ctx.actor.role !== 'system') return invalidEvent({ deadline: '只有热线接口可以指定重办时限' });
    if (event.deadline && event.deadline.getTime() <= now.getTime()) return invalidEvent({ deadline: '重办时限须晚于当前时间' });
    const fresh = startClock('handle', subcategory.stages.handle.limit, now, calendar);
    // The centre's date holds the handling to it when earlier; it never loosens the catalog's limit.
    const clock = event.deadline ? capClock(fresh, event.deadline, calendar) : fresh;
    return {
      patch: {
        reopenCount: record.reopenCount + 1,
        closedAt: undefined,
        resolution: undefined,
        // A rating judges one closing; the reopened case will be rated again when it closes.
        rating: undefined,
        assignment: { ...record.assignment, claimBy: addDuration(now, subcategory.stages.claim.limit, calendar) },
        clock,
        ...(event.deadline ? { externalDeadline: event.deadline } : {}),
        // The case deadline was not met if the problem came back: it counts on from where it stopped,
        // and a hotline's 发回重办 date holds it too when earlier.
        ...cappedCaseClock(resumedCaseClock(record, now, calendar), event.deadline, calendar),
      },
      note: event.reason,
      data: { leadUnitCode, deadline: iso(clock.deadline) },
      notify: ['lead_unit', ...cohandlersIfAny(record), tierAudience(record)],
    };
  },

  // The centre's later date replaces the one the clocks were held to; our own limits still hold.
  extend: (record, event, ctx) => {
    const { now, calendar } = ctx;
    if (event.deadline.getTime() <= now.getTime()) return invalidEvent({ deadline: '延期时限须晚于当前时间' });
    if (record.externalDeadline && event.deadline.getTime() <= record.externalDeadline.getTime()) return invalidEvent({ deadline: '延期时限须晚于原时限' });
    const clock = record.clock ? recapClock(record.clock, event.deadline, calendar) : record.clock;
    const caseClock = record.caseClock ? recapClock(record.caseClock, event.deadline, calendar) : record.caseClock;
    return {
      patch: { externalDeadline: event.deadline, ...(clock ? { clock } : {}), ...(caseClock ? { caseClock } : {}) },
      note: event.reason,
      data: { deadline: iso(event.deadline), stageDeadline: iso(clock?.deadline ?? null), caseDeadline: iso(caseClock?.deadline ?? null) },
      notify: [...leadUnitIfAny(record), tierAudience(record)],
    };
  },

  rate: (record, event, ctx) => ({
    patch: { rating: dropUndefined({ resolved: event.resolved, satisfaction: event.satisfaction, comment: event.comment, at: ctx.now }) },
    note: event.comment,
    data: { resolved: event.resolved, satisfaction: event.satisfaction },
    notify: [...leadUnitIfAny(record), tierAudience(record)],
  }),
};
