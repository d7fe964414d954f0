import { readdir, readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildActor, buildCase } from '../../../shared/cases/testing';
import { attachPhotos, canViewPhoto, photoFilePath } from '../../photos/photos';
import { startTestApp, type TestApp } from '../../testing/app';

let app: TestApp;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  app = await startTestApp({ label: 'photos' });
  for (const username of ['resident01', 'resident02', 'street01', 'pm01']) tokens[username] = await app.token(username);
});
afterAll(async () => app.close());

// ---- factories -------------------------------------------------------------------------------

const solid = (width: number, height: number, channels: 3 | 4 = 3) =>
  sharp({ create: { width, height, channels, background: channels === 4 ? { r: 200, g: 60, b: 60, alpha: 0.5 } : '#3a7' } });

const pngImage = () => solid(50, 40, 4).png().toBuffer();
const webpImage = () => solid(64, 48).webp().toBuffer();

/** A portrait phone photo: stored landscape with EXIF orientation 6, camera make and GPS. */
const jpegWithGps = () =>
  solid(60, 40)
    .jpeg()
    .withMetadata({
      orientation: 6,
      exif: {
        IFD0: { Make: 'AcmePhone', Model: 'Leak 1' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 49/1 1234/100', GPSLongitudeRef: 'E', GPSLongitude: '117/1 13/1 5678/100' },
      },
    })
    .toBuffer();

/** A tiny JPEG whose header claims 8000 × 6000 (48 MP): the shape of a decompression bomb. */
async function jpegClaiming(width: number, height: number): Promise<Buffer> {
  const bytes = Buffer.from(await solid(16, 16).jpeg().toBuffer());
  const sof = bytes.indexOf(Buffer.from([0xff, 0xc0]));
  bytes.writeUInt16BE(height, sof + 5);
  bytes.writeUInt16BE(width, sof + 7);
  return bytes;
}

// ---- HTTP helpers (the shared client speaks JSON; photos are raw bytes) ------------------------

async function upload(bytes: Uint8Array, options: { token?: string; contentType?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/octet-stream', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(`${app.server.url}/api/v1/photos`, { method: 'POST', headers, body: bytes as Uint8Array<ArrayBuffer> });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

async function download(path: string, token?: string) {
  const response = await fetch(app.server.url + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const bytes = Buffer.from(await response.arrayBuffer());
  const json = response.headers.get('content-type')?.includes('json') ? JSON.parse(bytes.toString('utf8')) : undefined;
  return { status: response.status, headers: response.headers, bytes, body: json };
}

async function uploaded(bytes: Uint8Array, username = 'resident01'): Promise<{ id: string; url: string; thumbnailUrl: string; width: number; height: number; bytes: number }> {
  const response = await upload(bytes, { token: tokens[username] });
  expect(response.status).toBe(201);
  return response.body;
}

/** Every file under the uploads folder and every Photo document: what a refused upload must not change. */
async function storedState() {
  const entries = await readdir(app.deps.config.uploads.dir, { recursive: true, withFileTypes: true });
  return { files: entries.filter((entry) => entry.isFile()).length, documents: await app.database.models.Photo.countDocuments() };
}

// ---- upload ------------------------------------------------------------------------------------

describe('POST /api/v1/photos', () => {
  it('accepts a JPEG, PNG and WebP and answers 201 with the id, size and both URLs', async () => {
    for (const [bytes, width, height] of [
      [await jpegWithGps(), 40, 60],
      [await pngImage(), 50, 40],
      [await webpImage(), 64, 48],
    ] as const) {
      const response = await upload(bytes, { token: tokens.resident01 });
      expect(response.status).toBe(201);
      const { id } = response.body;
      expect(id).toMatch(/^[0-9a-f]{32}$/);
      expect(response.body).toEqual({ id, width, height, bytes: expect.any(Number), url: `/api/v1/photos/${id}`, thumbnailUrl: `/api/v1/photos/${id}?size=thumb` });
    }
  });

  it('answers a photo sent as JSON with 415 at once, rather than waiting for a body already read', async () => {
    const started = Date.now();
    const response = await upload(new TextEncoder().encode('{"photo":"x"}'), { token: tokens.resident01, contentType: 'application/json' });
    expect(response.status).toBe(415);
    expect(response.body.error.code).toBe('photo.unsupported_content_type');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('identifies the image by its bytes, whatever content type the client claims', async () => {
    const response = await upload(await pngImage(), { token: tokens.resident01, contentType: 'text/plain' });
    expect(response.status).toBe(201);
  });

  it('stores a JPEG turned upright per EXIF orientation, with all metadata (GPS included) stripped', async () => {
    const original = await jpegWithGps();
    const before = await sharp(original).metadata();
    expect(before.exif).toBeDefined();
    expect(before.orientation).toBe(6);

    const photo = await uploaded(original);
    const stored = await readFile(photoFilePath(app.deps.config.uploads.dir, photo.id, 'full'));
    for (const bytes of [stored, (await download(photo.url, tokens.resident01)).bytes]) {
      const after = await sharp(bytes).metadata();
      expect(after.format).toBe('jpeg');
      expect([after.width, after.height]).toEqual([40, 60]);
      expect(after.exif).toBeUndefined();
      expect(after.xmp).toBeUndefined();
      expect(after.iptc).toBeUndefined();
      expect(after.icc).toBeUndefined();
      expect(after.orientation).toBeUndefined();
      expect(bytes.includes(Buffer.from('AcmePhone'))).toBe(false);
    }
  });

  it('re-encodes PNG and WebP as JPEG, transparent areas flattened onto white', async () => {
    const photo = await uploaded(await pngImage());
    const { bytes } = await download(photo.url, tokens.resident01);
    const metadata = await sharp(bytes).metadata();
    expect(metadata.format).toBe('jpeg');
    expect(metadata.hasAlpha).toBe(false);
    const { data } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
    // 50 % red over white, not over black.
    expect(data[0]).toBeGreaterThan(200);
    expect(data[1]).toBeGreaterThan(120);
  });

  it('shrinks a large image to 2048 px on its longest side and makes a thumbnail of at most 320 px', async () => {
    const photo = await uploaded(await solid(3000, 1000).png().toBuffer());
    expect([photo.width, photo.height]).toEqual([2048, 683]);
    const full = await download(photo.url, tokens.resident01);
    const thumb = await download(photo.thumbnailUrl, tokens.resident01);
    expect(thumb.status).toBe(200);
    const thumbMeta = await sharp(thumb.bytes).metadata();
    expect(thumbMeta.format).toBe('jpeg');
    expect(Math.max(thumbMeta.width, thumbMeta.height)).toBeLessThanOrEqual(320);
    expect(thumb.bytes.length).toBeLessThan(full.bytes.length);
    expect(full.bytes.length).toBe(photo.bytes);
  });

  it('refuses a text file named and typed as a JPEG with 415', async () => {
    const response = await upload(Buffer.from('这不是照片，只是改了扩展名的文本文件'), {
      token: tokens.resident01,
      contentType: 'image/jpeg',
      headers: { 'content-disposition': 'attachment; filename="photo.jpg"' },
    });
    expect(response.status).toBe(415);
    expect(response.body.error.code).toBe('photo.unsupported_type');
    expect(response.body.error.message).toMatch(/JPEG/);
  });

  it('refuses GIF, SVG and AVIF with 415, even when they claim to be JPEG', async () => {
    const gif = await solid(8, 8).gif().toBuffer();
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
    const avif = await solid(8, 8).avif().toBuffer();
    for (const bytes of [gif, svg, avif]) {
      const response = await upload(bytes, { token: tokens.resident01, contentType: 'image/jpeg' });
      expect(response.status).toBe(415);
      expect(response.body.error.code).toBe('photo.unsupported_type');
    }
  });

  it('refuses an empty body with 400', async () => {
    const response = await upload(new Uint8Array(0), { token: tokens.resident01 });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('photo.empty');
  });

  it('refuses a body over the size limit with 413 and writes nothing', async () => {
    const before = await storedState();
    const bytes = Buffer.alloc(app.deps.config.uploads.maxBytes + 1);
    (await jpegWithGps()).copy(bytes);
    const response = await upload(bytes, { token: tokens.resident01, contentType: 'image/jpeg' });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('photo.too_large');
    expect(await storedState()).toEqual(before);
  });

  it('refuses a chunked body (no declared length) with 413 once it passes the limit while streaming', async () => {
    const before = await storedState();
    const chunk = Buffer.alloc(256 * 1024, 0xff);
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${app.server.url}/api/v1/photos`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.resident01}`, 'content-type': 'image/jpeg', 'transfer-encoding': 'chunked' },
      });
      let answered = false;
      req.on('response', (res) => {
        answered = true;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (part: string) => (text += part));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      // The server hangs up once it has answered; a write racing that hang-up may fail (EPIPE)
      // after the answer arrived, which is the expected end. Failing before any answer is not.
      req.on('error', (error) => {
        if (!answered) reject(error);
      });
      // Keeps sending well past the limit, as a client that does not read early answers would,
      // with a breath between chunks so the answer can arrive; stops once it has.
      let sent = 0;
      const pump = () => {
        while (!answered && sent < app.deps.config.uploads.maxBytes * 4) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', () => setTimeout(pump, 5));
        }
        if (!answered) req.end();
      };
      pump();
    });
    expect(status).toBe(413);
    expect(JSON.parse(body).error.code).toBe('photo.too_large');
    expect(await storedState()).toEqual(before);
  });

  it('refuses an image over ~40 megapixels with 422 before decoding it', async () => {
    const before = await storedState();
    const response = await upload(await jpegClaiming(8000, 6000), { token: tokens.resident01 });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('photo.too_many_pixels');
    expect(await storedState()).toEqual(before);
  });

  it('refuses a JPEG whose pixel data is cut off with 422', async () => {
    const whole = await solid(400, 300).jpeg().toBuffer();
    const response = await upload(whole.subarray(0, Math.floor(whole.length / 2)), { token: tokens.resident01 });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('photo.unreadable');
  });

  it('refuses an anonymous upload with 401', async () => {
    const response = await upload(await pngImage());
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('auth.required');
  });
});

// ---- download ----------------------------------------------------------------------------------

describe('GET /api/v1/photos/:id', () => {
  let photo: { id: string; url: string; thumbnailUrl: string };
  beforeAll(async () => {
    photo = await uploaded(await jpegWithGps());
  });

  it('serves the uploader a JPEG with private caching and nosniff', async () => {
    const response = await download(photo.url, tokens.resident01);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(response.headers.get('cache-control')).toBe('private, max-age=86400');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await sharp(response.bytes).metadata()).format).toBe('jpeg');
  });

  it('serves staff roles (a street dispatcher, a property manager)', async () => {
    expect((await download(photo.url, tokens.street01)).status).toBe(200);
    expect((await download(photo.thumbnailUrl, tokens.pm01)).status).toBe(200);
  });

  it('refuses another resident with 403 and an anonymous request with 401 while the photo is unattached', async () => {
    const other = await download(photo.url, tokens.resident02);
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('photo.not_allowed');
    expect(other.headers.get('cache-control')).toBeNull();
    const anonymous = await download(photo.thumbnailUrl);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('auth.required');
  });

  it('serves nobody but the parties a photo attached to a case that does not show it publicly', async () => {
    const mine = await uploaded(await webpImage());
    const owner = await app.actor('resident01');
    // No such case is stored: without its case, the policy has nothing to show the photo by.
    expect(await attachPhotos(app.database, [mine.id], { ownerId: owner.id, caseId: 'case-public-1' })).toEqual({ ok: true });
    expect((await download(mine.url)).status).toBe(401);
    expect((await download(mine.thumbnailUrl, tokens.resident02)).status).toBe(403);
  });

  it('answers 400 for an unknown size', async () => {
    const response = await download(`${photo.url}?size=huge`, tokens.resident01);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('request.invalid');
  });

  it('answers 404 for an unknown id and 400 for one that is not a photo id, even to staff', async () => {
    const unknown = await download('/api/v1/photos/0123456789abcdef0123456789abcdef', tokens.street01);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    for (const id of ['not-an-id', '..%2F..%2Fetc%2Fpasswd', photo.id.toUpperCase()]) {
      const response = await download(`/api/v1/photos/${id}`, tokens.street01);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('request.invalid');
    }
  });
});

