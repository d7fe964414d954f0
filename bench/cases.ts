import { randomBytes } from 'node:crypto';
import Koa from 'koa';
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import { listSubcategories } from '../shared/catalog/catalog';
import type { Database } from '../server/db/connection';
import type { ReferenceData } from '../server/reference/reference-data';

/** A point in grid ST01-G01 of the demo district, as the app would send from its map. */
export const benchPoint = { lng: 117.2935, lat: 31.8395 };

/** A subcategory a grid member may file with neither photo nor compound: filing at its cheapest honest path. */
export async function benchSubcategoryCode(reference: ReferenceData): Promise<string> {
  const catalog = await reference.latestCatalog();
  const subcategory = listSubcategories(catalog).find((s) => !s.photoRequiredToFile && s.anonymousAllowed);
  if (!subcategory) throw new Error('no subcategory fileable without a photo');
  return subcategory.code;
}

/** Copies a stored case `count` times with new ids and numbers: the "already stored" load. */
export async function storeCopies(database: Database, template: Record<string, unknown>, count: number, firstIndex = 0): Promise<void> {
  const cases = database.models.Case.collection;
  const base = new Date(template.filedAt as Date).getTime();
  const docs = Array.from({ length: count }, (_, offset) => firstIndex + offset).map((index) => ({
    ...template,
    _id: randomBytes(12).toString('base64url'),
    number: `BH-PRELOAD-${String(index).padStart(6, '0')}`,
    filedAt: new Date(base - (index + 1) * 60_000),
  }));
  for (let start = 0; start < docs.length; start += 500) await cases.insertMany(docs.slice(start, start + 500) as never[]);
}

/**
 * The baseline: a bare Koa app doing the same database work as our two endpoints with the raw
 * driver — parse JSON, take a case number, insert a document of the same shape; and the inbox's
 * one indexed query — without our validation, routing, auth, domain and presentation.
 */
export function bareCaseApp(database: Database, template: Record<string, unknown>): Koa {
  const app = new Koa();
  const router = new Router();
  const db = database.connection.db!;
  router.post('/bare/cases', async (ctx) => {
    const body = ctx.request.body as { description: string };
    const counter = await db.collection('counters').findOneAndUpdate({ _id: 'bare:day' } as never, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' });
    const now = new Date();
    const doc = { ...template, _id: randomBytes(12).toString('base64url'), number: `BARE-${counter?.seq}`, description: body.description, filedAt: now, updatedAt: now };
    await db.collection('cases').insertOne(doc as never);
    ctx.status = 201;
    ctx.body = doc;
  });
  router.get('/bare/inbox', async (ctx) => {
    const docs = await db
      .collection('cases')
      .find({ streetCode: 'ST01', facets: 'group:open' })
      .sort({ filedAt: -1, _id: -1 })
      .limit(21)
      .toArray();
    ctx.body = { items: docs.slice(0, 20), nextCursor: docs.length > 20 ? 'x' : null };
  });
  app.use(bodyParser({ enableTypes: ['json'] }));
  app.use(router.routes());
  return app;
}
