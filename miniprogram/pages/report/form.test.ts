import { describe, expect, it } from 'vitest';
import { baoheCatalog } from '../../../shared/catalog/baohe-catalog';
import { findPickable } from '../../components/category-picker.model';
import type { PickedPhoto } from '../../components/photo-picker';
import { emptyDraft, type FilingDraft } from '../../services/drafts';
import { fieldErrorsFrom, filingPreview, filingRequest, validateFiling } from './form';

const draft = (changes: Partial<FilingDraft>): FilingDraft => ({ ...emptyDraft('k1'), ...changes });
const done = (id: string): PickedPhoto => ({ key: id, preview: 'data:,', status: 'done', id });
const anonymousOk = baoheCatalog.categories.flatMap((c) => c.subcategories).find((s) => s.anonymousAllowed && !s.photoRequiredToFile)!;
const photoRequired = baoheCatalog.categories.flatMap((c) => c.subcategories).find((s) => s.photoRequiredToFile)!;
const notAnonymous = baoheCatalog.categories.flatMap((c) => c.subcategories).find((s) => !s.anonymousAllowed)!;
const place = { point: { lng: 117.2935, lat: 31.8395 }, streetName: '包公街道', gridName: '第1网格' };

describe('validating a filing on the phone', () => {
  it('shows the server schema’s own messages beside each field', () => {
    const errors = validateFiling(draft({ description: '短', contactPhone: '12345' }), [], undefined);
    expect(errors).toEqual({
      subcategoryCode: '请选择问题小类',
      description: '请至少用5个字描述问题',
      place: '请在地图上选点或选择小区',
      contactPhone: '请填写11位手机号码',
    });
  });

  it('accepts a complete filing', () => {
    const subcategory = findPickable(baoheCatalog, anonymousOk.code);
    expect(validateFiling(draft({ subcategoryCode: anonymousOk.code, description: '小区门口的垃圾三天没人清理了', place }), [], subcategory)).toEqual({});
  });

  it('asks for a photo where the subcategory requires one, and waits for uploads', () => {
    const subcategory = findPickable(baoheCatalog, photoRequired.code);
    const base = draft({ subcategoryCode: photoRequired.code, description: '路面塌陷了一个大坑很危险', place });
    expect(validateFiling(base, [], subcategory).photos).toBe('这类问题须附至少1张照片');
    expect(validateFiling(base, [{ key: 'a', preview: '', status: 'uploading' }], subcategory).photos).toBe('照片还在上传，请稍候再提交');
    expect(validateFiling(base, [{ key: 'a', preview: '', status: 'failed' }], subcategory).photos).toMatch(/上传失败/);
    expect(validateFiling(base, [done('a'.repeat(32))], subcategory)).toEqual({});
  });

  it('never sends anonymity where the subcategory does not allow it', () => {
    const allowed = filingRequest(draft({ subcategoryCode: anonymousOk.code, anonymous: true }), [], findPickable(baoheCatalog, anonymousOk.code));
    expect(allowed.anonymous).toBe(true);
    const refused = filingRequest(draft({ subcategoryCode: notAnonymous.code, anonymous: true }), [], findPickable(baoheCatalog, notAnonymous.code));
    expect(refused.anonymous).toBe(false);
  });

  it('places the server’s field errors beside the fields', () => {
    expect(fieldErrorsFrom({ 'location.lng': ['经度超出范围'], description: ['描述不超过2000字'] })).toEqual({ place: '经度超出范围', description: '描述不超过2000字' });
  });

  it('previews what will be public with phone numbers masked and photos awaiting review', () => {
    const subcategory = findPickable(baoheCatalog, anonymousOk.code)!;
    const preview = filingPreview(draft({ subcategoryCode: anonymousOk.code, description: '有事请打13812345678联系我', place, contactPhone: '13900001111' }), [done('b'.repeat(32))], subcategory);
    expect(preview.maskedDescription).toBe('有事请打138****5678联系我');
    expect(preview.personalDataFound).toEqual(['电话号码']);
    expect(preview.hiddenFromPublic.join()).toContain('照片（1张');
    expect(preview.shown[0].value).toBe(`${subcategory.categoryName} / ${subcategory.name}`);
  });
});
