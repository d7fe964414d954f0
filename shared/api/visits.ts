import { z } from 'zod';
import { sensitivePersonFields } from '../policies/visits';
import { lngLatSchema } from '../schemas/cases';
import { riskLevels, visitMethods } from '../visits/types';
import { dateTime, pageOf } from './common';

const risk = z.enum(riskLevels, '风险等级须为 red、yellow 或 blue');
const code = (what: string) => z.string(`请填写${what}`).trim().min(1, `请填写${what}`).max(60, `${what}过长`);
const instant = z.iso.datetime({ offset: true, error: '时间格式应为 ISO 8601' }).transform((text) => new Date(text));

/** 新增重点服务人员: the place comes from the compound (its grid, street and committee), who the person is is sealed. */
export const registerPersonSchema = z.strictObject({
  categoryCode: code('人群类别'),
  risk,
  compoundCode: code('小区'),
  name: z.string('请填写姓名').trim().min(1, '请填写姓名').max(40, '姓名过长'),
  idNumber: z.string('请填写身份证号').trim().regex(/^\d{17}[\dXx]$/, '身份证号应为18位'),
  phone: z.string().trim().regex(/^[\d-]{7,20}$/, '电话号码格式不正确').optional(),
  address: z.string('请填写住址').trim().min(1, '请填写住址').max(120, '住址过长'),
  notes: z.string().trim().max(500, '备注不超过500字').optional(),
});
export type RegisterPerson = z.output<typeof registerPersonSchema>;

/** 调整风险等级、登记重大变化（出院、监护人变化…）或更正联系方式: guarded by the version read. */
export const updatePersonSchema = z.strictObject({
  version: z.number('请提供版本号').int().min(1),
  risk: risk.optional(),
  majorChangeAt: instant.optional(),
  phone: z.string().trim().regex(/^[\d-]{7,20}$/, '电话号码格式不正确').optional(),
  address: z.string().trim().min(1).max(120, '住址过长').optional(),
  notes: z.string().trim().max(500, '备注不超过500字').optional(),
});
export type UpdatePerson = z.output<typeof updatePersonSchema>;

/** Why a person left the category (the register keeps the code only: a free text could name a diagnosis or a crime). */
export const archiveReasons = ['moved_away', 'deceased', 'no_longer_eligible', 'other'] as const;
export type ArchiveReason = (typeof archiveReasons)[number];
export const archiveReasonLabels: Record<ArchiveReason, string> = { moved_away: '迁出本社区', deceased: '死亡', no_longer_eligible: '不再属于该类人群', other: '其他' };

/** 归档: a person who left the category leaves the worklist and the reminders; guarded by the version read. */
export const archivePersonSchema = z.strictObject({
  version: z.number('请提供版本号').int().min(1),
  reason: z.enum(archiveReasons, '归档原因须为 moved_away、deceased、no_longer_eligible 或 other'),
  leftAt: instant,
});
export type ArchivePerson = z.output<typeof archivePersonSchema>;

/** Why an archived person comes back: coded, like the archiving. */
export const restoreReasons = ['archived_by_mistake', 'returned', 'eligible_again', 'other'] as const;
export type RestoreReason = (typeof restoreReasons)[number];
export const restoreReasonLabels: Record<RestoreReason, string> = { archived_by_mistake: '误归档', returned: '迁回本社区', eligible_again: '重新符合条件', other: '其他' };

/** 恢复: an archived person back on the register and the worklist (the committee, before the purge); guarded by the version read. */
export const restorePersonSchema = z.strictObject({
  version: z.number('请提供版本号').int().min(1),
  reason: z.enum(restoreReasons, '恢复原因须为 archived_by_mistake、returned、eligible_again 或 other'),
});
export type RestorePerson = z.output<typeof restorePersonSchema>;

/** 个人信息查阅复制（PIPL Art. 45）: the committee, for the person's own request, says why. */
export const exportPersonSchema = z.strictObject({
  reason: z.string('请说明导出原因').trim().min(4, '导出原因至少4个字').max(200, '导出原因不超过200字'),
});

export const personIdParamSchema = z.strictObject({ id: z.string().regex(/^vp_[A-Za-z0-9_-]{8,40}$/, '人员编号无效') });

/** A case filed from the visit (the broken handrail): at the person's compound, never at their address. */
export const visitCaseSchema = z.strictObject({
  subcategoryCode: z.string('请选择问题小类').regex(/^\d{2}\.\d{2}$/, '问题小类编号应为 CC.SS'),
  title: z.string().trim().min(1).max(60, '标题不超过60字').optional(),
  description: z.string('请描述问题').trim().min(5, '问题描述至少5个字').max(1000, '问题描述不超过1000字'),
  /** Photos uploaded by the visitor, only when the problem needs one (a subcategory may require it). */
  photos: z.array(z.string().min(1).max(60)).max(6, '最多6张照片').default([]),
});

