import type { IncomingMessage } from 'node:http';
import type { Context } from 'koa';
import type { AppError } from '../errors';

/**
 * Reads and drops what a client still sends after its body was refused, up to `budget` bytes, then
 * hangs up. A client that writes its whole body before reading (most do) would otherwise have its
 * connection reset under it and never see the 413; the budget keeps a client from making us read
 * without end.
 */
function lingerThenHangUp(req: IncomingMessage, budget: number): void {
  let dropped = 0;
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > budget) req.socket.destroy();
  });
  req.resume();
}

/**
 * The raw request body of a route the JSON parser leaves alone, refused with `tooLarge()` as soon
 * as it passes `maxBytes` (a declared length before reading anything), so no more than the limit
 * is ever held (photo uploads, roster imports), each route with its own error codes. The JSON body
 * parser leaves non-JSON bodies unread for us.
 */
export function readRawBody(ctx: Context, maxBytes: number, refusals: { tooLarge: () => AppError; interrupted: () => AppError }): Promise<Buffer> {
  const req: IncomingMessage = ctx.req;
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    ctx.set('Connection', 'close');
    return Promise.reject(refusals.tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('close', onAbort);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) {
        stop();
        chunks.length = 0;
        lingerThenHangUp(req, maxBytes);
        reject(refusals.tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks, total));
    };
    const onAbort = () => {
      stop();
      reject(refusals.interrupted());
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAbort);
    req.on('close', onAbort);
  });
}
