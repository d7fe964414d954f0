import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { defaultWeChatMessagesConfig, wechatMessagesConfigSchema, type WeChatMessagesConfig } from '../shared/wechat-messages/messages-config';
import { defaultOpen311RateLimit, type RateLimit } from './open311/rate-limit';
import { shippedHotlineMapping } from '../shared/hotline/mapping-data';
import { hotlineMappingSchema, type HotlineMapping } from '../shared/hotline/mappings';
import type { HotlineChannel } from '../shared/hotline/work-order';

/** One hotline channel's connection: the centre's base URL and our credentials with it. */
export interface HotlineChannelConfig {
  baseUrl: string;
  appKey: string;
  secret: string;
}

const repoRoot = path.resolve(__dirname, '..');

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const milliseconds = z.coerce.number().int().min(10).max(3_600_000);

/**
 * How long a socket may take at each stage. Headers arrive in one packet from any real client, so
 * 10 s only cuts off slow-header (slowloris) sockets; a whole request may be an 8 MB photo from a
 * phone on a weak uplink, hence 2 minutes; an idle keep-alive socket is kept 5 s (behind a load
 * balancer, set it above the balancer's own idle timeout); a socket silent for a minute is closed.
 * In-flight requests per client IP are capped so one client cannot hold every worker slot.
 */
export const defaultHttp = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 120_000,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 60_000,
  maxConcurrentPerClient: 32,
  trustProxy: false,
};

/**
 * The live channel: a phone and a desktop or two per account; 20 subscriptions cover a detail page,
 * "mine" and an inbox with room to spare; a client more than 1 MiB behind is dropped (it catches
 * up on reconnect); a ping every 30 s stays under the idle cut of common proxies (60 s).
 */
