import { z } from 'zod';
import { compoundKinds, unitTypes } from '../domain/places';
import { codeSchema, latQuerySchema, lngQuerySchema } from './common';

const code = codeSchema;
const limit = z.coerce.number('每页条数须为数字').int('每页条数须为整数').min(1, '每页至少1条').max(100, '每页最多100条').default(50);
/** Lists of places page by code: `after` is the last code of the previous page. */
const after = code('翻页标记').optional();

/** Compounds, e.g. for a resident picking theirs or a filing without a map point. */
export const listCompoundsSchema = z.strictObject({
  streetCode: code('街镇编号').optional(),
  gridCode: code('网格编号').optional(),
  kind: z.enum(compoundKinds, '小区类型无效').optional(),
  q: z.string().trim().min(1, '请输入小区名称').max(30, '搜索词过长').optional(),
  after,
  limit,
});

/** Units, e.g. for a dispatcher choosing the lead unit and cohandlers. */
export const listUnitsSchema = z.strictObject({
  type: z.enum(unitTypes, '单位类型无效').optional(),
  streetCode: code('街镇编号').optional(),
  q: z.string().trim().min(1, '请输入单位名称').max(30, '搜索词过长').optional(),
  after,
  limit,
});

export const listGridsSchema = z.strictObject({ streetCode: code('街镇编号').optional(), after, limit });

export const placeCodeParamSchema = z.strictObject({ code: code('编号') });

/** A point (GCJ-02, as WeChat's location gives it) to find the street, grid and compound of. */
export const locatePointSchema = z.strictObject({ lng: lngQuerySchema, lat: latQuerySchema });
