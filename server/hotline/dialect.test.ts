import { describe, expect, it } from 'vitest';
import { shippedHotlineMapping } from '../../shared/hotline/mapping-data';
import { workOrderSchema, type HotlineAction } from '../../shared/hotline/work-order';
import { buildOrder } from '../testing/hotline';
import { dialect12319 } from './dialect-12319';
import { dialect12345 } from './dialect-12345';

describe.each([dialect12345, dialect12319])('the $channel dialect', (dialect) => {
  it('reads back every field of an order it wrote, in the system own field names', () => {
    const order = buildOrder(dialect.channel, { caller: { name: '赵女士', phone: '0551-1234567', secret: true }, urgency: '紧急', attachments: [{ name: '现场.jpg', url: 'https://hotline.example.gov.cn/f/1.jpg' }] });
    const wire = dialect.orderToWire(order) as Record<string, unknown>;
    expect(Object.keys(wire)).not.toContain('number');
    expect(workOrderSchema.parse(dialect.orderFromWire(wire))).toEqual(workOrderSchema.parse(order));
  });

  it('writes and reads back every action', () => {
    const actions: HotlineAction[] = [
      { kind: 'sign' },
      { kind: 'return', reason: '不属本区' },
      { kind: 'extension', reason: '需联合处置', until: '2026-12-10T09:30:00.000Z' },
      { kind: 'reply', result: '已处理', resolved: true, publicReply: '已清运' },
    ];
    for (const action of actions) expect(dialect.actionFromWire(action.kind, dialect.actionToWire(action))).toEqual(action);
  });

  it('writes and reads back every notice kind', () => {
    const notices = [
      { kind: 'urge', number: 'N0001', seq: 2, note: '再次来电' },
      { kind: 'visit', number: 'N0001', resolved: false, satisfaction: dialect.channel === '12345' ? '3' : 'E', comment: '不满意' },
      { kind: 'redo', number: 'N0001', seq: 1, reason: '未解决', deadline: '2026-12-04T09:30:00.000Z' },
      { kind: 'extension_answer', number: 'N0001', approved: true, deadline: '2026-12-10T09:30:00.000Z' },
    ];
    for (const notice of notices) expect(dialect.noticeFromWire(dialect.noticeToWire(notice), shippedHotlineMapping)).toMatchObject(notice);
  });
});
