import sharp from 'sharp';
import type { TestApp } from './app';

/** A small real PNG, as a phone would upload (re-encoded by the server like any photo). */
export async function samplePng(seed = 0): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: (seed * 40) % 255, g: 120, b: 200 } } })
    .png()
    .toBuffer();
}

/** Uploads a photo as `username` and answers its id. */
export async function uploadPhoto(app: TestApp, username: string, seed = 0): Promise<string> {
  const response = await fetch(`${app.server.url}/api/v1/photos`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await app.token(username)}`, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(await samplePng(seed)),
  });
  if (response.status !== 201) throw new Error(`photo upload failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

/** Sends a lifecycle event and fails loudly with the server's answer if it is refused. */
export async function act(app: TestApp, username: string, caseId: string, type: string, body: Record<string, unknown> = {}) {
  const response = await app.server.request('POST', `/api/v1/cases/${caseId}/events/${type}`, { token: await app.token(username), body });
  if (response.status !== 200) throw new Error(`${username} ${type} on ${caseId}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Files a case and fails loudly if refused. */
export async function file(app: TestApp, username: string, body: Record<string, unknown>) {
  const response = await app.server.request('POST', '/api/v1/cases', { token: await app.token(username), body });
  if (response.status !== 201) throw new Error(`${username} filing: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** A point inside grid ST01-G01 of the demo district (包公街道第1网格). */
export const pointInGrid0101 = { lng: 117.2935, lat: 31.8395 };
