import Taro from '@tarojs/taro';
import { livePath } from '../../shared/api/live';
import { createLiveClient, type LiveClient, type LiveClientOptions, type LiveSocket } from '../../shared/live/client';
import { API_BASE, readToken } from './http';

/**
 * The app's one live connection (pages watch cases and lists through it). `Taro.connectSocket`
 * is the mini-program's socket and, on H5, the browser's WebSocket; the reconnecting, the cursors
 * and the deduplication live in shared/live/client.ts, the same for both.
 */
let client: LiveClient | undefined;

export function live(options: Pick<LiveClientOptions, 'onSignedOut' | 'onState'> = {}): LiveClient {
  client ??= createLiveClient(
    { openSocket: taroSocket, setTimer, random: Math.random, now: Date.now },
    { url: liveUrl(), token: readToken, ...options },
  );
  client.start();
  return client;
}

function liveUrl(): string {
  // H5 is served by the API server itself: same origin, ws or wss as the page.
  const base = API_BASE || (typeof location === 'undefined' ? '' : location.origin);
  return base.replace(/^http/, 'ws') + livePath;
}

function setTimer(run: () => void, ms: number): () => void {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
}

/** A SocketTask arrives asynchronously; listeners given before it are attached when it does. */
function taroSocket(url: string): LiveSocket {
  let closeCode: number | undefined;
  const listeners = { open: [] as (() => void)[], message: [] as ((text: string) => void)[], close: [] as ((code: number) => void)[] };
  let ended = false;
  const end = (code: number) => {
    if (ended) return;
    ended = true;
    for (const listener of listeners.close) listener(code);
  };
  const task = Taro.connectSocket({ url }).then(
    (socket) => {
      socket.onOpen(() => listeners.open.forEach((listener) => listener()));
      socket.onMessage((result) => {
        if (typeof result.data === 'string') listeners.message.forEach((listener) => listener(result.data as string));
      });
      socket.onClose((result) => end(result.code));
      socket.onError(() => end(1006));
      if (closeCode !== undefined) socket.close({ code: closeCode });
      return socket;
    },
    () => {
      end(1006);
      return undefined;
    },
  );
  return {
    send: (text) => void task.then((socket) => socket?.send({ data: text })),
    close: (code = 1000, reason = '') => {
      closeCode = code;
      void task.then((socket) => socket?.close({ code, reason }));
    },
    onOpen: (listener) => listeners.open.push(listener),
    onMessage: (listener) => listeners.message.push(listener),
    onClose: (listener) => listeners.close.push(listener),
  };
}
