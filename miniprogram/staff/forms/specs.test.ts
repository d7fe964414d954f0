import { describe, expect, it } from 'vitest';
import { caseEventLabels, type CaseEventType } from '../../../shared/cases/events';
import { ApiError } from '../../services/http';
import { apiFieldErrors, buildBody, checkForm, formSpec, type FormSpec } from './specs';

const spec = (type: CaseEventType): FormSpec => {
  const found = formSpec(type);
  if (!found) throw new Error(`no spec for ${type}`);
  return found;
};

const staffEvents: CaseEventType[] = [
  'accept', 'reject', 'dispatch', 'reassign', 'claim', 'return', 'escalate', 'progress', 'resolve',
  'send_back', 'verify', 'close', 'suspend', 'resume', 'merge', 'supervise', 'urge', 'publish_summary',
];

describe('form specs', () => {
  it('has a form for every staff event and none for the clock events', () => {
    for (const type of staffEvents) expect(formSpec(type)?.title).toBe(caseEventLabels[type]);
    expect(formSpec('warn')).toBeUndefined();
    expect(formSpec('rate')).toBeUndefined();
  });

  it('checks a reason with the shared schema and names the field', () => {
    expect(checkForm(spec('reject'), { reason: '短' })).toEqual({ ok: false, errors: { reason: '原因至少填写2个字' } });
    expect(checkForm(spec('reject'), { reason: ' 不属于本区 ' })).toEqual({ ok: true, body: { reason: ' 不属于本区 ' } });
  });

  it('needs a note to resolve, and sends the photos picked', () => {
    expect(checkForm(spec('resolve'), { note: '' })).toMatchObject({ ok: false, errors: { note: '说明不能为空' } });
    expect(checkForm(spec('resolve'), { note: '已清理', photos: ['p1', 'p2'] })).toEqual({ ok: true, body: { note: '已清理', photos: ['p1', 'p2'] } });
  });

  it('leaves empty optional fields out of the body', () => {
    expect(buildBody(spec('accept'), { note: '  ', publicSummary: '' })).toEqual({});
    expect(checkForm(spec('accept'), { publicSummary: '短' })).toMatchObject({ ok: false, errors: { publicSummary: '公开摘要至少5个字' } });
  });

  it('spells the unit picker as the dispatch body and shows a missing lead unit under the picker', () => {
    const dispatch = spec('dispatch');
    expect(checkForm(dispatch, { assignment: { lead: null, cohandlers: [] } })).toMatchObject({ ok: false, errors: { assignment: '请选择主办单位' } });
    const assignment = {
      lead: { code: 'U-PM-001', name: '安居物业', type: 'property_company' as const },
      cohandlers: [{ code: 'U-CG-01', name: '城管中队', type: 'urban_management' as const }],
    };
    expect(checkForm(dispatch, { assignment })).toEqual({
      ok: true,
      body: { leadUnitCode: 'U-PM-001', leadUnitType: 'property_company', cohandlers: [{ unitCode: 'U-CG-01', unitType: 'urban_management' }] },
    });
  });

  it('keeps a suspension within the limit', () => {
    const now = new Date('2026-03-20T00:00:00.000Z');
    expect(checkForm(spec('suspend'), { reason: '等待配件', until: new Date('2026-05-01T00:00:00.000Z') }, now)).toMatchObject({ ok: false, errors: { until: expect.stringContaining('30天') } });
    expect(checkForm(spec('suspend'), { reason: '等待配件' }, now)).toMatchObject({ ok: false, errors: { until: '挂起截止时间无效' } });
    expect(checkForm(spec('suspend'), { reason: '等待配件', until: new Date('2026-03-25T00:00:00.000Z') }, now)).toEqual({
      ok: true,
      body: { reason: '等待配件', until: '2026-03-25T00:00:00.000Z' },
    });
  });

  it("puts the server's field errors under their fields", () => {
    const refusal = new ApiError('case.unknown_unit', '单位不存在', 422, { fields: { leadUnitCode: ['该单位不属于本街镇'], 'cohandlers.0.unitCode': ['协办单位不存在'], note: ['说明不超过2000字'] } });
    expect(apiFieldErrors(spec('dispatch'), refusal)).toEqual({ assignment: '该单位不属于本街镇', note: '说明不超过2000字' });
    expect(apiFieldErrors(spec('dispatch'), new ApiError('network', '网络连接失败', 0))).toEqual({});
  });
});
