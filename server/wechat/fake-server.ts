import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the fake received it. */
export interface FakeWeChatRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The parsed JSON body; undefined without one, the raw text when it was not JSON. */
  body: unknown;
  at: Date;
}

/**
 * A one-shot failure: a WeChat error answer, a bare HTTP error as when WeChat is down, or an answer
 * that comes only after `delayMs` (longer than the client's timeout: the request is still handled,
 * as WeChat would, so the client cannot know whether it was sent).
 */
export type FakeFailure = { errcode: number; errmsg: string } | { httpStatus: number } | { delayMs: number };

/** A message the fake accepted. */
export interface FakeSentMessage {
  kind: 'subscribe' | 'template';
  body: Record<string, unknown>;
  at: Date;
}

export interface FakeWeChat {
  /** `http://127.0.0.1:PORT`, to use as the API base. */
  url: string;
  /** Every request received, oldest first, failed ones included. */
  requests: FakeWeChatRequest[];
  /** Messages accepted by the send endpoints, oldest first; a template message repeated with the same client_msg_id once. */
  messages: FakeSentMessage[];
  /** Codes `jscode2session` answers with 40029 'invalid code'. */
  invalidCodes: Set<string>;
  /** The requests whose path starts with `pathPrefix`. */
  received(pathPrefix: string): FakeWeChatRequest[];
  /** Fails the next request to `path` (exact path, no query); calls queue up, one per request. */
  failNext(path: string, failure: FakeFailure): void;
  /** Every access token issued so far stops being accepted: the next send gets 40001. */
  expireTokens(): void;
  /** Makes `jscode2session` answer `code` with this openid (otherwise one derived from the code). */
  setOpenid(code: string, openid: string, unionid?: string): void;
  close(): Promise<void>;
}

/**
 * A fake of the WeChat API endpoints we call, on 127.0.0.1: access tokens, mini-program login,
 * subscribe and template messages. Used by tests and, when no WECHAT_API_BASE is set outside
 * production, by the running server, so the login flow works without a real mini-program.
 * Answers follow WeChat's documented shapes and error codes.
 */
