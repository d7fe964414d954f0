import { z } from 'zod';

export const passwordLoginSchema = z.strictObject({
  username: z.string().trim().min(1, '请输入用户名').max(64, '用户名过长'),
  password: z.string().min(1, '请输入密码').max(128, '密码过长'),
});
export type PasswordLogin = z.infer<typeof passwordLoginSchema>;

/** Development only: sign in as a seeded demo account without its password. */
export const devLoginSchema = z.strictObject({
  username: z.string().trim().min(1, '请输入用户名').max(64, '用户名过长'),
});

/** Mini-program login: the `code` from `wx.login()`, exchanged server-side for the openid. */
export const wechatLoginSchema = z.strictObject({
  code: z.string().trim().min(1, '缺少登录凭证').max(128, '登录凭证过长'),
  displayName: z.string().trim().min(1).max(32).optional(),
});
