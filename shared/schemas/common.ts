import { z } from 'zod';

/** A code of ours (street, grid, compound, unit, photo): short, and safe in paths and queries. */
export const codeSchema = (label: string) =>
  z.string().trim().min(1, `${label}不能为空`).max(40, `${label}过长`).regex(/^[A-Za-z0-9._-]+$/, `${label}格式不正确`);

/**
 * Coordinates within the Baohe area with a generous margin: anything else is a typo or a hostile
 * value. Query strings carry them as text, hence the coercing variant.
 */
const bounds = { lng: [116.9, 117.8], lat: [31.4, 32.1] } as const;
const coordinate = (axis: 'lng' | 'lat', number: z.ZodNumber) => {
  const label = axis === 'lng' ? '经度' : '纬度';
  return number.min(bounds[axis][0], `${label}超出范围`).max(bounds[axis][1], `${label}超出范围`);
};
export const lngSchema = coordinate('lng', z.number('经度须为数字'));
export const latSchema = coordinate('lat', z.number('纬度须为数字'));
export const lngQuerySchema = coordinate('lng', z.coerce.number('经度须为数字'));
export const latQuerySchema = coordinate('lat', z.coerce.number('纬度须为数字'));
