import type { FileCaseFields } from '../schemas/cases';
import { findPersonalData, personalDataLabels } from './personal-data';
import { coarsenPoint } from './privacy';

/** The names a preview shows, looked up by the caller (the app from its cached reference data, the server from its own). */
export interface PreviewNames {
  category: string;
  subcategory: string;
  street: string;
  compound?: string;
}

/** What the public will see of a report, and what stays with the staff; shown to the filer before submitting. */
export interface PublicPreview {
  /** Label → value, in display order, of what anyone can read. */
  shown: { label: string; value: string }[];
  /** What only the staff handling the case will see. */
  hiddenFromPublic: string[];
  /** Personal data found in the text typed: it is never public, and the filer may want to remove it. */
  personalDataFound: string[];
  /** One sentence for the confirmation screen. */
  notice: string;
}

/** The fields of a filing the preview looks at. */
export type PreviewInput = Pick<FileCaseFields, 'title' | 'description' | 'location' | 'address' | 'compoundCode' | 'buildingCode' | 'photos' | 'anonymous' | 'contactPhone'>;

/**
 * What will be public once the report is filed, by the privacy policy (./privacy.ts): the
 * category, a coarse place, the status and the steps with their times — never the words or the
 * photos typed and taken, nor the name, phone, exact address or building, until a centre approves
 * a public summary and photos. Pure: the app runs it before sending; the server returns it on filing.
 */
export function publicPreviewOf(input: PreviewInput, names: PreviewNames): PublicPreview {
  const place = [names.street, names.compound].filter(Boolean).join(' ');
  const point = input.location ? coarsenPoint(input.location) : undefined;
  const shown = [
    { label: '问题分类', value: `${names.category} / ${names.subcategory}` },
    { label: '大致位置', value: point ? `${place}（约200米范围，${point.lng.toFixed(3)}, ${point.lat.toFixed(3)}）` : place },
    { label: '办理状态', value: '各环节名称、时间及办理角色' },
    { label: '公开摘要', value: '工作人员审核后发布，自动隐去电话、证件号、车牌号和邮箱' },
  ];
  const hiddenFromPublic = [
    ...(input.title ? ['标题'] : []),
    '问题描述',
    ...(input.photos.length ? [`照片（${input.photos.length}张，经工作人员审核后才可能公开）`] : []),
    input.anonymous ? '您的身份（仅街镇、区中心可见）' : '您的姓名',
    ...(input.contactPhone ? ['联系电话'] : []),
    ...(input.address || input.location ? ['详细地址和精确位置'] : []),
    ...(input.buildingCode ? ['楼栋'] : []),
  ];
  const typed = [input.title ?? '', input.description].join('\n');
  const personalDataFound = findPersonalData(typed).map((kind) => personalDataLabels[kind]);
  const notice = personalDataFound.length
    ? `公众只能看到问题分类、大致位置和办理进度。您填写的内容含有${personalDataFound.join('、')}，仅处理人员可见，如无必要请删除。`
    : '公众只能看到问题分类、大致位置和办理进度；描述、照片和您的个人信息仅处理人员可见。';
  return { shown, hiddenFromPublic, personalDataFound, notice };
}
