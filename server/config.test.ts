import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, DEV_SECRET_FILE, loadConfig } from './config';

const dataDirs: string[] = [];
/** A fresh data dir (not yet created, as on a first start) for a config that may write its key there. */
const freshDataDir = () => {
  const parent = mkdtempSync(path.join(tmpdir(), 'gzbh-config-'));
  dataDirs.push(parent);
  return path.join(parent, 'data');
};
afterEach(() => {
  for (const dir of dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('loadConfig', () => {
  it('gives a working development config from an empty environment', () => {
    const config = loadConfig({ DATA_DIR: freshDataDir() });
    expect(config.production).toBe(false);
    expect(config.port).toBe(3000);
    expect(config.mongodbUri).toBeUndefined();
    expect(config.jwt.secret.length).toBeGreaterThanOrEqual(32);
  });

  it('lists every missing production setting in one readable error', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrowError(ConfigError);
    try {
      loadConfig({ NODE_ENV: 'production' });
    } catch (error) {
      const message = (error as Error).message;
      for (const key of ['MONGODB_URI', 'JWT_SECRET', 'WECHAT_APP_ID', 'WECHAT_APP_SECRET', 'PUBLIC_BASE_URL']) {
        expect(message).toContain(`${key}: is required in production`);
      }
    }
  });

  it('rejects a malformed port and a non-mongodb URI with the variable names', () => {
    expect(() => loadConfig({ PORT: 'eighty', MONGODB_URI: 'postgres://x' })).toThrowError(/PORT[\s\S]*MONGODB_URI|MONGODB_URI[\s\S]*PORT/);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ MONGODB_URI: '', JWT_SECRET: '', DATA_DIR: freshDataDir() }).mongodbUri).toBeUndefined();
  });
});

describe('the development signing key', () => {
  it('is generated once into the data dir, readable by its owner only, and reused by the next start', () => {
    const dataDir = freshDataDir();
    const first = loadConfig({ DATA_DIR: dataDir }).jwt.secret;
    const file = path.join(dataDir, DEV_SECRET_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(first, 'base64url')).toHaveLength(48);
    expect(loadConfig({ DATA_DIR: dataDir }).jwt.secret).toBe(first);
  });

  it('differs between data dirs', () => {
    expect(loadConfig({ DATA_DIR: freshDataDir() }).jwt.secret).not.toBe(loadConfig({ DATA_DIR: freshDataDir() }).jwt.secret);
  });

  it('gives way to JWT_SECRET, and is then neither read nor written', () => {
    const dataDir = freshDataDir();
    expect(loadConfig({ DATA_DIR: dataDir, JWT_SECRET: 'x'.repeat(40) }).jwt.secret).toBe('x'.repeat(40));
    expect(() => statSync(path.join(dataDir, DEV_SECRET_FILE))).toThrow();
  });

  it('replaces a stored key too short to sign with', () => {
    const dataDir = freshDataDir();
    loadConfig({ DATA_DIR: dataDir });
    writeFileSync(path.join(dataDir, DEV_SECRET_FILE), 'short\n');
    const replaced = loadConfig({ DATA_DIR: dataDir }).jwt.secret;
    expect(replaced.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(path.join(dataDir, DEV_SECRET_FILE), 'utf8').trim()).toBe(replaced);
  });

  it('is never made in production: JWT_SECRET is required there', () => {
    const dataDir = freshDataDir();
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir })).toThrowError(/JWT_SECRET: is required in production/);
    expect(() => statSync(path.join(dataDir, DEV_SECRET_FILE))).toThrow();
  });

  it('gives socket deadlines and a per-client limit by default, and refuses a header deadline beyond the request deadline', () => {
    expect(loadConfig({}).http).toEqual({ headersTimeoutMs: 10_000, requestTimeoutMs: 120_000, keepAliveTimeoutMs: 5_000, idleTimeoutMs: 60_000, maxConcurrentPerClient: 32, trustProxy: false });
    expect(loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '200', HTTP_REQUEST_TIMEOUT_MS: '500', TRUST_PROXY: 'true' }).http).toMatchObject({ headersTimeoutMs: 200, requestTimeoutMs: 500, trustProxy: true });
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '5000', HTTP_REQUEST_TIMEOUT_MS: '1000' })).toThrowError(/HTTP_HEADERS_TIMEOUT_MS: must not exceed HTTP_REQUEST_TIMEOUT_MS/);
  });

  it('uses the default WeChat messages config, or a JSON file named by WECHAT_MESSAGES_FILE', () => {
    expect(loadConfig({ DATA_DIR: freshDataDir() }).wechat.messages.events['case.accept']?.resident?.subscribe?.templateId).toBe('tmpl-case-progress');
    const dir = freshDataDir();
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'messages.json');
    const own = { subscribeTemplates: { 'T-1': { kind: 'long_term', title: '进度' } }, reserve: { keep: 0, forPriorityAtMost: 1 }, casePage: 'pages/case/index?id={caseId}', events: {} };
    writeFileSync(file, JSON.stringify(own));
    // A file written before poll notices gets the app's poll page for them, and its templates are about cases.
    expect(loadConfig({ DATA_DIR: dir, WECHAT_MESSAGES_FILE: file }).wechat.messages).toEqual({
      ...own,
      subscribeTemplates: { 'T-1': { ...own.subscribeTemplates['T-1'], topic: 'case' } },
      pollPage: 'community/poll/index?id={pollId}',
    });
  });

  it('stops at start-up on a messages file that is not JSON or names a field WeChat has no type for, saying where', () => {
    const dir = freshDataDir();
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'messages.json');
    writeFileSync(file, '{ not json');
    expect(() => loadConfig({ DATA_DIR: dir, WECHAT_MESSAGES_FILE: file })).toThrowError(/WECHAT_MESSAGES_FILE: cannot read/);
    const own = { subscribeTemplates: { 'T-1': { kind: 'one_time', title: '进度' } }, reserve: { keep: 0, forPriorityAtMost: 1 }, casePage: 'p', events: { 'case.accept': { resident: { priority: 1, status: '已受理', tip: '好', subscribe: { templateId: 'T-1', fields: { keyword1: 'caseNumber' } } } } } };
    writeFileSync(file, JSON.stringify(own));
    expect(() => loadConfig({ DATA_DIR: dir, WECHAT_MESSAGES_FILE: file })).toThrowError(/WECHAT_MESSAGES_FILE events\.case\.accept\.resident\.subscribe\.fields\.keyword1: 不是微信订阅消息的字段类型/);
    writeFileSync(file, JSON.stringify({ ...own, subscribeTemplates: { 'T-1': { kind: 'sometimes', title: '进度' } } }));
    expect(() => loadConfig({ DATA_DIR: dir, WECHAT_MESSAGES_FILE: file })).toThrowError(/WECHAT_MESSAGES_FILE subscribeTemplates\.T-1\.kind/);
  });
});

