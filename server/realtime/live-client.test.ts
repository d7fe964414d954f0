import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createLiveClient, reconnectDelay, type LiveClient, type LiveSocket } from '../../shared/live/client';
import { startTestApp, type TestApp } from '../testing/app';
import { act, file } from '../testing/cases';
import { attachLive, type LiveTestApp } from '../testing/live';

/** The app's live client (shared/live/client.ts) against the real hub, on `ws` instead of Taro's socket. */

let app: TestApp;
let live: LiveTestApp;
beforeAll(async () => {
  app = await startTestApp({ label: 'live_client' });
  live = attachLive(app);
});
afterAll(async () => {
  await live.close();
  await app.close();
});

const opened: WebSocket[] = [];
function wsSocket(url: string): LiveSocket {
  const socket = new WebSocket(url);
  opened.push(socket);
  return {
    send: (text) => socket.send(text),
    close: (code, reason) => socket.close(code, reason),
    onOpen: (listener) => socket.on('open', listener),
    onMessage: (listener) => socket.on('message', (data) => listener(data.toString())),
    onClose: (listener) => socket.on('close', (code) => listener(code)),
  };
}
// A failed connect emits 'error' then 'close'; the close is what the client acts on.
const platform = {
  openSocket: (url: string) => {
    const socket = wsSocket(url);
    opened.at(-1)!.on('error', () => {});
    return socket;
  },
  setTimer: (run: () => void, ms: number) => {
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  },
  random: () => 0.5,
  now: Date.now,
};

const until = async (condition: () => boolean, timeoutMs = 5_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('the app live client', () => {
  it('after a dropped connection reconnects and hands the page each missed step once, in order', async () => {
    const filed = await file(app, 'resident01', { subcategoryCode: '05.01', description: '3栋电梯异响，夜间明显', compoundCode: 'C001' });
    const token = await app.token('resident01');
    const states: string[] = [];
    const client: LiveClient = createLiveClient(platform, { url: live.url, token: () => token, baseDelayMs: 50, maxDelayMs: 200, onState: (state) => states.push(state) });
    const seen: number[] = [];
    client.watchCase('case', filed.id, 0, (update) => seen.push(...update.entries.map((entry) => entry.seq)));
    client.start();
    await until(() => seen.length === 1);

    // The network drops (no close frame), and the case moves on meanwhile.
    (opened.at(-1) as unknown as { _socket: Socket })._socket.destroy();
    await act(app, 'street01', filed.id, 'accept');
    await act(app, 'street01', filed.id, 'dispatch', { leadUnitCode: 'U-PM-030', leadUnitType: 'property_company' });
    await live.drain();

    await until(() => seen.length >= 3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen).toEqual([1, 2, 3]);
    expect(states).toEqual(expect.arrayContaining(['connecting', 'live', 'waiting']));
    client.stop();
  });

  it('stops reconnecting when the server refuses the token, and says so once', async () => {
    let signedOut = 0;
    const client = createLiveClient(platform, { url: live.url, token: () => 'not-a-token', baseDelayMs: 20, onSignedOut: () => signedOut++ });
    const before = opened.length;
    client.start();
    await until(() => signedOut === 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(signedOut).toBe(1);
    expect(opened.length - before).toBe(1);
    client.stop();
  });
});

describe('reconnectDelay', () => {
  it('doubles from the base with equal jitter and stays under the ceiling', () => {
    expect(reconnectDelay(0, 0)).toBe(500);
    expect(reconnectDelay(0, 1)).toBe(1_000);
    expect(reconnectDelay(3, 0.5)).toBe(6_000);
    expect(reconnectDelay(40, 1)).toBe(30_000);
  });
});
