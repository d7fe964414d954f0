import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultHttp } from '../config';
import { startTestApp, type TestApp } from '../testing/app';
import { createApp } from './app';
import { listen, type ListeningServer } from './server';

// Real sockets against the real stack, with deadlines small enough for a test.
const http = { ...defaultHttp, headersTimeoutMs: 300, requestTimeoutMs: 800, keepAliveTimeoutMs: 300, idleTimeoutMs: 5_000, maxConcurrentPerClient: 3 };

// The limit test holds requests open for a while: deadlines that do not free its slots first.
const patientHttp = { ...http, requestTimeoutMs: 20_000 };

let app: TestApp;
let listening: ListeningServer;
let patient: ListeningServer;
let token: string;

beforeAll(async () => {
  app = await startTestApp({ label: 'sockets' });
  token = await app.token('resident01');
  const serve = (settings: typeof http) => listen(createApp({ ...app.deps, config: { ...app.deps.config, http: settings } }), { host: '127.0.0.1', port: 0, http: settings });
  listening = await serve(http);
  patient = await serve(patientHttp);
});
afterAll(async () => {
  await listening?.close(0);
  await patient?.close(0);
  await app?.close();
});

interface RawConnection {
  socket: Socket;
  /** Everything the server sent, once it closed the connection. */
  closed: Promise<{ text: string; afterMs: number }>;
  /** Resolves with the text received so far once it contains `marker`. */
  received(marker: string): Promise<string>;
}

/** A TCP connection that writes exactly what the test says, when it says, from a chosen loopback address. */
async function rawConnection(port = listening.port, localAddress = '127.0.0.1'): Promise<RawConnection> {
  const socket = connect({ host: '127.0.0.1', port, localAddress });
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const opened = Date.now();
  let text = '';
  const waiters: (() => void)[] = [];
  socket.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const wake of waiters.splice(0)) wake();
  });
  socket.on('error', () => {});
  const closed = new Promise<{ text: string; afterMs: number }>((resolve) => socket.once('close', () => resolve({ text, afterMs: Date.now() - opened })));
  const received = async (marker: string) => {
    while (!text.includes(marker)) await new Promise<void>((wake) => waiters.push(wake));
    return text;
  };
  return { socket, closed, received };
}

function photoUploadHead(contentType: string, contentLength: number): string {
  return [
    'POST /api/v1/photos HTTP/1.1',
    'Host: 127.0.0.1',
    `Authorization: Bearer ${token}`,
    `Content-Type: ${contentType}`,
    `Content-Length: ${contentLength}`,
    '',
    '',
  ].join('\r\n');
}

const healthRequest = 'GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n';

async function statusOfHealth(localAddress = '127.0.0.1'): Promise<{ status: number; text: string }> {
  const connection = await rawConnection(patient.port, localAddress);
  connection.socket.write(healthRequest);
  const { text } = await connection.closed;
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]), text };
}

describe('POST /api/v1/photos with a JSON content type', () => {
  it('is refused with 415 at once, not left waiting for a body the JSON parser consumed', async () => {
    const started = Date.now();
    const response = await fetch(`http://127.0.0.1:${listening.port}/api/v1/photos`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ photo: 'data:image/jpeg;base64,/9j/4AAQ' }),
      signal: AbortSignal.timeout(5_000),
    });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(response.status).toBe(415);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('photo.unsupported_content_type');
  });

  it('is refused before the body arrives, and the connection is closed rather than drained', async () => {
    const connection = await rawConnection();
    connection.socket.write(photoUploadHead('application/json; charset=utf-8', 10_000) + '{"photo":');
    const { text, afterMs } = await connection.closed;
    expect(text).toMatch(/^HTTP\/1\.1 415/);
    expect(text).toContain('"code":"photo.unsupported_content_type"');
    expect(afterMs).toBeLessThan(http.requestTimeoutMs);
  });
});

describe('socket deadlines', () => {
  it('closes a client that sends half a request line and waits, within the header deadline', async () => {
    const connection = await rawConnection();
    connection.socket.write('GET /api/hea');
    const { text, afterMs } = await connection.closed;
    expect(text).toMatch(/^HTTP\/1\.1 408/);
    expect(afterMs).toBeGreaterThanOrEqual(http.headersTimeoutMs - 50);
    expect(afterMs).toBeLessThan(http.headersTimeoutMs + 1_000);
  });

  it('cuts off a photo upload whose body never finishes at the request deadline', async () => {
    const connection = await rawConnection();
    connection.socket.write(photoUploadHead('image/jpeg', 100_000) + '\xff\xd8\xff\xe0');
    const { afterMs } = await connection.closed;
    expect(afterMs).toBeGreaterThanOrEqual(http.requestTimeoutMs - 50);
    expect(afterMs).toBeLessThan(http.requestTimeoutMs + 1_000);
  });

  it('closes an idle keep-alive connection after the keep-alive deadline', async () => {
    const connection = await rawConnection();
    connection.socket.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await connection.received('"status":"ok"');
    const answeredAt = Date.now();
    await connection.closed;
    const idleMs = Date.now() - answeredAt;
    expect(idleMs).toBeGreaterThanOrEqual(http.keepAliveTimeoutMs - 50);
    // Node adds a fixed one-second buffer to the keep-alive deadline before it closes the socket.
    expect(idleMs).toBeLessThan(http.keepAliveTimeoutMs + 2_000);
  });
});

describe('requests in progress per client', () => {
  it('refuses one over the limit with 429 and Retry-After, serves other clients, and frees the slot when a request ends', async () => {
    // Each holder is an upload whose body is still arriving: it holds its slot until the socket goes.
    const holders = await Promise.all(Array.from({ length: http.maxConcurrentPerClient }, () => rawConnection(patient.port)));
    for (const holder of holders) holder.socket.write(photoUploadHead('image/jpeg', 100_000) + '\xff\xd8');

    // The holders reach the limiter in their own time: ask until the refusal comes, bounded.
    let refused = await statusOfHealth();
    for (let tries = 0; refused.status !== 429 && tries < 40; tries++) refused = await statusOfHealth();
    expect(refused.status).toBe(429);
    expect(refused.text).toMatch(/\r\nRetry-After: 1\r\n/i);
    expect(refused.text).toContain('"code":"request.too_many"');

    // Another client address (still loopback) has slots of its own.
    expect((await statusOfHealth('127.0.0.2')).status).toBe(200);

    holders[0]!.socket.destroy();
    await holders[0]!.closed;
    let freed = await statusOfHealth();
    for (let tries = 0; freed.status !== 200 && tries < 40; tries++) freed = await statusOfHealth();
    expect(freed.status).toBe(200);

    for (const holder of holders) holder.socket.destroy();
  });
});
