import type { Middleware } from 'koa';

/** A message the local fake WeChat server accepted (server/wechat/fake-server.ts `messages`). */
export interface DevWeChatMessage {
  kind: 'subscribe' | 'template';
  body: Record<string, unknown>;
  at: Date;
}

const escape = (text: unknown) =>
  String(text ?? '').replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

const beijing = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

/** The page: newest first, each message's template, recipient and fields as WeChat would show them. */
export function devWeChatHtml(messages: readonly DevWeChatMessage[]): string {
  // The latest 200: the fake keeps every message of the process's life.
  const rows = messages
    .slice(-200)
    .reverse()
    .map(({ kind, body, at }) => {
      const data = (body.data ?? {}) as Record<string, { value?: unknown }>;
      const fields = Object.entries(data)
        .map(([key, field]) => `<div><span class="key">${escape(key)}</span> ${escape(field?.value)}</div>`)
        .join('');
      const opens = kind === 'subscribe' ? body.page : (body.miniprogram as { pagepath?: string } | undefined)?.pagepath;
      return `<tr><td>${escape(beijing(at))}</td><td>${kind === 'subscribe' ? '小程序订阅消息' : '服务号模板消息'}</td><td>${escape(body.touser)}</td><td>${escape(body.template_id)}</td><td>${fields}</td><td>${escape(opens)}${body.client_msg_id ? `<div class="key">去重编号 ${escape(body.client_msg_id)}</div>` : ''}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="refresh" content="3"><title>模拟微信：已发送的消息</title>
<style>body{font:14px/1.5 system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:6px 8px;vertical-align:top;text-align:left}th{background:#f5f5f5}.key{color:#888;font-size:12px}</style></head>
<body><h1>模拟微信：已发送的消息（${messages.length} 条）</h1>
<p>本页只在开发环境出现：未配置微信接口时，服务端使用本地模拟的微信服务器，这里列出它收到的订阅消息和服务号模板消息，最新的在上，每 3 秒刷新。
用演示账号上报一个案件、受理、派单，几秒内就能看到消息：演示账号已带有模拟的微信身份和订阅授权（每位居民每个一次性模板 20 次）。授权用完或未授权的账号，消息只进站内消息；授权由小程序提交到 POST /api/v1/wechat/subscriptions。</p>
<table><thead><tr><th>时间（北京）</th><th>类型</th><th>接收人 openid</th><th>模板</th><th>内容</th><th>打开页面</th></tr></thead>
<tbody>${rows || '<tr><td colspan="6">还没有消息</td></tr>'}</tbody></table></body></html>`;
}

/** `GET /dev/wechat`: what the local fake WeChat delivered. Mounted only outside production, with the fake running. */
export function devWeChatPage(messages: () => readonly DevWeChatMessage[]): Middleware {
  return async (ctx, next) => {
    if (ctx.path !== '/dev/wechat' || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = devWeChatHtml(messages());
  };
}
