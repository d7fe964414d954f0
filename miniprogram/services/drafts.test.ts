import { describe, expect, it } from 'vitest';
import Taro from '@tarojs/taro';
import { clearDraft, hasContent, loadDraft, noteSubcategoryUsed, readSubcategoryUsage, saveDraft } from './drafts';

describe('filing drafts', () => {
  it('starts a draft with a key and keeps it from the first read', () => {
    const first = loadDraft('report');
    expect(first.idempotencyKey).toMatch(/^[0-9a-z]+-[0-9a-z]+$/);
    expect(hasContent(first)).toBe(false);
    expect(loadDraft('report').idempotencyKey).toBe(first.idempotencyKey);
  });

  it('survives a reload: what was saved is what the next start reads', () => {
    const draft = loadDraft('report');
    saveDraft('report', { ...draft, subcategoryCode: '01.01', description: '小区门口垃圾堆积', photos: [{ id: 'a'.repeat(32), preview: 'data:image/jpeg;base64,AA' }], place: { compoundCode: 'C001', compoundName: '滨湖世纪城' } });
    // What a restarted app finds: only storage is left.
    const raw = JSON.parse(localStorage.getItem('gongzhi.draft.report') ?? 'null');
    expect(raw).not.toBeNull();
    const reloaded = loadDraft('report');
    expect(reloaded).toMatchObject({ idempotencyKey: draft.idempotencyKey, subcategoryCode: '01.01', description: '小区门口垃圾堆积', place: { compoundCode: 'C001' } });
    expect(reloaded.photos).toHaveLength(1);
    expect(hasContent(reloaded)).toBe(true);
  });

  it('keeps the key across failed attempts and draws a new one only after clearing', () => {
    const draft = loadDraft('report');
    saveDraft('report', { ...draft, description: '第一次提交失败' });
    saveDraft('report', { ...loadDraft('report'), description: '第一次提交失败，再试' });
    expect(loadDraft('report').idempotencyKey).toBe(draft.idempotencyKey);
    clearDraft('report');
    const next = loadDraft('report');
    expect(next.idempotencyKey).not.toBe(draft.idempotencyKey);
    expect(next.description).toBe('');
  });

  it('keeps the patrol draft apart from the resident draft', () => {
    saveDraft('report', { ...loadDraft('report'), description: '居民的' });
    saveDraft('patrol', { ...loadDraft('patrol'), description: '巡查的' });
    clearDraft('report');
    expect(loadDraft('patrol').description).toBe('巡查的');
    expect(loadDraft('report').description).toBe('');
  });

  it('treats an unreadable stored value as no draft', () => {
    Taro.setStorageSync('gongzhi.draft.report', { nonsense: true });
    const draft = loadDraft('report');
    expect(draft.description).toBe('');
    expect(draft.idempotencyKey).not.toBe('');
  });

  it('counts the subcategories this device filed', () => {
    expect(readSubcategoryUsage()).toEqual({});
    noteSubcategoryUsed('01.01');
    noteSubcategoryUsed('02.03');
    noteSubcategoryUsed('01.01');
    expect(readSubcategoryUsage()).toEqual({ '01.01': 2, '02.03': 1 });
  });
});
