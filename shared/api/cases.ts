import { z } from 'zod';
import { priorityClasses, stageKeys } from '../catalog/types';
import { caseEventTypes } from '../cases/events';
import { caseStatuses } from '../cases/states';
import { unitTypes } from '../domain/places';
import { roles } from '../domain/roles';
import { viewerRelations } from '../policies/privacy';
import { dateTime, lngLatView, namedCode, pageOf, photoLinksSchema } from './common';

/** A unit named in a case; `type` is null for a code no longer in the reference data. */
const unitInCase = z.strictObject({ code: z.string(), name: z.string(), type: z.enum(unitTypes).nullable() });

/** A line of a list: enough to pick a case, nothing personal. */
export const caseSummarySchema = z.strictObject({
  id: z.string(),
  number: z.string().meta({ description: '案件编号，通知与热线中使用' }),
  status: z.enum(caseStatuses),
  statusLabel: z.string(),
  statusGroup: z.enum(['open', 'paused', 'closed']),
  priority: z.enum(priorityClasses),
  priorityLabel: z.string(),
  title: z.string(),
  category: namedCode,
  subcategory: namedCode,
  street: namedCode,
  grid: namedCode,
  compound: namedCode.nullable(),
  address: z.string().meta({ description: '非当事人看到的只到街镇与小区' }),
  leadUnit: unitInCase.nullable(),
  deadline: dateTime.nullable().meta({ description: '当前环节的截止时间' }),
  overdue: z.boolean(),
  caseDeadline: dateTime.nullable().meta({ description: '办结时限：自受理起算，退单、转派不重新计时' }),
  caseOverdue: z.boolean(),
  supervised: z.boolean(),
  followers: z.number().int().min(0),
  thumbnail: z.string().nullable(),
  filedAt: dateTime,
  updatedAt: dateTime,
  followed: z.boolean().optional().meta({ description: '仅“我的”列表（view=mine）：true 为我关注（我也遇到）的案件，false 为我上报的' }),
});
export type CaseSummary = z.output<typeof caseSummarySchema>;

export const caseListSchema = pageOf(caseSummarySchema);
export type CaseList = z.output<typeof caseListSchema>;

export const nearbyCasesResponseSchema = z.strictObject({
  radiusM: z.number().min(0).meta({ description: '查找半径（米），由问题小类决定' }),
  items: z.array(caseSummarySchema),
});
export type NearbyCasesResponse = z.output<typeof nearbyCasesResponseSchema>;

/** A clock with the time left when the view was made (negative once overdue). */
const clockView = z.strictObject({
  stage: z.enum([...stageKeys, 'case']),
  stageLabel: z.string(),
  basis: z.enum(['working', 'natural']),
  limitMs: z.number().min(0),
  remainingMs: z.number().meta({ description: '剩余时间（毫秒，按时限的计时方式），超时为负' }),
  deadline: dateTime.nullable(),
  warnAt: dateTime.nullable(),
  paused: z.boolean(),
  warned: z.boolean(),
  overdue: z.boolean(),
});

/** What every viewer of a case sees. */
const caseCommon = caseSummarySchema.extend({
  relation: z.enum(viewerRelations).meta({ description: '当前身份与案件的关系，决定可见字段' }),
  catalogVersion: z.number().int().positive(),
  closingStandard: z.string().optional(),
  source: z.enum(['resident_app', 'grid_patrol', 'hotline', 'open311', 'consultation']),
  origin: z.strictObject({ kind: z.literal('poll'), id: z.string(), title: z.string() }).nullable().meta({ description: '案件来自的议题（议事协商的决定）' }),
  tier: z.enum(['street', 'district']),
  assignment: z.strictObject({
    leadUnit: unitInCase.nullable(),
    cohandlers: z.array(unitInCase.nullable()),
    claimBy: dateTime.nullable(),
  }),
  clock: clockView.nullable().meta({ description: '当前环节的时限' }),
  caseClock: clockView.nullable().meta({ description: '办结时限（自受理起算）' }),
  publicSummary: z.string().nullable().meta({ description: '中心撰写或审核的公开摘要' }),
  publicPhotos: z.array(photoLinksSchema).meta({ description: '中心审核公开的照片' }),
  closedAt: dateTime.nullable(),
  reopenCount: z.number().int().min(0),
  urgeCount: z.number().int().min(0),
  mergedInto: z.string().nullable(),
  version: z.number().int().positive().meta({ description: '案件版本，操作时放入 If-Match' }),
});

