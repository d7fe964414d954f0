import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MongoClient } from 'mongodb';
import { WebSocketServer, WebSocket } from 'ws';

/**
 * The live channel's baseline: what a broadcast costs at least. A bare HTTP server whose
 * `POST /touch` writes one document on the same engine and then sends one fixed message (the
 * size of one of our step messages) to every connected socket; sockets need no sign-in and no
 * subscription. Run as a child process by bench/live.ts; prints its port when listening.
 */
async function main(): Promise<void> {
  const client = await MongoClient.connect(process.env.MONGODB_URI!, { maxPoolSize: 1 });
  const touches = client.db().collection<{ _id: string; n: number }>('bare_touches');
  const payload = process.env.BARE_PAYLOAD ?? '{}';
  const sockets = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const server = createServer((request, response) => {
    if (request.method !== 'POST' || request.url !== '/touch') {
      response.writeHead(404).end();
      return;
    }
    void touches.updateOne({ _id: 'one' }, { $inc: { n: 1 } }, { upsert: true }).then(() => {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      for (const socket of sockets.clients) if (socket.readyState === WebSocket.OPEN) socket.send(payload);
    });
  });
  server.on('upgrade', (request, socket, head) => sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request)));
  server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
}

void main();
