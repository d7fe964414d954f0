import { z } from 'zod';
import { codeSchema } from '../schemas/common';
import { dateTime, namedCode, pageOf } from './common';

/**
 * Residents' homes (住户身份): a resident claims a room, the community (居委会) or the grid
 * decides, and a verified membership is what lets a resident see their compound's polls and their
 * grid's team. A household (户) is the residents of one room: its id is the room's address.
 */

export const membershipRelations = ['owner', 'tenant', 'family'] as const;
export type MembershipRelation = (typeof membershipRelations)[number];
export const membershipRelationLabels: Record<MembershipRelation, string> = { owner: '业主', tenant: '租户', family: '家属' };

/** `ended`: the resident moved out (or withdrew the claim); it no longer counts anywhere. */
export const membershipStatuses = ['pending', 'verified', 'rejected', 'ended'] as const;
export type MembershipStatus = (typeof membershipStatuses)[number];
export const membershipStatusLabels: Record<MembershipStatus, string> = { pending: '待审核', verified: '已认证', rejected: '未通过', ended: '已迁出' };

const roomPart = (label: string, max: number) =>
  z
    .string(`${label}不能为空`)
    .trim()
    .min(1, `${label}不能为空`)
    .max(max, `${label}过长`)
    .regex(/^[0-9A-Za-z-]+$/, `${label}只能是数字、字母或短横线`);

/** The id of a room's household: `<compound>:<building>:<unit>:<room>`. */
export function householdIdOf(home: { compoundCode: string; buildingCode: string; unit: string; room: string }): string {
  return `${home.compoundCode}:${home.buildingCode}:${home.unit}:${home.room}`;
}

/** `POST /api/v1/memberships`: a resident claims a home. */
export const claimMembershipSchema = z.strictObject({
  compoundCode: codeSchema('小区'),
  buildingCode: codeSchema('楼栋'),
  unit: roomPart('单元', 8),
  room: roomPart('房号', 12),
  relation: z.enum(membershipRelations, '关系须为业主、租户或家属'),
  /** Given, they let a roster entry of the same room verify the claim at once (name and phone both match). */
  name: z.string().trim().min(1, '姓名不能为空').max(30, '姓名过长').optional(),
  phone: z
    .string()
    .trim()
    .regex(/^1[3-9]\d{9}$/, '手机号须为11位大陆手机号')
    .optional(),
});
export type ClaimMembership = z.output<typeof claimMembershipSchema>;

/** The `:id` of a membership route. */
export const membershipIdParamSchema = z.strictObject({ id: z.string().regex(/^[0-9a-f]{24}$/, '身份编号格式不正确') });

/** The membership's `revision` as the deciding staff member saw it: a decision made meanwhile answers 409. */
const expectedRevision = z.number('请提供身份记录的版本号').int('版本号须为整数').min(0, '版本号不能为负');

/** `POST /api/v1/memberships/:id/verify`. */
export const verifyMembershipSchema = z.strictObject({ revision: expectedRevision });

export const rejectMembershipSchema = z.strictObject({
  reason: z.string('请填写不通过的原因').trim().min(2, '请填写不通过的原因').max(200, '原因最多200字'),
  revision: expectedRevision,
});

/** `GET /api/v1/memberships`: the roster of the staff member's scope. */
export const listMembershipsQuerySchema = z.strictObject({
  status: z.enum(membershipStatuses, '状态不正确').optional(),
  compoundCode: codeSchema('小区').optional(),
  limit: z.coerce.number('每页条数须为数字').int('每页条数须为整数').min(1, '每页至少1条').max(100, '每页最多100条').default(20),
  cursor: z.string().min(1, '翻页标记无效').max(200, '翻页标记无效').regex(/^[A-Za-z0-9_-]+$/, '翻页标记无效').optional(),
});
export type ListMembershipsQuery = z.output<typeof listMembershipsQuerySchema>;

/** A membership as its own resident sees it, and as staff of its scope see it (with the resident's name and phone). */
export const membershipViewSchema = z.strictObject({
  id: z.string(),
  compound: namedCode,
  building: namedCode,
  unit: z.string(),
  room: z.string(),
  householdId: z.string(),
  grid: namedCode,
  relation: z.enum(membershipRelations),
  status: z.enum(membershipStatuses),
  /** Why it was rejected or ended. */
  reason: z.string().nullable(),
  /** `roster` when the community's roster verified it, `staff` when someone decided, `resident` when the resident left or withdrew. */
  decidedBy: z.enum(['roster', 'staff', 'resident']).nullable(),
  decidedAt: dateTime.nullable(),
  createdAt: dateTime,
  /** Staff views only: the resident (name as claimed, or the account's). */
  resident: z.strictObject({ accountId: z.string(), name: z.string(), phone: z.string().nullable() }).optional(),
  /** Moves on at each decision: the guard of the next one. */
  revision: z.number().int(),
});
export type MembershipView = z.output<typeof membershipViewSchema>;

export const membershipPageSchema = pageOf(membershipViewSchema);
export const myMembershipsSchema = z.strictObject({ items: z.array(membershipViewSchema) });

/** `POST /api/v1/memberships/roster` (text/csv body): what an import did. */
export const rosterImportResultSchema = z.strictObject({
  encoding: z.enum(['utf-8', 'gb18030']),
  rows: z.number().int(),
  households: z.number().int(),
  /** Pending claims the roster verified at once (same room, name and phone). */
  verifiedClaims: z.number().int(),
  importedAt: dateTime,
});
export type RosterImportResult = z.output<typeof rosterImportResultSchema>;

/** A refused roster: `details.rejected` lists each bad row with its reasons; nothing was imported. */
export const rosterRejectedRowSchema = z.strictObject({ line: z.number().int(), reasons: z.array(z.string()) });

/**
 * `GET /api/v1/memberships/my-grids`: the 1+2+N team of each grid where the resident has a verified
 * home, with the team's phone numbers in full (a verified resident may call their own grid's team).
 */
export const myGridsSchema = z.strictObject({
  items: z.array(
    z.strictObject({
      grid: namedCode,
      street: namedCode,
      compounds: z.array(namedCode),
      team: z.strictObject({
        leader: z.strictObject({ name: z.string(), phone: z.string() }),
        members: z.array(z.strictObject({ name: z.string(), phone: z.string() })),
        volunteers: z.array(z.strictObject({ name: z.string() })),
      }),
    }),
  ),
});
export type MyGrids = z.output<typeof myGridsSchema>;