const entryType = z.enum(['file', ...caseEventTypes]);

/** What every viewer sees of a timeline step; each view adds its own actor and detail. */
const timelineStep = {
  seq: z.number().int().positive(),
  type: entryType,
  label: z.string(),
  at: dateTime,
};

/** The public form: no reporter, no notes, the place coarsened to ~200 m. */
export const publicCaseViewSchema = caseCommon.extend({
  view: z.literal('public'),
  location: lngLatView.nullable(),
  resolution: z.strictObject({ note: z.string().nullable(), at: dateTime }).nullable(),
  timeline: z.array(
    z.strictObject({
      ...timelineStep,
      actor: z.strictObject({ roleLabel: z.string() }),
      note: z.string().optional().meta({ description: '经审核或已打码的说明' }),
    }),
  ),
  allowedEvents: z.array(z.never()).max(0),
});

const allowedEvent = z.strictObject({ type: z.enum(caseEventTypes), label: z.string() });

/** The case in full, for those taking part in it. */
export const fullCaseViewSchema = caseCommon.extend({
  view: z.literal('full'),
  description: z.string(),
  photos: z.array(photoLinksSchema),
  location: lngLatView.nullable(),
  buildingCode: z.string().nullable(),
  reporter: z.strictObject({
    name: z.string(),
    anonymous: z.boolean(),
    phone: z.string().nullable().meta({ description: '中心与主办单位看到全号，其他当事人看到打码的号码' }),
    isYou: z.boolean(),
  }),
  suspension: z
    .strictObject({ reason: z.string(), until: dateTime, previousStatus: z.enum(['accepted', 'dispatched', 'in_progress']), since: dateTime })
    .nullable(),
  resolution: z.strictObject({ note: z.string(), photos: z.array(photoLinksSchema), at: dateTime }).nullable(),
  rating: z
    .strictObject({ resolved: z.enum(['yes', 'partly', 'no']), satisfaction: z.number().int().min(1).max(5), comment: z.string().optional(), at: dateTime })
    .nullable(),
  unitHoldings: z
    .array(
      z.strictObject({
        unitCode: z.string(),
        unit: unitInCase.nullable(),
        from: dateTime,
        to: dateTime,
        heldMs: z.number().min(0),
        outcome: z.enum(['returned', 'reassigned', 'resolved']),
      }),
    )
    .meta({ description: '各单位持有本案的时间（退单、转派、回单时记录）' }),
  publicPreview: z
    .strictObject({
      shown: z.array(z.strictObject({ label: z.string(), value: z.string() })),
      hiddenFromPublic: z.array(z.string()),
      personalDataFound: z.array(z.string()),
      notice: z.string(),
    })
    .optional()
    .meta({ description: '仅上报人：公开视图将显示什么' }),
  timeline: z.array(
    z.strictObject({
      ...timelineStep,
      actor: z.strictObject({ name: z.string(), role: z.enum([...roles, 'system']), roleLabel: z.string() }),
      note: z.string().nullable(),
      photos: z.array(photoLinksSchema),
      data: z.record(z.string(), z.unknown()),
    }),
  ),
  allowedEvents: z.array(allowedEvent).meta({ description: '当前身份现在可做的操作' }),
});

/** A case for one viewer: `view` says which form. */
export const caseViewSchema = z.discriminatedUnion('view', [publicCaseViewSchema, fullCaseViewSchema]);
export type CaseView = z.output<typeof caseViewSchema>;

/** What the service list suggests to whoever may dispatch: the lead unit and cohandlers. */
export const suggestedAssignmentSchema = z.strictObject({
  leadUnitType: z.enum(unitTypes),
  leadUnit: unitInCase.extend({ type: z.enum(unitTypes) }).nullable(),
  cohandlers: z.array(unitInCase.extend({ type: z.enum(unitTypes) })),
});
export type SuggestedAssignment = z.output<typeof suggestedAssignmentSchema>;

/** `GET /api/v1/cases/{id}`: the view, plus the suggested assignment for those who may dispatch. */
export const caseDetailSchema = z.discriminatedUnion('view', [
  publicCaseViewSchema,
  fullCaseViewSchema.extend({ suggestedAssignment: suggestedAssignmentSchema.nullable().optional().meta({ description: '可派单的身份才有：按清单建议的主办与协办单位' }) }),
]);
export type CaseDetail = z.output<typeof caseDetailSchema>;