describe('VISITS_RETENTION_DAYS', () => {
  it('keeps an archived person three years unless configured, and refuses less than 30 days', () => {
    expect(loadConfig({ DATA_DIR: freshDataDir() }).visits.retentionDays).toBe(1_095);
    expect(loadConfig({ DATA_DIR: freshDataDir(), VISITS_RETENTION_DAYS: '730' }).visits.retentionDays).toBe(730);
    expect(() => loadConfig({ DATA_DIR: freshDataDir(), VISITS_RETENTION_DAYS: '7' })).toThrowError(/VISITS_RETENTION_DAYS/);
  });
});

describe('VISITS_AUDIT_RETENTION_DAYS', () => {
  it('keeps the visit audit five years unless configured, never shorter than the people it names', () => {
    expect(loadConfig({ DATA_DIR: freshDataDir() }).visits.auditRetentionDays).toBe(1_825);
    expect(loadConfig({ DATA_DIR: freshDataDir(), VISITS_AUDIT_RETENTION_DAYS: '1095' }).visits.auditRetentionDays).toBe(1_095);
    expect(() => loadConfig({ DATA_DIR: freshDataDir(), VISITS_AUDIT_RETENTION_DAYS: '1000' })).toThrowError(/VISITS_AUDIT_RETENTION_DAYS: must not be shorter than VISITS_RETENTION_DAYS/);
  });
});

describe('VISITS_KEYS', () => {
  const key = (byte: number) => Buffer.alloc(32, byte).toString('base64');
  it('parses rotated keys in order, the first sealing', () => {
    const config = loadConfig({ DATA_DIR: freshDataDir(), VISITS_KEYS: `k2:${key(2)}, k1:${key(1)}` });
    expect(config.visits.keys.map((k) => [k.id, k.key.length])).toEqual([['k2', 32], ['k1', 32]]);
  });

  it('refuses a short key, a duplicate id and a missing setting in production', () => {
    expect(() => loadConfig({ DATA_DIR: freshDataDir(), VISITS_KEYS: `k1:${Buffer.alloc(16).toString('base64')}` })).toThrowError(/VISITS_KEYS: key k1 must be 32 bytes/);
    expect(() => loadConfig({ DATA_DIR: freshDataDir(), VISITS_KEYS: `k1:${key(1)},k1:${key(2)}` })).toThrowError(/unique/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrowError(/VISITS_KEYS: is required in production/);
  });

  it('keeps one development key in the data dir across restarts', () => {
    const dataDir = freshDataDir();
    const first = loadConfig({ DATA_DIR: dataDir }).visits.keys[0];
    expect(loadConfig({ DATA_DIR: dataDir }).visits.keys[0].key.equals(first.key)).toBe(true);
  });
});
