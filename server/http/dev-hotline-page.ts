import type { Middleware } from 'koa';

/** What the development page drives: the fake centre's push of a hand-written order, and what the centre received from us. */
export interface DevHotline {
  /** Pushes an order built from the form's fields; answers our webhook's status and body. */
  send(fields: Record<string, unknown>): Promise<{ status: number; answer: unknown }>;
  /** The calls we made to the fake centre (签收, 退回, 延期, 答复, pulls), newest last. */
  calls(): readonly { channel: string; method: string; path: string; action?: unknown; status: number; at: Date }[];
}

const escape = (text: unknown) =>
  String(text ?? '').replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

const beijing = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

/** The page: a form that sends a work order through the fake centre's webhook, and the centre's log of our calls. */
export function devHotlineHtml(calls: DevHotline['calls']): string {
  const rows = calls()
    .slice(-100)
    .reverse()
    .map((call) => `<tr><td>${escape(beijing(call.at))}</td><td>${escape(call.channel)}</td><td>${escape(call.method)} ${escape(call.path)}</td><td>${escape(call.action ? JSON.stringify(call.action) : '')}</td><td>${escape(call.status)}</td></tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>模拟热线中心</title>
<style>body{font:14px/1.5 system-ui,sans-serif;margin:2em;color:#222}label{display:block;margin:.4em 0}input,select,textarea{font:inherit}textarea{width:30em;height:5em}table{border-collapse:collapse;width:100%;margin-top:1em}td,th{border:1px solid #ddd;padding:6px 8px;text-align:left}th{background:#f5f5f5}pre{background:#f7f7f7;padding:1em}</style></head>
<body><h1>模拟热线中心（12345 / 12319）</h1>
<p>本页只在开发环境出现：未配置热线接口时，服务端启动本地模拟的热线中心。在此手工填写一张工单，模拟中心按签名推送到本服务的 webhook，立案后签收等回传调用列在下方。</p>
<form id="order">
<label>渠道 <select name="channel"><option>12345</option><option>12319</option></select></label>
<label>工单编号 <input name="number" placeholder="留空自动生成"></label>
<label>分类编码 <input name="categoryCode" value="010101">（12319 如 S0102）</label>
<label>诉求类型 <select name="type"><option>投诉</option><option>诉求</option><option>咨询</option><option>求助</option><option>建议</option><option>举报</option></select></label>
<label>街道代码 <input name="streetCode" value="ST01"> 街道名称 <input name="street" value="包公街道"></label>
<label>详细地址 <input name="address" value="望江路与徽州大道交口"></label>
<label>诉求内容 <textarea name="content">路口垃圾堆放多日无人清理。</textarea></label>
<label>来电人 <input name="callerName" value="张先生"> 电话 <input name="callerPhone" value="13912345678"> <input type="checkbox" name="secret"> 要求保密</label>
<button>推送工单</button></form>
<pre id="answer"></pre>
<script>
document.getElementById('order').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const fields = Object.fromEntries(form.entries());
  fields.secret = form.get('secret') === 'on';
  const response = await fetch('/dev/hotline', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fields) });
  document.getElementById('answer').textContent = JSON.stringify(await response.json(), null, 2);
});
</script>
<h2>热线中心收到的调用</h2>
<table><thead><tr><th>时间（北京）</th><th>渠道</th><th>请求</th><th>动作</th><th>状态</th></tr></thead>
<tbody>${rows || '<tr><td colspan="5">还没有调用</td></tr>'}</tbody></table></body></html>`;
}

/** `GET /dev/hotline` (the form and the log) and `POST /dev/hotline` (send the order). Mounted only outside production, with the fake centre running. */
export function devHotlinePage(hotline: DevHotline): Middleware {
  return async (ctx, next) => {
    if (ctx.path !== '/dev/hotline') return next();
    ctx.set('Cache-Control', 'no-store');
    if (ctx.method === 'POST') {
      const fields = (ctx.request as unknown as { body?: Record<string, unknown> }).body ?? {};
      const sent = await hotline.send(fields);
      ctx.status = 200;
      ctx.body = sent;
      return;
    }
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = devHotlineHtml(hotline.calls);
  };
}