export const defaultLive = {
  maxConnectionsPerAccount: 8,
  maxAnonymousPerAddress: 16,
  maxSubscriptionsPerConnection: 20,
  maxBufferedBytes: 1024 * 1024,
  heartbeatMs: 30_000,
  idleTimeoutMs: 120_000,
  maxMessagesPer10s: 60,
};

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    MONGODB_URI: optionalText.pipe(z.string().regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://').optional()),
    DATA_DIR: z.string().default(path.join(repoRoot, 'data')),
    JWT_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
    JWT_ISSUER: z.string().default('gongzhi-baohe'),
    JWT_TTL_SECONDS: z.coerce.number().int().min(60).max(30 * 24 * 3600).default(12 * 3600),
    UPLOAD_DIR: optionalText,
    UPLOAD_MAX_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(8 * 1024 * 1024),
    WECHAT_APP_ID: optionalText,
    WECHAT_APP_SECRET: optionalText,
    WECHAT_API_BASE: optionalText.pipe(z.url().optional()),
    /** A JSON file replacing the default WeChat messages config (templates, fields, priorities). */
    WECHAT_MESSAGES_FILE: optionalText,
    PUBLIC_BASE_URL: optionalText.pipe(z.url().optional()),
    H5_DIR: z.string().default(path.join(repoRoot, 'dist', 'h5')),
    HTTP_HEADERS_TIMEOUT_MS: milliseconds.default(defaultHttp.headersTimeoutMs),
    HTTP_REQUEST_TIMEOUT_MS: milliseconds.default(defaultHttp.requestTimeoutMs),
    HTTP_KEEP_ALIVE_TIMEOUT_MS: milliseconds.default(defaultHttp.keepAliveTimeoutMs),
    HTTP_IDLE_TIMEOUT_MS: milliseconds.default(defaultHttp.idleTimeoutMs),
    HTTP_MAX_CONCURRENT_PER_CLIENT: z.coerce.number().int().min(1).max(10_000).default(defaultHttp.maxConcurrentPerClient),
    /** Open311 filings per API key and minute, and how many may come at once (server/open311/rate-limit.ts). */
    OPEN311_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(defaultOpen311RateLimit.perMinute),
    OPEN311_BURST: z.coerce.number().int().min(1).max(100_000).default(defaultOpen311RateLimit.burst),
    TRUST_PROXY: z.enum(['true', 'false', '1', '0']).default('false').transform((value) => value === 'true' || value === '1'),
    REDIS_URL: optionalText.pipe(z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional()),
    RUN_JOBS: z.enum(['true', 'false', '1', '0']).default('true').transform((value) => value === 'true' || value === '1'),
    LIVE_MAX_CONNECTIONS_PER_ACCOUNT: z.coerce.number().int().min(1).max(100_000).default(defaultLive.maxConnectionsPerAccount),
    LIVE_MAX_ANONYMOUS_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(defaultLive.maxAnonymousPerAddress),
    LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION: z.coerce.number().int().min(1).max(1_000).default(defaultLive.maxSubscriptionsPerConnection),
    LIVE_MAX_BUFFERED_BYTES: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(defaultLive.maxBufferedBytes),
    LIVE_HEARTBEAT_MS: milliseconds.default(defaultLive.heartbeatMs),
    LIVE_IDLE_TIMEOUT_MS: milliseconds.default(defaultLive.idleTimeoutMs),
    HOTLINE_12345_BASE_URL: optionalText.pipe(z.url().optional()),
    HOTLINE_12345_APP_KEY: optionalText,
    HOTLINE_12345_SECRET: optionalText.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
    HOTLINE_12319_BASE_URL: optionalText.pipe(z.url().optional()),
    HOTLINE_12319_APP_KEY: optionalText,
    HOTLINE_12319_SECRET: optionalText.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
    /** How often the centres are asked for new orders. */
    HOTLINE_POLL_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
    /** The liveness alarm: nothing arrived on a channel for this long. */
    HOTLINE_SILENT_ALARM_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(240),
    /** The liveness alarm: this many failed exchanges in a row. */
    HOTLINE_MAX_FAILURES: z.coerce.number().int().min(1).max(1_000).default(3),
    /** A JSON file replacing the shipped hotline code mapping (shared/hotline/mapping-data.ts). */
    HOTLINE_MAPPING_FILE: optionalText,
    /** Keys of the visit register's encryption, `id:base64-of-32-bytes` separated by commas; the first encrypts, all decrypt. */
    VISITS_KEYS: optionalText.pipe(z.string().optional()),
    /**
     * Days an archived person's identity and visit answers are kept before the purge erases them.
     * Three years by default: the general limitation period of civil claims (民法典 art. 188), within
     * which a family may hold the community to account for a visit made or missed (docs/privacy-visits.md).
     */
    VISITS_RETENTION_DAYS: z.coerce.number().int().min(30).max(3_650).default(1_095),
    /**
     * How long the visit audit lines are kept, in days (default 5 years): at least as long as the
     * people they name, so a question about how a record was used can still be answered after it.
     */
    VISITS_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(30).max(7_300).default(1_825),
  })
  .superRefine((env, ctx) => {
    // Node refuses a request deadline shorter than the header deadline.
    if (env.HTTP_HEADERS_TIMEOUT_MS > env.HTTP_REQUEST_TIMEOUT_MS) {
      ctx.addIssue({ code: 'custom', path: ['HTTP_HEADERS_TIMEOUT_MS'], message: 'must not exceed HTTP_REQUEST_TIMEOUT_MS' });
    }
    if (env.VISITS_AUDIT_RETENTION_DAYS < env.VISITS_RETENTION_DAYS) {
      ctx.addIssue({ code: 'custom', path: ['VISITS_AUDIT_RETENTION_DAYS'], message: 'must not be shorter than VISITS_RETENTION_DAYS' });
    }
    // A channel is connected with its URL, key and secret together, or not at all.
    for (const channel of ['12345', '12319'] as const) {
      const set = [env[`HOTLINE_${channel}_BASE_URL`], env[`HOTLINE_${channel}_APP_KEY`], env[`HOTLINE_${channel}_SECRET`]].filter(Boolean).length;
      if (set > 0 && set < 3) ctx.addIssue({ code: 'custom', path: [`HOTLINE_${channel}_BASE_URL`], message: `HOTLINE_${channel}_BASE_URL, _APP_KEY and _SECRET go together` });
    }
    if (env.NODE_ENV !== 'production') return;
    for (const key of ['MONGODB_URI', 'JWT_SECRET', 'WECHAT_APP_ID', 'WECHAT_APP_SECRET', 'PUBLIC_BASE_URL', 'VISITS_KEYS'] as const) {
      if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required in production' });
    }
  });

export type Config = ReturnType<typeof loadConfig>;


