import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Middleware } from 'koa';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/**
 * Serves the H5 portal build. Unknown non-API paths answer index.html so deep links work once the
 * router moves from hash to browser mode; hashed assets are cached for a year, index.html never.
 */
export function staticPortal(root: string): Middleware {
  const base = path.resolve(root);
  return async (ctx, next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.path.startsWith('/api/')) return next();
    let decoded: string;
    try {
      decoded = decodeURIComponent(ctx.path);
    } catch {
      return next();
    }
    const requested = path.resolve(base, '.' + decoded);
    // Inside the portal folder only: a sibling such as `h5-secret/` shares the prefix, not the separator.
    if (requested !== base && !requested.startsWith(base + path.sep)) return next();
    const file = (await isFile(requested)) ? requested : path.join(base, 'index.html');
    if (!(await isFile(file))) return next();
    const ext = path.extname(file);
    ctx.type = contentTypes[ext] ?? 'application/octet-stream';
    ctx.set('Cache-Control', ext === '.html' ? 'no-cache' : 'public, max-age=31536000, immutable');
    ctx.body = createReadStream(file);
  };
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
