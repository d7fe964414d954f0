import { describe, expect, it } from 'vitest';
import { publicPreviewOf, type PreviewInput } from './preview';

const names = { category: '住宅小区', subcategory: '电梯故障', street: '滨湖世纪社区', compound: '滨湖惠园' };
const filing = (overrides: Partial<PreviewInput> = {}): PreviewInput => ({
  description: '3号楼电梯突然下坠，请尽快处理',
  photos: [],
  anonymous: false,
  compoundCode: 'C001',
  ...overrides,
});

describe('publicPreviewOf', () => {
  it('shows the category, a coarse place and the progress, and none of the words typed', () => {
    const input = filing({ description: '我是王女士，电话13812345678，3号楼电梯突然下坠', location: { lng: 117.29137, lat: 31.79321 }, photos: ['p1'] });
    const preview = publicPreviewOf(input, names);
    expect(preview.shown).toEqual([
      { label: '问题分类', value: '住宅小区 / 电梯故障' },
      { label: '大致位置', value: '滨湖世纪社区 滨湖惠园（约200米范围，117.292, 31.794）' },
      { label: '办理状态', value: '各环节名称、时间及办理角色' },
      { label: '公开摘要', value: '工作人员审核后发布，自动隐去电话、证件号、车牌号和邮箱' },
    ]);
    const everythingShown = JSON.stringify(preview.shown);
    expect(everythingShown).not.toContain('王女士');
    expect(everythingShown).not.toContain('13812345678');
    expect(everythingShown).not.toContain('下坠');
    expect(preview.hiddenFromPublic).toEqual(['问题描述', '照片（1张，经工作人员审核后才可能公开）', '您的姓名', '详细地址和精确位置']);
  });

  it('warns the filer of the personal data typed', () => {
    const preview = publicPreviewOf(filing({ title: '皖A12345占道', description: '联系13812345678或a@b.cn' }), names);
    expect(preview.personalDataFound).toEqual(['电话号码', '车牌号', '电子邮箱']);
    expect(preview.notice).toContain('电话号码、车牌号、电子邮箱');
  });

  it('says an anonymous filer is known to the centres only', () => {
    expect(publicPreviewOf(filing({ anonymous: true, contactPhone: '13812345678', buildingCode: 'B03' }), names).hiddenFromPublic).toEqual([
      '问题描述',
      '您的身份（仅街镇、区中心可见）',
      '联系电话',
      '楼栋',
    ]);
  });
});