/**
 * Reads the environment once into one typed object. Throws a readable list of every problem,
 * so a misconfigured deployment stops at start-up instead of failing on the first request.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  - ${issue.path.join('.') || '(env)'}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const visitKeys = e.VISITS_KEYS ? parseVisitKeys(e.VISITS_KEYS) : developmentVisitKeys(path.resolve(e.DATA_DIR));
  return {
    env: e.NODE_ENV,
    production,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    /** Set: use that MongoDB and start nothing. Unset: start the embedded FerretDB. */
    mongodbUri: e.MONGODB_URI,
    dataDir: path.resolve(e.DATA_DIR),
    jwt: {
      // Production requires JWT_SECRET (above); elsewhere a key kept in the data dir lets sessions survive a restart.
      secret: e.JWT_SECRET ?? developmentSecret(path.resolve(e.DATA_DIR)),
      issuer: e.JWT_ISSUER,
      ttlSeconds: e.JWT_TTL_SECONDS,
    },
    uploads: {
      dir: path.resolve(e.UPLOAD_DIR ?? path.join(e.DATA_DIR, 'uploads')),
      maxBytes: e.UPLOAD_MAX_BYTES,
    },
    wechat: {
      appId: e.WECHAT_APP_ID ?? 'wx-dev-appid',
      appSecret: e.WECHAT_APP_SECRET ?? 'dev-secret',
      /** Unset outside production: the local fake WeChat server is started and used. */
      apiBase: e.WECHAT_API_BASE,
      /** Which step sends which template with which fields: the default, or WECHAT_MESSAGES_FILE. */
      messages: e.WECHAT_MESSAGES_FILE ? loadMessagesConfig(e.WECHAT_MESSAGES_FILE) : defaultWeChatMessagesConfig,
    },
    publicBaseUrl: e.PUBLIC_BASE_URL,
    h5Dir: path.resolve(e.H5_DIR),
    http: {
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      idleTimeoutMs: e.HTTP_IDLE_TIMEOUT_MS,
      maxConcurrentPerClient: e.HTTP_MAX_CONCURRENT_PER_CLIENT,
      /** Behind a reverse proxy: take the client address from X-Forwarded-For (the limit is per client). */
      trustProxy: e.TRUST_PROXY,
    } satisfies typeof defaultHttp,
    /** Open311 filings per key, in each process. */
    open311: { perMinute: e.OPEN311_RATE_PER_MINUTE, burst: e.OPEN311_BURST } satisfies RateLimit,
    /** Set: live events go through Redis pub/sub, so several processes serve one set of clients. */
    redisUrl: e.REDIS_URL,
    /** Off for a process that only serves reads and sockets beside one that runs the jobs (FerretDB has one writer). */
    runJobs: e.RUN_JOBS,
    hotline: hotlineConfig(e),
    live: {
      maxConnectionsPerAccount: e.LIVE_MAX_CONNECTIONS_PER_ACCOUNT,
      maxAnonymousPerAddress: e.LIVE_MAX_ANONYMOUS_PER_ADDRESS,
      maxSubscriptionsPerConnection: e.LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION,
      maxBufferedBytes: e.LIVE_MAX_BUFFERED_BYTES,
      heartbeatMs: e.LIVE_HEARTBEAT_MS,
      idleTimeoutMs: e.LIVE_IDLE_TIMEOUT_MS,
      maxMessagesPer10s: defaultLive.maxMessagesPer10s,
    } satisfies typeof defaultLive,
    /** The visit register's field encryption (AES-256-GCM): the first key encrypts, every key decrypts (rotation). */
    visits: { keys: visitKeys, retentionDays: e.VISITS_RETENTION_DAYS, auditRetentionDays: e.VISITS_AUDIT_RETENTION_DAYS },
  };
}

/** The hotline channels that have credentials, the poll interval, the alarm and the code mapping. */
function hotlineConfig(e: z.output<typeof envSchema>) {
  const channel = (baseUrl?: string, appKey?: string, secret?: string) => (baseUrl && appKey && secret ? { baseUrl, appKey, secret } : undefined);
  const channels = {
    '12345': channel(e.HOTLINE_12345_BASE_URL, e.HOTLINE_12345_APP_KEY, e.HOTLINE_12345_SECRET),
    '12319': channel(e.HOTLINE_12319_BASE_URL, e.HOTLINE_12319_APP_KEY, e.HOTLINE_12319_SECRET),
  };
  const connected = Object.values(channels).some(Boolean);
  return {
    channels: Object.fromEntries(Object.entries(channels).filter(([, value]) => value)) as Partial<Record<HotlineChannel, HotlineChannelConfig>>,
    /** Outside production without any hotline credentials, `npm start` runs the fake centre and its development page. */
    fake: !connected && e.NODE_ENV !== 'production',
    pollMs: e.HOTLINE_POLL_MS,
    liveness: { maxConsecutiveFailures: e.HOTLINE_MAX_FAILURES, silentAfterMs: e.HOTLINE_SILENT_ALARM_MINUTES * 60_000 },
    mapping: e.HOTLINE_MAPPING_FILE ? loadHotlineMapping(e.HOTLINE_MAPPING_FILE) : shippedHotlineMapping,
  };
}

