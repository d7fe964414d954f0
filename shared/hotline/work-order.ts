import { z } from 'zod';

/**
 * A hotline work order (工单) as the centre sends it, in the centre's vocabulary. The adapter of
 * each hotline system (server/hotline/) parses it with this schema; the case core never sees it:
 * `mappings.ts` translates its codes into ours.
 */

/** The two hotlines Baohe takes orders from: the city's 12345 and the urban-management 12319. */
export const hotlineChannels = ['12345', '12319'] as const;
export type HotlineChannel = (typeof hotlineChannels)[number];

export const hotlineChannelLabels: Record<HotlineChannel, string> = {
  '12345': '12345政务服务便民热线',
  '12319': '12319城管服务热线',
};

/** 诉求类型 as the hotlines classify a call. */
export const workOrderTypes = ['诉求', '投诉', '咨询', '求助', '建议', '举报'] as const;
export type WorkOrderType = (typeof workOrderTypes)[number];

/** 紧急程度: 特急 orders are phoned through as well; ours answer with the catalog's danger limits anyway. */
export const workOrderUrgencies = ['一般', '紧急', '特急'] as const;
export type WorkOrderUrgency = (typeof workOrderUrgencies)[number];

const text = (max: number, field: string) => z.string().trim().min(1, `${field}不能为空`).max(max, `${field}不超过${max}字`);

export const workOrderSchema = z.object({
  /** The centre's number of the order (工单编号): unique per channel, the idempotency key. */
  number: z.string().trim().regex(/^[A-Za-z0-9-]{4,40}$/, '工单编号格式无效'),
  channel: z.enum(hotlineChannels, '热线渠道无效'),
  caller: z.object({
    name: z.string().trim().max(50, '来电人姓名不超过50字').default(''),
    phone: z.string().trim().max(20, '来电号码不超过20位').default(''),
    /** 保密: the caller's name and number stay with the case's handling parties. */
    secret: z.boolean().default(false),
  }),
  type: z.enum(workOrderTypes, '诉求类型无效'),
  /** The centre's category code (its leaf) and the path of names down to it, for people. */
  categoryCode: text(20, '分类编码'),
  categoryPath: z.array(text(50, '分类名称')).max(5).default([]),
  title: z.string().trim().max(100, '标题不超过100字').optional(),
  /** 诉求内容 as the operator wrote it down. */
  content: text(4000, '诉求内容'),
  place: z.object({
    district: z.string().trim().max(30).default(''),
    street: z.string().trim().max(30).default(''),
    /** The street's administrative code, when the centre sends one: then no text matching is needed. */
    streetCode: z.string().trim().max(30).optional(),
    address: text(200, '地址'),
  }),
  urgency: z.enum(workOrderUrgencies, '紧急程度无效').default('一般'),
  /** When the centre registered the call (ISO 8601 with zone). */
  receivedAt: z.coerce.date('受理时间无效'),
  /** The centre's deadline for the reply (办结时限). */
  deadline: z.coerce.date('办结时限无效'),
  replyRequired: z.boolean().default(true),
  callbackRequired: z.boolean().default(false),
  attachments: z.array(z.object({ name: text(100, '附件名'), url: z.string().trim().url('附件地址无效') })).max(20).default([]),
});

export type WorkOrder = z.output<typeof workOrderSchema>;
export type WorkOrderInput = z.input<typeof workOrderSchema>;

/** What we tell the centre for each step it expects (the outbound half of the lifecycle). */
export type HotlineAction =
  | { kind: 'sign' }
  | { kind: 'return'; reason: string }
  | { kind: 'extension'; reason: string; until: string }
  | { kind: 'reply'; result: string; resolved: boolean; publicReply: string };

export type HotlineActionKind = HotlineAction['kind'];

/** What the centre tells us about an order after sending it (the inbound half). */
export const centreNoticeSchema = z.discriminatedUnion('kind', [
  /** 催办 */
  z.object({ kind: z.literal('urge'), number: z.string().trim().min(1), seq: z.coerce.number().int().min(1), note: z.string().trim().max(500).optional() }),
  /** 回访结果: the caller's satisfaction, in the channel's own scale. */
  z.object({ kind: z.literal('visit'), number: z.string().trim().min(1), resolved: z.boolean(), satisfaction: z.string().trim().min(1), comment: z.string().trim().max(500).optional() }),
  /** 发回重办 with the centre's new deadline. */
  z.object({ kind: z.literal('redo'), number: z.string().trim().min(1), seq: z.coerce.number().int().min(1), reason: z.string().trim().min(2).max(500), deadline: z.coerce.date() }),
  /** The centre's answer to our 延期 request. */
  z.object({ kind: z.literal('extension_answer'), number: z.string().trim().min(1), approved: z.boolean(), deadline: z.coerce.date().optional() }),
]);
export type CentreNotice = z.output<typeof centreNoticeSchema>;

/** The idempotency key of one inbound notice: the same notice delivered twice is applied once. */
export function noticeKey(channel: HotlineChannel, notice: CentreNotice): string {
  switch (notice.kind) {
    case 'urge':
    case 'redo':
      return `${channel}:${notice.number}:${notice.kind}:${notice.seq}`;
    case 'visit':
    case 'extension_answer':
      return `${channel}:${notice.number}:${notice.kind}`;
  }
}
