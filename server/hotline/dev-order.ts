import { randomBytes } from 'node:crypto';
import type { HotlineChannel, WorkOrderInput } from '../../shared/hotline/work-order';

/** Development secrets of the local fake centre: never valid anywhere else. */
export const devHotlineSecrets: Record<HotlineChannel, string> = { '12345': 'dev-only-hotline-12345-secret', '12319': 'dev-only-hotline-12319-secret' };

const text = (value: unknown, fallback: string) => (typeof value === 'string' && value.trim() ? value.trim() : fallback);

/** A work order from the development page's form: what a centre operator would have typed, due in three days. */
export function devOrderFrom(fields: Record<string, unknown>, now: Date): WorkOrderInput {
  const channel: HotlineChannel = fields.channel === '12319' ? '12319' : '12345';
  return {
    number: text(fields.number, `${channel === '12345' ? 'HF' : 'CG'}DEV${randomBytes(4).toString('hex').toUpperCase()}`),
    channel,
    caller: { name: text(fields.callerName, ''), phone: text(fields.callerPhone, ''), secret: fields.secret === true },
    type: text(fields.type, '投诉') as WorkOrderInput['type'],
    categoryCode: text(fields.categoryCode, channel === '12345' ? '010101' : 'S0102'),
    categoryPath: [],
    content: text(fields.content, '（未填写）'),
    place: { district: '包河区', street: text(fields.street, ''), ...(text(fields.streetCode, '') ? { streetCode: text(fields.streetCode, '') } : {}), address: text(fields.address, '（未填写）') },
    urgency: '一般',
    receivedAt: now.toISOString(),
    deadline: new Date(now.getTime() + 3 * 24 * 3_600_000).toISOString(),
    replyRequired: true,
    callbackRequired: true,
    attachments: [],
  };
}