/** 走访记录: sent once from the app's draft (`draftId` generated offline); a resend answers the visit stored first. */
export const recordVisitSchema = z.strictObject({
  draftId: z.string('请提供草稿编号').regex(/^[A-Za-z0-9_-]{8,64}$/, '草稿编号应为8–64位字母、数字、-或_'),
  visitedAt: instant,
  method: z.enum(visitMethods, '走访方式须为 in_person、phone 或 video'),
  met: z.boolean('请说明是否见到本人'),
  /** The second team member, if two went (an account id of the same grid). */
  companionId: z.string('同行人员编号无效').min(1, '请选择同行人员').max(60, '同行人员编号无效').optional(),
  answers: z.record(z.string().max(40), z.union([z.string().max(500), z.number(), z.boolean()])).default({}),
  findings: z.string().trim().max(1000, '走访情况不超过1000字').optional(),
  /** One point at the door, never a track. */
  point: lngLatSchema.optional(),
  nextRisk: risk,
  case: visitCaseSchema.optional(),
  /** Tell the category's owning department (民政, 残联, 卫健…) of the street that this visit needs it. */
  notifyDepartment: z.boolean('notifyDepartment 须为 true 或 false').default(false),
});
export type RecordVisit = z.output<typeof recordVisitSchema>;

export const unmaskSchema = z.strictObject({
  field: z.enum([...sensitivePersonFields, 'visits'], '字段须为 name、idNumber、phone、address、notes 或 visits'),
  reason: z.string('请说明查看原因').trim().min(4, '查看原因至少4个字').max(200, '查看原因不超过200字'),
});

export const worklistQuerySchema = z.strictObject({
  limit: z.coerce.number('每页条数须为数字').int().min(1, '每页至少1条').max(100, '每页最多100条').default(20),
  cursor: z.string().min(1).max(300).regex(/^[A-Za-z0-9_-]+$/, '翻页标记无效').optional(),
});

const scheduleView = z.strictObject({
  dueAt: dateTime,
  warnAt: dateTime,
  reason: z.enum(['routine', 'major_change', 'yearly_minimum']),
  state: z.enum(['scheduled', 'due_soon', 'overdue']),
  latenessHours: z.number(),
  escalatedTo: z.array(z.enum(['grid_leader', 'community'])),
});

/** A person as lists and the record show them: sensitive fields masked unless this answer is an unmask. */
export const personViewSchema = z.strictObject({
  id: z.string(),
  version: z.number(),
  category: z.strictObject({ code: z.string(), name: z.string() }),
  risk,
  compoundCode: z.string(),
  /** The compound (小区) only: the person's address stays sealed. */
  compoundName: z.string(),
  gridCode: z.string(),
  communityUnitCode: z.string(),
  name: z.string().meta({ description: '已脱敏的姓名（张*明）' }),
  idNumber: z.string(),
  phone: z.string().nullable(),
  address: z.string(),
  hasNotes: z.boolean(),
  status: z.enum(['active', 'archived']),
  archived: z.strictObject({ reason: z.enum(archiveReasons), leftAt: dateTime, at: dateTime }).nullable(),
  lastVisitAt: dateTime.nullable(),
  schedule: scheduleView,
});

export const visitViewSchema = z.strictObject({
  id: z.string(),
  personId: z.string(),
  visitedAt: dateTime,
  method: z.enum(visitMethods),
  met: z.boolean(),
  visitorIds: z.array(z.string()),
  riskBefore: risk,
  nextRisk: risk,
  caseId: z.string().nullable(),
  signOff: z
    .strictObject({
      required: z.array(z.string()),
      signed: z.array(z.strictObject({ unitType: z.string(), unitCode: z.string(), at: dateTime })),
      complete: z.boolean(),
    })
    .nullable(),
  /** Only in an unmask of `visits`; otherwise null. */
  answers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).nullable(),
  findings: z.string().nullable(),
  point: z.strictObject({ lng: z.number(), lat: z.number() }).nullable(),
});

