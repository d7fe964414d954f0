import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/app';
import { attachPhotos } from '../../photos/photos';
import { uploadPhoto } from '../../testing/cases';
import { shedPollDraft } from '../../testing/polls';

// The demo district: community01 runs C001, where resident01 has a verified home and resident04 a
// pending claim; resident02 lives in another compound.
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ label: 'poll-photos' });
});
afterAll(async () => app?.close());

const call = async (who: string | undefined, method: string, path: string, body?: unknown) =>
  app.server.request(method, `/api/v1${path}`, { ...(who ? { token: await app.token(who) } : {}), ...(body === undefined ? {} : { body }) });

async function photoStatus(who: string | undefined, id: string, size?: 'thumb') {
  const response = await fetch(`${app.server.url}/api/v1/photos/${id}${size ? '?size=thumb' : ''}`, { headers: who ? { authorization: `Bearer ${await app.token(who)}` } : {} });
  await response.arrayBuffer();
  return response.status;
}

const holderOf = async (id: string) => {
  const doc = await app.database.models.Photo.findById(id).lean();
  return { caseId: doc?.caseId ?? null, pollId: doc?.pollId ?? null };
};

describe("a poll's background photos", () => {
  it('are claimed by the author and shown to whoever may read the poll, to nobody else (404)', async () => {
    const shed = await uploadPhoto(app, 'community01', 1);
    const draft = await call('community01', 'POST', '/polls', shedPollDraft(app, { photoIds: [shed], publicResults: false }));
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    expect(draft.body.photos).toEqual([{ id: shed, url: `/api/v1/photos/${shed}`, thumbnailUrl: `/api/v1/photos/${shed}?size=thumb` }]);
    expect(await holderOf(shed)).toEqual({ caseId: null, pollId: draft.body.id });

    // A draft is its managers' alone.
    expect(await photoStatus('community01', shed)).toBe(200);
    expect(await photoStatus('resident01', shed)).toBe(404);

    const opened = await call('community01', 'POST', `/polls/${draft.body.id}/open`, { version: draft.body.version });
    expect(opened.status).toBe(200);
    expect((await call('resident01', 'GET', `/polls/${draft.body.id}`)).body.photos.map((photo: { id: string }) => photo.id)).toEqual([shed]);
    expect(await photoStatus('resident01', shed)).toBe(200);
    expect(await photoStatus('resident04', shed, 'thumb')).toBe(200);
    expect(await photoStatus('member0101', shed)).toBe(200);
    expect(await photoStatus('resident02', shed)).toBe(404);
    expect(await photoStatus('resident02', shed, 'thumb')).toBe(404);
    expect(await photoStatus(undefined, shed)).toBe(404);
  });

  it('are shown to anyone once a poll with public results has ended', async () => {
    const photo = await uploadPhoto(app, 'community01', 2);
    const draft = await call('community01', 'POST', '/polls', shedPollDraft(app, { photoIds: [photo], publicResults: true }));
    await call('community01', 'POST', `/polls/${draft.body.id}/open`, { version: draft.body.version });
    expect(await photoStatus(undefined, photo)).toBe(404);
    const closed = await call('community01', 'POST', `/polls/${draft.body.id}/close`, { version: draft.body.version + 1 });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(await photoStatus(undefined, photo)).toBe(200);
    expect(await photoStatus('resident02', photo, 'thumb')).toBe(200);
  });

  it("refuses with 422 and a field error an unknown photo, someone else's, or one a case shows, and claims none of the draft's", async () => {
    const mine = await uploadPhoto(app, 'community01', 3);
    const residents = await uploadPhoto(app, 'resident01', 4);
    const filed = await uploadPhoto(app, 'community01', 5);
    expect(await attachPhotos(app.database, [filed], { ownerId: (await app.actor('community01')).id, caseId: 'case-with-photo' })).toEqual({ ok: true });
    const unknown = 'f'.repeat(32);
    for (const stranger of [unknown, residents, filed]) {
      const refused = await call('community01', 'POST', '/polls', shedPollDraft(app, { photoIds: [mine, stranger] }));
      expect(refused.status, JSON.stringify(refused.body)).toBe(422);
      expect(refused.body.error.code).toBe('poll.photos_unusable');
      expect(refused.body.error.details.fields.photoIds[0]).toContain(stranger);
      expect(await holderOf(mine)).toEqual({ caseId: null, pollId: null });
    }
    expect(await holderOf(residents)).toEqual({ caseId: null, pollId: null });

    const malformed = await call('community01', 'POST', '/polls', shedPollDraft(app, { photoIds: ['not-a-photo'] }));
    expect(malformed.status).toBe(400);
    expect(Object.keys(malformed.body.error.details.fields)).toEqual(['photoIds.0']);
  });

  it('follow the draft as it is edited: added photos are claimed, dropped ones freed, a stale edit claims nothing', async () => {
    const [first, second, third] = [await uploadPhoto(app, 'community01', 6), await uploadPhoto(app, 'community01', 7), await uploadPhoto(app, 'community01', 8)];
    const draft = await call('community01', 'POST', '/polls', shedPollDraft(app, { photoIds: [first] }));
    const edited = await call('community01', 'PUT', `/polls/${draft.body.id}`, { version: draft.body.version, draft: shedPollDraft(app, { photoIds: [second] }) });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(await holderOf(first)).toEqual({ caseId: null, pollId: null });
    expect(await holderOf(second)).toEqual({ caseId: null, pollId: draft.body.id });

    const stale = await call('community01', 'PUT', `/polls/${draft.body.id}`, { version: draft.body.version, draft: shedPollDraft(app, { photoIds: [second, third] }) });
    expect(stale.status).toBe(409);
    expect(await holderOf(third)).toEqual({ caseId: null, pollId: null });
    expect(await holderOf(second)).toEqual({ caseId: null, pollId: draft.body.id });
  });
});
