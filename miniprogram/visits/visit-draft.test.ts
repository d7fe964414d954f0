import { describe, expect, it } from 'vitest';
import type { VisitCategoryView, VisitPerson } from '../services/visits';
import { draftErrorsOf, draftTouched, newVisitDraft, typedAnswers, visitBodyOf } from './visit-draft';

const category: Pick<VisitCategoryView, 'questions'> = {
  questions: [
    { key: 'guardian', label: '监护人', kind: 'text', required: true, sensitive: true },
    { key: 'dangerGrade', label: '危险性评估等级（0–5级）', kind: 'integer', required: true, min: 0, max: 5, sensitive: true },
    { key: 'medication', label: '服药情况', kind: 'choice', required: true, options: ['规律服药', '间断服药', '未服药'], sensitive: true },
    { key: 'livesAlone', label: '是否独居', kind: 'boolean', required: false, sensitive: false },
  ],
};

function person(overrides: Partial<VisitPerson> = {}): VisitPerson {
  return {
    id: 'vp_abcdefgh1234',
    version: 1,
    category: { code: 'severe_mental_disorder', name: '严重精神障碍患者' },
    risk: 'yellow',
    compoundCode: 'C001',
    compoundName: '万象公寓',
    gridCode: 'G0101',
    communityUnitCode: 'U-COMM-01',
    name: '王*五',
    idNumber: '3401**********1234',
    phone: null,
    address: '包河区…（已隐藏）',
    hasNotes: false,
    status: 'active',
    archived: null,
    lastVisitAt: null,
    schedule: { dueAt: '2026-11-27T02:00:00Z', warnAt: '2026-11-26T02:00:00Z', reason: 'routine', state: 'overdue', latenessHours: 24, escalatedTo: [] },
    ...overrides,
  };
}

const draftOf = (overrides: Partial<ReturnType<typeof newVisitDraft>> = {}) => ({ ...newVisitDraft(person(), 'acct-1', 'draft-0001-abc', new Date('2026-11-28T02:00:00Z')), ...overrides });

describe('a visit draft', () => {
  it('starts dated now, in person, met, at the person’s risk level, keeping only the masked name', () => {
    const draft = draftOf();
    expect(draft).toMatchObject({ draftId: 'draft-0001-abc', visitedAt: '2026-11-28T02:00:00.000Z', method: 'in_person', met: true, nextRisk: 'yellow', status: 'editing' });
    expect(draft.person).toEqual({ id: 'vp_abcdefgh1234', name: '王*五', categoryCode: 'severe_mental_disorder', categoryName: '严重精神障碍患者', compoundName: '万象公寓', risk: 'yellow' });
    expect(draftTouched(draft)).toBe(false);
    expect(draftTouched({ ...draft, answers: { guardian: '母亲' } })).toBe(true);
  });

  it('sends integers as numbers and leaves blank answers out', () => {
    expect(typedAnswers(category, { guardian: ' 母亲 ', dangerGrade: '3', medication: '', livesAlone: false })).toEqual({ guardian: '母亲', dangerGrade: 3, livesAlone: false });
  });

  it('will not be sent with a required answer missing or out of range, and says which, keyed as the form shows it', () => {
    const result = visitBodyOf(draftOf({ answers: { guardian: '母亲', dangerGrade: '7' } }), category);
    expect(result).toEqual({ errors: { 'answers.dangerGrade': '应在 0–5 之间', 'answers.medication': '请回答：服药情况' } });
  });

  it('asks for the case’s subcategory and description when a case is to be filed', () => {
    const result = visitBodyOf(draftOf({ answers: { guardian: '母亲', dangerGrade: '1', medication: '规律服药' }, fileCase: true, caseDescription: '短' }), category);
    expect(result).toEqual({ errors: { 'case.subcategoryCode': '问题小类编号应为 CC.SS', 'case.description': '问题描述至少5个字' } });
  });

  it('becomes the API’s body when complete: the findings trimmed, the point and case only when given', () => {
    const result = visitBodyOf(draftOf({ answers: { guardian: '母亲', dangerGrade: '4', medication: '间断服药' }, findings: ' 情绪激动 ', point: { lng: 117.28, lat: 31.76 }, nextRisk: 'red' }), category);
    expect(result).toEqual({
      body: {
        draftId: 'draft-0001-abc',
        visitedAt: '2026-11-28T02:00:00.000Z',
        method: 'in_person',
        met: true,
        answers: { guardian: '母亲', dangerGrade: 4, medication: '间断服药' },
        findings: '情绪激动',
        point: { lng: 117.28, lat: 31.76 },
        nextRisk: 'red',
        notifyDepartment: false,
      },
    });
  });

  it('names the second visitor by id and sends the case’s uploaded photos, the draft keeping only those', () => {
    const complete = { answers: { guardian: '母亲', dangerGrade: '1', medication: '规律服药' }, companion: { id: 'acct-2', name: '李四' }, fileCase: true, caseSubcategoryCode: '01.02', caseDescription: '楼道扶手松动，老人无法下楼' };
    const kept = visitBodyOf(draftOf({ ...complete, casePhotos: [{ id: 'ph_1', preview: 'data:image/jpeg;base64,AA' }] }), category);
    expect(kept).toMatchObject({ body: { companionId: 'acct-2', case: { subcategoryCode: '01.02', photos: ['ph_1'] } } });
    const live = visitBodyOf(draftOf(complete), category, [
      { key: 'a', preview: 'p', status: 'done', id: 'ph_2' },
      { key: 'b', preview: 'p', status: 'uploading' },
    ]);
    expect(live).toEqual({ errors: { 'case.photos': '照片还在上传，请稍候再提交' } });
    expect(visitBodyOf(draftOf(complete), category, [{ key: 'b', preview: 'p', status: 'failed', error: '网络连接失败' }])).toEqual({ errors: { 'case.photos': '有照片上传失败，请点“重试”或删除后再提交' } });
    // Photos belong to the case: without one, a failed upload does not hold the visit back.
    expect(visitBodyOf(draftOf({ ...complete, fileCase: false }), category, [{ key: 'b', preview: 'p', status: 'failed' }])).toMatchObject({ body: { companionId: 'acct-2' } });
    expect(draftTouched(draftOf({ companion: { id: 'acct-2', name: '李四' } }))).toBe(true);
    // A subcategory that needs a photo to be filed gets one before anything is sent.
    expect(visitBodyOf(draftOf(complete), category, [], { photoRequiredToFile: true })).toEqual({ errors: { 'case.photos': '这类问题须附至少1张照片' } });
    expect(visitBodyOf(draftOf(complete), category, [{ key: 'a', preview: 'p', status: 'done', id: 'ph_2' }], { photoRequiredToFile: true })).toMatchObject({ body: { case: { photos: ['ph_2'] } } });
  });

  it('reads the server’s field errors one message each', () => {
    expect(draftErrorsOf({ fields: { 'answers.guardian': ['请回答：监护人', '另一条'], visitedAt: [] } })).toEqual({ 'answers.guardian': '请回答：监护人' });
    expect(draftErrorsOf(undefined)).toEqual({});
  });
});