export async function startFakeWeChat(options: { appId: string; appSecret: string; port?: number }): Promise<FakeWeChat> {
  const requests: FakeWeChatRequest[] = [];
  const messages: FakeSentMessage[] = [];
  const invalidCodes = new Set<string>();
  const failures = new Map<string, FakeFailure[]>();
  const validTokens = new Set<string>();
  const usedCodes = new Set<string>();
  const openids = new Map<string, { openid: string; unionid?: string }>();
  const templateMsgIds = new Map<string, number>();
  let tokensIssued = 0;

  const checkApp = (query: Record<string, string>): WeChatAnswer | undefined => {
    if (query.appid !== options.appId) return { errcode: 40013, errmsg: 'invalid appid' };
    if (query.secret !== options.appSecret) return { errcode: 40125, errmsg: 'invalid appsecret' };
    return undefined;
  };

  const checkToken = (query: Record<string, string>): WeChatAnswer | undefined => {
    if (!query.access_token) return { errcode: 41001, errmsg: 'access_token missing' };
    if (!validTokens.has(query.access_token)) return { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' };
    return undefined;
  };

  const acceptMessage = (kind: FakeSentMessage['kind'], request: FakeWeChatRequest): WeChatAnswer => {
    const refused = checkToken(request.query);
    if (refused) return refused;
    const body = request.body as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object') return { errcode: 47001, errmsg: 'data format error' };
    if (typeof body.touser !== 'string' || typeof body.template_id !== 'string' || typeof body.data !== 'object') {
      return { errcode: 47003, errmsg: 'argument invalid!' };
    }
    if (kind === 'template') {
      // WeChat sends a template message once per client_msg_id and answers a repeat like the first.
      const clientMsgId = typeof body.client_msg_id === 'string' ? body.client_msg_id : undefined;
      const earlier = clientMsgId === undefined ? undefined : templateMsgIds.get(clientMsgId);
      if (earlier !== undefined) return { errcode: 0, errmsg: 'ok', msgid: earlier };
      messages.push({ kind, body, at: request.at });
      if (clientMsgId !== undefined) templateMsgIds.set(clientMsgId, messages.length);
      return { errcode: 0, errmsg: 'ok', msgid: messages.length };
    }
    messages.push({ kind, body, at: request.at });
    return { errcode: 0, errmsg: 'ok' };
  };

  const routes: Record<string, (request: FakeWeChatRequest) => WeChatAnswer> = {
    'GET /cgi-bin/token': ({ query }) => {
      if (query.grant_type !== 'client_credential') return { errcode: 40002, errmsg: 'invalid grant_type' };
      const refused = checkApp(query);
      if (refused) return refused;
      const token = `fake-token-${++tokensIssued}`;
      validTokens.add(token);
      return { access_token: token, expires_in: 7200 };
    },
    'GET /sns/jscode2session': ({ query }) => {
      const refused = checkApp(query);
      if (refused) return refused;
      if (query.grant_type !== 'authorization_code') return { errcode: 40002, errmsg: 'invalid grant_type' };
      const code = query.js_code;
      if (!code) return { errcode: 41008, errmsg: 'missing code' };
      if (invalidCodes.has(code)) return { errcode: 40029, errmsg: 'invalid code' };
      if (usedCodes.has(code)) return { errcode: 40163, errmsg: 'code been used' };
      usedCodes.add(code);
      const mapped = openids.get(code);
      return {
        openid: mapped?.openid ?? `o-${sha256(code).slice(0, 26)}`,
        session_key: Buffer.from(sha256(`session:${code}`), 'hex').subarray(0, 16).toString('base64'),
        ...(mapped?.unionid ? { unionid: mapped.unionid } : {}),
      };
    },
    'POST /cgi-bin/message/subscribe/send': (request) => acceptMessage('subscribe', request),
    'POST /cgi-bin/message/template/send': (request) => acceptMessage('template', request),
  };

  const server = createServer((req, res) => {
    void handle(req, res);
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parsed = new URL(req.url ?? '/', 'http://fake.invalid');
    const text = await readBody(req);
    const request: FakeWeChatRequest = {
      method: req.method ?? 'GET',
      path: parsed.pathname,
      query: Object.fromEntries(parsed.searchParams),
      body: parseJson(text),
      at: new Date(),
    };
    requests.push(request);

    let failure = failures.get(request.path)?.shift();
    if (failure && 'delayMs' in failure) {
      await new Promise((resolve) => setTimeout(resolve, failure && 'delayMs' in failure ? failure.delayMs : 0));
      failure = undefined;
    }
    if (failure && 'httpStatus' in failure) {
      // As a proxy or gateway in front of WeChat would answer: no JSON at all.
      res.writeHead(failure.httpStatus, { 'content-type': 'text/plain; charset=utf-8' }).end(`fake wechat: HTTP ${failure.httpStatus}`);
      return;
    }
    const route = routes[`${request.method} ${request.path}`];
    const answer: WeChatAnswer = (failure as WeChatAnswer | undefined) ?? (route ? route(request) : { errcode: 40066, errmsg: 'invalid url' });
    // WeChat answers errors with HTTP 200 and an errcode; jscode2session even as text/plain.
    res.writeHead(200, { 'content-type': request.path.startsWith('/sns/') ? 'text/plain' : 'application/json; encoding=utf-8' });
    res.end(JSON.stringify(answer));
  }

  server.listen(options.port ?? 0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    requests,
    messages,
    invalidCodes,
    received: (pathPrefix) => requests.filter((request) => request.path.startsWith(pathPrefix)),
    failNext: (path, failure) => {
      const queue = failures.get(path) ?? [];
      queue.push(failure);
      failures.set(path, queue);
    },
    expireTokens: () => validTokens.clear(),
    setOpenid: (code, openid, unionid) => openids.set(code, { openid, unionid }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Clients may hold keep-alive sockets (fetch does): close would otherwise wait for them.
        server.closeAllConnections();
      }),
  };
}

type WeChatAnswer = Record<string, unknown>;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
