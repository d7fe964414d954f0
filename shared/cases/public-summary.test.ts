import { describe, expect, it } from 'vitest';
import type { CaseEventInput } from './events';
import { transition } from './machine';
import { buildActor, buildCase, buildContext, T0 } from './testing';
import type { CaseRecord } from './types';

const street = buildActor('street_dispatcher');
const later = new Date(T0.getTime() + 60_000);
const act = (record: CaseRecord, event: CaseEventInput, actor = street) => transition(record, event, buildContext(actor, later));

describe('the public summary (公开摘要)', () => {
  it('can be published at acceptance with photos of the case', () => {
    const result = act(buildCase({ photos: ['p1', 'p2'] }), { type: 'accept', publicSummary: '小区电梯故障，已受理', publicPhotos: ['p2'] });
    expect(result.ok && result.next).toMatchObject({ status: 'accepted', publicSummary: '小区电梯故障，已受理', publicPhotoIds: ['p2'] });
  });

  it('leaves an accepted case without one when none is given', () => {
    const result = act(buildCase(), { type: 'accept' });
    expect(result.ok && result.next).not.toHaveProperty('publicSummary');
  });

  it('refuses photos that are not the case\u2019s, and photos without a summary', () => {
    expect(act(buildCase({ photos: ['p1'] }), { type: 'accept', publicSummary: '小区电梯故障，已受理', publicPhotos: ['p1', 'elsewhere'] })).toMatchObject({
      ok: false,
      error: { code: 'case.invalid_event', details: { 'publicPhotos.1': '只能公开本案件的照片' } },
    });
    expect(act(buildCase({ photos: ['p1'] }), { type: 'accept', publicPhotos: ['p1'] })).toMatchObject({
      ok: false,
      error: { code: 'case.invalid_event', details: { publicSummary: '公开照片时须同时填写公开摘要' } },
    });
  });

  it('can be replaced later by the supervising centre, with any photo the case shows, a resolution photo included', () => {
    const resolved = buildCase({ status: 'resolved' });
    const result = act(resolved, { type: 'publish_summary', summary: '电梯已修复，待审核', photos: ['photo-after-1'] });
    expect(result.ok && result.next).toMatchObject({ status: 'resolved', publicSummary: '电梯已修复，待审核', publicPhotoIds: ['photo-after-1'] });
    expect(result.ok && result.entry).toMatchObject({ type: 'publish_summary', note: '电梯已修复，待审核', data: { photoCount: 1 } });
  });

  it('is not for grid staff, units or the reporter, nor for a merged case', () => {
    const record = buildCase({ status: 'in_progress' });
    for (const role of ['grid_leader', 'property_manager', 'resident'] as const) {
      expect(act(record, { type: 'publish_summary', summary: '小区电梯故障，处置中' }, buildActor(role))).toMatchObject({ ok: false, error: { code: 'case.forbidden' } });
    }
    expect(act(buildCase({ status: 'merged' }), { type: 'publish_summary', summary: '小区电梯故障，处置中' })).toMatchObject({
      ok: false,
      error: { code: 'case.illegal_transition' },
    });
  });
});
