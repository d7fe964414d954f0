import { z } from 'zod';
import { MAX_PHOTOS, caseEventSchemas, type CaseEventType } from '../cases/events';
import { caseStatuses } from '../cases/states';
import { codeSchema, latQuerySchema, latSchema, lngQuerySchema, lngSchema } from './common';

export const lngLatSchema = z.strictObject({ lng: lngSchema, lat: latSchema });
const code = codeSchema;

/**
 * Marks a code that must exist in the reference data (`x-codes`: its kind); the API document lists
 * the codes that exist when it is built, so a request it allows never names an unknown one.
 */
export const codesMark = 'x-codes';
const subcategoryCodeSchema = (message: string) => z.string().regex(/^\d{2}\.\d{2}$/, message).meta({ [codesMark]: 'subcategory' });

/** Filing a case (居民上报 / 网格员巡查上报). Either a map point or a compound must locate it. */
export const fileCaseSchema = z
  .strictObject({
    subcategoryCode: subcategoryCodeSchema('请选择问题小类'),
    title: z.string().trim().min(2, '标题至少2个字').max(60, '标题不超过60字').optional(),
    description: z.string().trim().min(5, '请至少用5个字描述问题').max(2000, '描述不超过2000字'),
    location: lngLatSchema.optional(),
    address: z.string().trim().min(2, '地址至少2个字').max(200, '地址不超过200字').optional(),
    compoundCode: code('小区编号').meta({ [codesMark]: 'compound' }).optional(),
    buildingCode: code('楼栋编号').optional(),
    photos: z.array(code('照片编号')).max(MAX_PHOTOS, `照片最多${MAX_PHOTOS}张`).default([]),
    anonymous: z.boolean('匿名须为是或否').default(false),
    contactPhone: z
      .string()
      .regex(/^1[3-9]\d{9}$/, '请填写11位手机号码')
      .optional(),
  })
  .refine((input) => input.location || input.compoundCode, { message: '请在地图上选点或选择小区', path: ['location'] })
  .refine((input) => !input.buildingCode || input.compoundCode, { message: '选择楼栋前请先选择小区', path: ['buildingCode'] })
  // The two refinements in JSON Schema's words, for the API document.
  .meta({ anyOf: [{ required: ['location'] }, { required: ['compoundCode'] }], dependentRequired: { buildingCode: ['compoundCode'] } });
export type FileCaseRequest = z.input<typeof fileCaseSchema>;
/** A filing after validation: trimmed, defaults filled. */
export type FileCaseFields = z.output<typeof fileCaseSchema>;

export const caseViews = ['mine', 'inbox', 'cohandling', 'street', 'grid', 'community', 'district', 'public'] as const;
export type CaseView = (typeof caseViews)[number];

export const caseViewLabels: Record<CaseView, string> = {
  mine: '我的诉求',
  inbox: '待办',
  cohandling: '协办',
  street: '街镇案件',
  grid: '网格案件',
  community: '社区案件',
  district: '全区案件',
  public: '公开案件',
};

export const caseListFilterKeys = ['status', 'group', 'categoryCode', 'subcategoryCode', 'overdue', 'supervised'] as const;

/**
 * Listing cases. Besides the view (whose scope comes from the signed-in account) one filter at a
 * time: every combination is served by an index (scope, facet, filedAt), so lists cost the same
 * however many cases the district has.
 */
export const listCasesSchema = z
  .strictObject({
    view: z.enum(caseViews, '列表类型无效'),
    streetCode: code('街镇编号').optional(),
    gridCode: code('网格编号').optional(),
    status: z.enum(caseStatuses, '状态无效').optional(),
    group: z.enum(['open', 'paused', 'closed'], '状态分组无效').optional(),
    categoryCode: z.string().regex(/^\d{2}$/, '大类编号格式不正确').meta({ [codesMark]: 'category' }).optional(),
    subcategoryCode: subcategoryCodeSchema('小类编号格式不正确').optional(),
    overdue: z.enum(['true'], 'overdue 只能为 true').optional(),
    supervised: z.enum(['true'], 'supervised 只能为 true').optional(),
    cursor: z.string().max(200, '翻页标记无效').regex(/^[A-Za-z0-9_-]+$/, '翻页标记无效').optional(),
    limit: z.coerce.number('每页条数须为数字').int('每页条数须为整数').min(1, '每页至少1条').max(50, '每页最多50条').default(20),
  })
  .refine((query) => caseListFilterKeys.filter((key) => query[key] !== undefined).length <= 1, {
    message: '一次只能使用一个筛选条件',
    path: ['status'],
  });
export type ListCasesQuery = z.output<typeof listCasesSchema>;

/** Open cases near a point, offered before filing so residents can follow one instead ("我也遇到"). */
export const nearbyCasesSchema = z.strictObject({
  subcategoryCode: subcategoryCodeSchema('请选择问题小类'),
  lng: lngQuerySchema,
  lat: latQuerySchema,
});

export const caseIdParamSchema = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{8,40}$/, '案件编号格式不正确') });

/**
 * The body of `POST /cases/:id/events/:type`: the event's schema without `type` (it is in the
 * path), strict so that unknown keys are refused rather than silently dropped.
 */
export const caseEventBodySchemas = Object.fromEntries(
  Object.entries(caseEventSchemas).map(([type, schema]) => [type, z.strictObject(schema.shape).omit({ type: true })]),
) as unknown as Record<CaseEventType, z.ZodType<Record<string, unknown>>>;