export const personRecordSchema = z.strictObject({ person: personViewSchema, visits: z.array(visitViewSchema) });
export const personPageSchema = pageOf(personViewSchema);
export const recordVisitResultSchema = z.strictObject({
  visit: visitViewSchema,
  replayed: z.boolean(),
  case: z.strictObject({ id: z.string(), number: z.string() }).nullable(),
  /** The departments told (notifyDepartment); empty when none was asked for or none serves the street. */
  notified: z.array(z.strictObject({ unitCode: z.string(), name: z.string() })),
});
export const unmaskResultSchema = z.strictObject({ field: z.string(), value: z.union([z.string(), z.array(visitViewSchema)]).nullable() });
export const auditEntryViewSchema = z.strictObject({
  id: z.string(),
  at: dateTime,
  actor: z.strictObject({ id: z.string(), name: z.string(), role: z.string() }),
  action: z.enum(['list', 'read', 'unmask', 'register', 'update', 'visit', 'sign', 'archive', 'restore', 'export', 'purge']),
  personId: z.string(),
  field: z.string().nullable(),
  reason: z.string().nullable(),
});
export const auditPageSchema = pageOf(auditEntryViewSchema);

/** A department's signature on a visit that found danger (卫健、派出所…): an optional note of what it will do, kept in the audit trail. */
export const signVisitSchema = z.strictObject({
  note: z.string().trim().min(2, '说明至少2个字').max(500, '说明不超过500字').optional(),
});
export type SignVisit = z.output<typeof signVisitSchema>;
export const visitIdParamSchema = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '走访记录编号格式不正确') });
/** The export for a person's own access request: everything held, in clear. */
export const personExportSchema = z.strictObject({
  exportedAt: dateTime,
  person: z.strictObject({
    id: z.string(),
    category: z.strictObject({ code: z.string(), name: z.string() }),
    risk,
    status: z.enum(['active', 'archived']),
    archived: z.strictObject({ reason: z.enum(archiveReasons), leftAt: dateTime, at: dateTime }).nullable(),
    streetCode: z.string(),
    communityUnitCode: z.string(),
    gridCode: z.string(),
    compoundCode: z.string(),
    registeredAt: dateTime,
    majorChangeAt: dateTime.nullable(),
    lastVisitAt: dateTime.nullable(),
    name: z.string(),
    idNumber: z.string(),
    phone: z.string().nullable(),
    address: z.string(),
    notes: z.string().nullable(),
  }),
  visits: z.array(visitViewSchema),
});

const smallHidden = z.number().int().nullable();
/** The register's figures by category; null is shown as "<5" (a smaller group is never counted out). */
export const visitSummarySchema = z.strictObject({
  threshold: z.number().int(),
  categories: z.array(
    z.strictObject({
      category: z.strictObject({ code: z.string(), name: z.string() }),
      people: smallHidden,
      byRisk: z.strictObject({ red: smallHidden, yellow: smallHidden, blue: smallHidden }),
      dueSoon: smallHidden,
      overdue: smallHidden,
    }),
  ),
});

const questionView = z.strictObject({
  key: z.string(),
  label: z.string(),
  kind: z.enum(['text', 'boolean', 'integer', 'choice']),
  required: z.boolean(),
  min: z.number().int().optional(),
  max: z.number().int().optional(),
  options: z.array(z.string()).optional(),
  sensitive: z.boolean(),
});
/** The categories an account works with, as the app's visit form needs them. */
export const visitCategoriesSchema = z.strictObject({
  version: z.number().int(),
  categories: z.array(
    z.strictObject({
      code: z.string(),
      name: z.string(),
      ownerUnitType: z.string(),
      handledBy: z.array(z.string()),
      majorChangeWithinHours: z.number().nullable(),
      minVisitsPerYear: z.number().int().nullable(),
      signOffOnDanger: z.array(z.string()),
      questions: z.array(questionView),
    }),
  ),
});
export type VisitCategoriesView = z.output<typeof visitCategoriesSchema>;

/** The colleagues a grid member may name as the visit's second member. */
export const visitTeamSchema = z.strictObject({
  items: z.array(z.strictObject({ id: z.string(), displayName: z.string(), roleLabel: z.string() })),
});
export type VisitTeamView = z.output<typeof visitTeamSchema>;

/** The administrator's view of the category lists: the one in force and the published versions. */
export const visitCategoryAdminSchema = z.strictObject({
  current: z.strictObject({ version: z.number().int(), effectiveFrom: z.string(), categories: z.array(z.record(z.string(), z.unknown())) }),
  history: z.array(z.strictObject({ version: z.number().int(), effectiveFrom: z.string(), publishedAt: dateTime, publishedBy: z.string(), categoryCount: z.number().int() })),
});
export type VisitCategoryAdminView = z.output<typeof visitCategoryAdminSchema>;
