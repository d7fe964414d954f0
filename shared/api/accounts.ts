import { z } from 'zod';
import { roles } from '../domain/roles';
import { codeSchema } from '../schemas/common';
import { codesMark } from '../schemas/cases';
import { scopeSchema } from './auth';
import { dateTime, pageOf } from './common';

/** How an account signs in: staff with a username and password, residents with WeChat. */
export const loginKinds = ['password', 'wechat'] as const;
export type LoginKind = (typeof loginKinds)[number];

/**
 * A staff role and the one place it answers for. Only the code that names the place is sent; the
 * server derives the rest (a grid's street, a committee's compounds) from reference data, so an
 * account can never hold a grid of one street and the street code of another.
 */
export const roleAssignmentSchema = z.discriminatedUnion(
  'role',
  [
    z.strictObject({ role: z.literal('grid_member'), gridCode: codeSchema('网格编码').meta({ [codesMark]: 'grid' }) }),
    z.strictObject({ role: z.literal('grid_leader'), gridCode: codeSchema('网格编码').meta({ [codesMark]: 'grid' }) }),
    z.strictObject({ role: z.literal('community'), unitCode: codeSchema('居委会编码').meta({ [codesMark]: 'community_unit' }) }),
    z.strictObject({ role: z.literal('property_manager'), unitCode: codeSchema('物业单位编码').meta({ [codesMark]: 'property_unit' }) }),
    z.strictObject({ role: z.literal('department'), unitCode: codeSchema('部门编码').meta({ [codesMark]: 'department_unit' }) }),
    z.strictObject({ role: z.literal('street_dispatcher'), streetCode: codeSchema('街镇编码').meta({ [codesMark]: 'street' }) }),
    z.strictObject({ role: z.literal('district_dispatcher') }),
    z.strictObject({ role: z.literal('admin') }),
  ],
  { error: '请选择有效的角色' },
);
export type RoleAssignment = z.infer<typeof roleAssignmentSchema>;
/** Roles an administrator can give: residents sign up through WeChat and are never appointed. */
export type StaffRole = RoleAssignment['role'];
export const staffRoles = ['grid_member', 'grid_leader', 'community', 'property_manager', 'department', 'street_dispatcher', 'district_dispatcher', 'admin'] as const satisfies readonly StaffRole[];

const usernameSchema = z
  .string('请输入用户名')
  .trim()
  .min(3, '用户名至少3个字符')
  .max(32, '用户名最多32个字符')
  .regex(/^[a-z0-9][a-z0-9._-]*$/, '用户名只能包含小写字母、数字和 . _ -');
const displayNameSchema = z.string('请输入姓名或名称').trim().min(1, '请输入姓名或名称').max(64, '姓名或名称过长');
/** Length is what makes a password strong; the cap keeps scrypt's input bounded. */
const passwordSchema = z.string('请输入密码').min(10, '密码至少10个字符').max(128, '密码最多128个字符');

/** `POST /api/v1/accounts`: a staff account with its first password. */
export const createAccountSchema = z.strictObject({
  username: usernameSchema,
  displayName: displayNameSchema,
  password: passwordSchema,
  assignment: roleAssignmentSchema,
});
export type CreateAccount = z.infer<typeof createAccountSchema>;

/** `PUT /api/v1/accounts/:id/assignment`: a new role and place. */
export const changeAssignmentSchema = z.strictObject({ assignment: roleAssignmentSchema });
export type ChangeAssignment = z.infer<typeof changeAssignmentSchema>;

/** `POST /api/v1/accounts/:id/disable`: the reason is kept in the audit trail. */
export const disableAccountSchema = z.strictObject({
  reason: z.string('请填写停用原因').trim().min(1, '请填写停用原因').max(200, '停用原因最多200字'),
});

/** `POST /api/v1/accounts/:id/password`: a new password set by an administrator. */
export const resetPasswordSchema = z.strictObject({ password: passwordSchema });

/** The `:id` of an account route. */
export const accountIdParamSchema = z.strictObject({ id: z.string().regex(/^[0-9a-f]{24}$/, '账号编号格式不正确') });

/** `GET /api/v1/accounts`: one page, optionally of one role and/or one street. */
export const listAccountsQuerySchema = z.strictObject({
  role: z.enum(roles, '角色无效').optional(),
  streetCode: codeSchema('街镇编码').optional(),
  cursor: z.string().max(200, '翻页标记无效').regex(/^[A-Za-z0-9_-]+$/, '翻页标记无效').optional(),
  limit: z.coerce.number('每页条数须为数字').int('每页条数须为整数').min(1, '每页至少1条').max(50, '每页最多50条').default(20),
});
export type ListAccountsQuery = z.infer<typeof listAccountsQuerySchema>;

export const accountAuditActions = ['created', 'assignment_changed', 'disabled', 'enabled', 'password_reset'] as const;
export type AccountAuditAction = (typeof accountAuditActions)[number];

/** One change to an account: who made it, when, and the role/place before and after. */
export const accountAuditEntrySchema = z.strictObject({
  action: z.enum(accountAuditActions),
  at: dateTime,
  byId: z.string(),
  byName: z.string(),
  from: z.string().optional().meta({ description: '变更前的角色与辖区：role 或 role@辖区编码' }),
  to: z.string().optional().meta({ description: '变更后的角色与辖区' }),
  reason: z.string().optional(),
});
export type AccountAuditEntry = z.output<typeof accountAuditEntrySchema>;

/** An account as administrators see it: never a password or its hash. */
export const accountViewSchema = z.strictObject({
  id: z.string(),
  kind: z.enum(loginKinds).meta({ description: '登录方式：password 工作人员账号密码，wechat 居民微信' }),
  username: z.string().optional(),
  displayName: z.string(),
  role: z.enum(roles),
  roleLabel: z.string(),
  scope: scopeSchema,
  disabled: z.boolean(),
  createdAt: dateTime,
  updatedAt: dateTime,
  audit: z.array(accountAuditEntrySchema).optional().meta({ description: '变更记录，旧的在前；仅单个账号的回答带有' }),
});
export type AccountAdminView = z.output<typeof accountViewSchema>;

/** `GET /api/v1/accounts`. */
export const accountPageSchema = pageOf(accountViewSchema);