// ---- rules as functions ------------------------------------------------------------------------

describe('canViewPhoto', () => {
  const resident = { id: 'r1', role: 'resident', name: '居民', scope: {} } as const;
  const neighbour = { id: 'r2', role: 'resident', name: '邻居', scope: {} } as const;
  const dispatcher = { id: 's1', role: 'street_dispatcher', name: '调度员', scope: { streetCode: 'ST01' } } as const;

  it('lets the uploader and staff see an unattached photo, and nobody else', () => {
    const photo = { id: 'p1', ownerId: 'r1', caseId: null };
    expect(canViewPhoto(photo, { actor: resident })).toBe(true);
    expect(canViewPhoto(photo, { actor: dispatcher })).toBe(true);
    expect(canViewPhoto(photo, { actor: neighbour })).toBe(false);
    expect(canViewPhoto(photo, { actor: undefined })).toBe(false);
  });

  it('asks the privacy policy about a photo a case shows: everyone sees it once a centre made it public', () => {
    const record = buildCase({ id: 'C1', photos: ['p1', 'p2'], publicPhotoIds: ['p2'] });
    expect(canViewPhoto({ id: 'p1', ownerId: 'r1', caseId: 'C1' }, { actor: undefined }, record)).toBe(false);
    expect(canViewPhoto({ id: 'p1', ownerId: 'r1', caseId: 'C1' }, { actor: neighbour }, record)).toBe(false);
    expect(canViewPhoto({ id: 'p2', ownerId: 'r1', caseId: 'C1' }, { actor: undefined }, record)).toBe(true);
    expect(canViewPhoto({ id: 'p1', ownerId: 'r1', caseId: 'C1' }, { actor: buildActor('resident') }, record)).toBe(true);
  });

  it('refuses a case photo when the case given is not the photo\'s', () => {
    const record = buildCase({ id: 'C2', photos: ['p2'], publicPhotoIds: ['p2'] });
    expect(canViewPhoto({ id: 'p2', ownerId: 'r1', caseId: 'C1' }, { actor: undefined }, record)).toBe(false);
  });
});

