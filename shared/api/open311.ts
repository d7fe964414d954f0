import { z } from 'zod';
import { dateTime } from './common';

/** Issuing an Open311 API key: the name of the integration that will hold it. */
export const issueOpen311KeySchema = z.strictObject({
  name: z.string().trim().min(2, '名称至少2个字').max(60, '名称不超过60字').meta({ description: '使用该密钥的对接系统名称' }),
});
export type IssueOpen311Key = z.output<typeof issueOpen311KeySchema>;

export const open311KeyIdParamSchema = z.strictObject({ id: z.string().regex(/^[0-9a-f]{16}$/, '密钥编号格式不正确') });

/** An Open311 API key as administrators see it: never its secret. */
export const open311KeyViewSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  prefix: z.string().meta({ description: '密钥的开头部分，用以辨认对接方持有的是哪一把' }),
  createdBy: z.strictObject({ id: z.string(), name: z.string() }),
  createdAt: dateTime,
  revokedAt: dateTime.nullable(),
});
export type Open311KeyViewBody = z.output<typeof open311KeyViewSchema>;

/** The answer to issuing: the key itself, shown this once. */
export const issuedOpen311KeySchema = open311KeyViewSchema.extend({
  key: z.string().meta({ description: '完整密钥，只在此时显示一次；Open311 提交时作为 api_key 发送' }),
});

export const open311KeyListSchema = z.strictObject({ items: z.array(open311KeyViewSchema) });