/** A replacement hotline mapping from a JSON file, checked like the shipped one's shape; a broken file stops the start. */
function loadHotlineMapping(file: string): HotlineMapping {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`Invalid configuration:\n  - HOTLINE_MAPPING_FILE: cannot read ${file} as JSON (${(error as Error).message})`);
  }
  const parsed = hotlineMappingSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  - HOTLINE_MAPPING_FILE ${issue.path.join('.') || '(file)'}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration in ${file}:\n${lines.join('\n')}`);
  }
  return parsed.data as HotlineMapping;
}

/** A key of the visit register's encryption: its id is stored with every ciphertext, so old keys still open old fields. */
export interface VisitKey {
  id: string;
  key: Buffer;
}

/**
 * Parses `VISITS_KEYS`: `id:base64,id:base64`, 32 bytes each, ids unique. To rotate, put the new key
 * first, restart, run `npm run visits:rekey`, then drop the old key.
 */
export function parseVisitKeys(text: string): VisitKey[] {
  const keys = text.split(',').map((entry, i) => {
    const [id, encoded, ...rest] = entry.trim().split(':');
    if (!id || !encoded || rest.length || !/^[A-Za-z0-9_-]{1,32}$/.test(id)) throw new ConfigError(`Invalid configuration:\n  - VISITS_KEYS: entry ${i + 1} must be id:base64`);
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== 32) throw new ConfigError(`Invalid configuration:\n  - VISITS_KEYS: key ${id} must be 32 bytes (base64)`);
    return { id, key };
  });
  if (new Set(keys.map((k) => k.id)).size !== keys.length) throw new ConfigError('Invalid configuration:\n  - VISITS_KEYS: key ids must be unique');
  return keys;
}

export const DEV_VISITS_KEY_FILE = 'dev-visits-key';

/** Outside production: one key generated into the data dir (mode 0600) and reused, like the JWT secret. */
function developmentVisitKeys(dataDir: string): VisitKey[] {
  const file = path.join(dataDir, DEV_VISITS_KEY_FILE);
  const stored = readSecret(file);
  if (stored) return parseVisitKeys(stored);
  mkdirSync(dataDir, { recursive: true });
  const entry = `dev1:${randomBytes(32).toString('base64')}`;
  try {
    writeFileSync(file, `${entry}\n`, { mode: 0o600, flag: 'wx' });
    return parseVisitKeys(entry);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return parseVisitKeys(readSecret(file) ?? entry);
  }
}

/**
 * The WeChat messages config from a JSON file, checked against the same schema as the default:
 * a wrong template id or field stops the start with the path of each problem, rather than every
 * message of that step being refused by WeChat later (47003).
 */
function loadMessagesConfig(file: string): WeChatMessagesConfig {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`Invalid configuration:\n  - WECHAT_MESSAGES_FILE: cannot read ${file} as JSON (${(error as Error).message})`);
  }
  const parsed = wechatMessagesConfigSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  - WECHAT_MESSAGES_FILE ${issue.path.join('.') || '(file)'}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration in ${file}:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export const DEV_SECRET_FILE = 'dev-jwt-secret';

/**
 * The signing key outside production: generated once (48 random bytes) into `DATA_DIR/dev-jwt-secret`
 * with mode 0600 and reused, so restarting the server does not sign everyone out. Two processes
 * starting at once cannot both write it: the exclusive create lets one win and the other reads it.
 */
export function developmentSecret(dataDir: string): string {
  const file = path.join(dataDir, DEV_SECRET_FILE);
  const stored = readSecret(file);
  if (stored) return stored;
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const winner = readSecret(file);
    if (winner) return winner;
    // An unusable file (empty, or too short to be a key): replace it.
    writeFileSync(file, `${secret}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    return secret;
  }
}

function readSecret(file: string): string | undefined {
  try {
    const secret = readFileSync(file, 'utf8').trim();
    return secret.length >= 32 ? secret : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}
