import { describe, expect, it } from 'vitest';
import { checkClaim, claimErrorsFrom, claimRequest, emptyClaim, type ClaimDraft } from './claim-form.model';

const filled: ClaimDraft = { ...emptyClaim, compound: { code: 'C001', name: '滨湖花园' }, buildingCode: 'C001-B01', unit: '1', room: '101' };

describe('the claim form, pure', () => {
  it('sends name and phone only when given', () => {
    expect(claimRequest(filled)).toEqual({ compoundCode: 'C001', buildingCode: 'C001-B01', unit: '1', room: '101', relation: 'owner' });
    expect(claimRequest({ ...filled, name: ' 高海文 ', phone: '13800000001' })).toMatchObject({ name: '高海文', phone: '13800000001' });
  });

  it('names what is missing before sending, by field', () => {
    const errors = checkClaim(emptyClaim);
    expect(errors.compoundCode).toBe('请选择小区');
    expect(errors.buildingCode).toBe('请选择楼栋');
    expect(errors.unit).toBe('单元不能为空');
    expect(errors.room).toBe('房号不能为空');
    expect(checkClaim({ ...filled, phone: '12345' }).phone).toBe('手机号须为11位大陆手机号');
    expect(checkClaim(filled)).toEqual({});
  });

  it('places the server’s field errors beside their fields, anything else under the form', () => {
    expect(claimErrorsFrom({ fields: { room: ['房号只能是数字、字母或短横线'], 'phone.0': ['手机号不正确'] } }, '提交的内容有误')).toEqual({
      room: '房号只能是数字、字母或短横线',
      phone: '手机号不正确',
    });
    expect(claimErrorsFrom(undefined, '您已认证过这间房屋')).toEqual({ form: '您已认证过这间房屋' });
  });
});