describe('attachPhotos', () => {
  it('attaches the owner’s photos to a case, and a retry for the same case succeeds', async () => {
    const owner = await app.actor('resident01');
    const [a, b] = [await uploaded(await pngImage()), await uploaded(await pngImage())];
    expect(await attachPhotos(app.database, [a.id, b.id, a.id], { ownerId: owner.id, caseId: 'case-1' })).toEqual({ ok: true });
    expect(await attachPhotos(app.database, [a.id, b.id], { ownerId: owner.id, caseId: 'case-1' })).toEqual({ ok: true });
    const docs = await app.database.models.Photo.find({ _id: { $in: [a.id, b.id] } }).lean();
    expect(docs.map((doc) => doc.caseId)).toEqual(['case-1', 'case-1']);
  });

  it('refuses another owner’s photo and attaches none of the batch', async () => {
    const owner = await app.actor('resident01');
    const mine = await uploaded(await pngImage(), 'resident01');
    const theirs = await uploaded(await pngImage(), 'resident02');
    expect(await attachPhotos(app.database, [mine.id, theirs.id], { ownerId: owner.id, caseId: 'case-2' })).toEqual({ ok: false, missing: [theirs.id] });
    const docs = await app.database.models.Photo.find({ _id: { $in: [mine.id, theirs.id] } }).lean();
    expect(docs.map((doc) => doc.caseId)).toEqual([null, null]);
  });

  it('refuses unknown ids and photos already shown by another case', async () => {
    const owner = await app.actor('resident01');
    const taken = await uploaded(await pngImage());
    expect(await attachPhotos(app.database, [taken.id], { ownerId: owner.id, caseId: 'case-3' })).toEqual({ ok: true });
    const unknown = 'ffffffffffffffffffffffffffffffff';
    expect(await attachPhotos(app.database, [taken.id, unknown, 'bogus'], { ownerId: owner.id, caseId: 'case-4' })).toEqual({
      ok: false,
      missing: [taken.id, unknown, 'bogus'],
    });
    expect((await app.database.models.Photo.findById(taken.id).lean())?.caseId).toBe('case-3');
  });
});
