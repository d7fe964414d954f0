import { capClock, startClock } from '../../time/sla';
import type { CaseError, CaseRecord } from '../types';
import { pausedCaseClock } from './clocks';
import { casePhotoIds, invalidEvent, type Steps, type TransitionContext } from './step';

/** Photos offered to the public must be the case's own: never an upload from elsewhere. */
function publicPhotosProblem(record: CaseRecord, photos: string[], field: string): CaseError | null {
  const own = casePhotoIds(record);
  const index = photos.findIndex((id) => !own.has(id));
  return index === -1 ? null : invalidEvent({ [`${field}.${index}`]: '只能公开本案件的照片' });
}

const startCaseClock = (record: CaseRecord, ctx: TransitionContext) => {
  const clock = startClock('case', ctx.subcategory.caseLimit, ctx.now, ctx.calendar);
  return record.externalDeadline ? capClock(clock, record.externalDeadline, ctx.calendar) : clock;
};

/** The street centre's window (一口受理): accept, reject, merge a duplicate; and what the public reads. */
export const intakeSteps: Steps<'accept' | 'reject' | 'merge' | 'publish_summary'> = {
  accept: (record, event, ctx) => {
    if (event.publicPhotos?.length && !event.publicSummary) return invalidEvent({ publicSummary: '公开照片时须同时填写公开摘要' });
    const photoProblem = publicPhotosProblem(record, event.publicPhotos ?? [], 'publicPhotos');
    if (photoProblem) return photoProblem;
    const caseClock = startCaseClock(record, ctx);
    return {
      patch: {
        clock: startClock('dispatch', ctx.subcategory.stages.dispatch.limit, ctx.now, ctx.calendar),
        // The case-level deadline (办结时限) runs from acceptance and is never restarted.
        caseClock,
        ...(event.publicSummary ? { publicSummary: event.publicSummary, publicPhotoIds: event.publicPhotos ?? [] } : {}),
      },
      note: event.note,
      data: { caseDeadline: caseClock.deadline?.toISOString() ?? null, ...(event.publicSummary ? { published: true } : {}) },
      notify: ['reporter'],
    };
  },

  reject: (record, event, ctx) => ({ patch: { clock: null, closedAt: ctx.now, ...pausedCaseClock(record, ctx.now, ctx.calendar) }, note: event.reason, notify: ['reporter'] }),

  merge: (record, event, ctx) => {
    if (event.intoCaseId === record.id) return invalidEvent({ intoCaseId: '不能合并到本案件自身' });
    return {
      patch: { clock: null, closedAt: ctx.now, mergedInto: event.intoCaseId, ...pausedCaseClock(record, ctx.now, ctx.calendar) },
      data: { intoCaseId: event.intoCaseId },
      notify: ['reporter'],
      effects: [{ type: 'case.merged', caseId: record.id, intoCaseId: event.intoCaseId }],
    };
  },

  // The summary is kept as written; masking of personal data happens on every display beyond the parties.
  publish_summary: (record, event) => {
    const photoProblem = publicPhotosProblem(record, event.photos, 'photos');
    if (photoProblem) return photoProblem;
    return {
      patch: { publicSummary: event.summary, publicPhotoIds: event.photos },
      note: event.summary,
      data: { photoCount: event.photos.length },
      notify: ['reporter'],
    };
  },
};
