import { stateToOurs } from '../../shared/hotline/mappings';
import type { HotlineAction, HotlineActionKind, WorkOrderInput, WorkOrderType, WorkOrderUrgency } from '../../shared/hotline/work-order';
import { field, str, type HotlineDialect } from './dialect';

const yes = (value: unknown) => value === '是' || value === '1' || value === true;
const yesNo = (value: boolean) => (value ? '是' : '否');

const actionSegments: Record<HotlineActionKind, string> = { sign: 'qs', return: 'th', extension: 'yq', reply: 'df' };
const noticeKinds: Record<string, string> = { 催办: 'urge', 回访: 'visit', 重办: 'redo', 延期答复: 'extension_answer' };

/**
 * The city 12345 platform's interface, in the style of the municipal work-order exchange (pinyin
 * initials as field names): `gdbh` 工单编号, `ldr` 来电人 (`xm` 姓名, `dh` 电话, `sfbm` 是否保密),
 * `sqlx` 诉求类型, `flbm`/`flmc` 分类编码/名称, `sqnr` 诉求内容, `qx`/`jd`/`jddm`/`xxdz` 区县/街道/
 * 街道代码/详细地址, `jjcd` 紧急程度, `slsj` 受理时间, `blsx` 办理时限, `sfdf` 是否答复, `sfhf`
 * 是否回访, `fj` 附件. Actions: 签收 `qs`, 退回 `th`, 延期 `yq`, 答复 `df`.
 */
export const dialect12345: HotlineDialect = {
  channel: '12345',
  paths: {
    listNew: (cursor, limit) => `/api/12345/gd/new?size=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    listNotices: (cursor, limit) => `/api/12345/tz/new?size=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    order: (number) => `/api/12345/gd/${encodeURIComponent(number)}`,
    action: (number, kind) => `/api/12345/gd/${encodeURIComponent(number)}/${actionSegments[kind]}`,
    day: (day) => `/api/12345/gd/day/${day}`,
  },
  pageFromWire: (wire) => ({ numbers: ((field(wire, 'list') as unknown[]) ?? []).map((n) => String(n)), nextCursor: str(field(wire, 'next')) ?? null }),
  pageToWire: (page) => ({ list: page.numbers, next: page.nextCursor }),
  pageFromWireItems: (wire) => ({ items: (field(wire, 'list') as unknown[]) ?? [], nextCursor: str(field(wire, 'next')) ?? null }),
  pageToWireItems: (page) => ({ list: page.items, next: page.nextCursor }),
  orderFromWire(wire): WorkOrderInput {
    const caller = field(wire, 'ldr');
    return {
      number: str(field(wire, 'gdbh')) ?? '',
      channel: '12345',
      caller: { name: str(field(caller, 'xm')) ?? '', phone: str(field(caller, 'dh')) ?? '', secret: yes(field(caller, 'sfbm')) },
      type: str(field(wire, 'sqlx')) as WorkOrderType,
      categoryCode: str(field(wire, 'flbm')) ?? '',
      categoryPath: (str(field(wire, 'flmc')) ?? '').split('/').filter(Boolean),
      ...(str(field(wire, 'bt')) ? { title: str(field(wire, 'bt')) } : {}),
      content: str(field(wire, 'sqnr')) ?? '',
      place: { district: str(field(wire, 'qx')) ?? '', street: str(field(wire, 'jd')) ?? '', ...(str(field(wire, 'jddm')) ? { streetCode: str(field(wire, 'jddm')) } : {}), address: str(field(wire, 'xxdz')) ?? '' },
      urgency: (str(field(wire, 'jjcd')) ?? '一般') as WorkOrderUrgency,
      receivedAt: str(field(wire, 'slsj')) ?? '',
      deadline: str(field(wire, 'blsx')) ?? '',
      replyRequired: yes(field(wire, 'sfdf')),
      callbackRequired: yes(field(wire, 'sfhf')),
      attachments: ((field(wire, 'fj') as unknown[]) ?? []).map((file) => ({ name: str(field(file, 'mc')) ?? '', url: str(field(file, 'dz')) ?? '' })),
    };
  },
  orderToWire: (order) => ({
    gdbh: order.number,
    ldr: { xm: order.caller.name ?? '', dh: order.caller.phone ?? '', sfbm: yesNo(order.caller.secret ?? false) },
    sqlx: order.type,
    flbm: order.categoryCode,
    flmc: (order.categoryPath ?? []).join('/'),
    ...(order.title ? { bt: order.title } : {}),
    sqnr: order.content,
    qx: order.place.district ?? '',
    jd: order.place.street ?? '',
    ...(order.place.streetCode ? { jddm: order.place.streetCode } : {}),
    xxdz: order.place.address,
    jjcd: order.urgency ?? '一般',
    slsj: new Date(order.receivedAt as string | Date).toISOString(),
    blsx: new Date(order.deadline as string | Date).toISOString(),
    sfdf: yesNo(order.replyRequired ?? true),
    sfhf: yesNo(order.callbackRequired ?? false),
    fj: (order.attachments ?? []).map((file) => ({ mc: file.name, dz: file.url })),
  }),
  actionToWire(action: HotlineAction) {
    switch (action.kind) {
      case 'sign':
        return {};
      case 'return':
        return { thyy: action.reason };
      case 'extension':
        return { yqyy: action.reason, yqsx: action.until };
      case 'reply':
        return { bljg: action.result, sfjj: yesNo(action.resolved), gkdfnr: action.publicReply };
    }
  },
  actionFromWire(kind, wire): HotlineAction {
    switch (kind) {
      case 'sign':
        return { kind };
      case 'return':
        return { kind, reason: str(field(wire, 'thyy')) ?? '' };
      case 'extension':
        return { kind, reason: str(field(wire, 'yqyy')) ?? '', until: str(field(wire, 'yqsx')) ?? '' };
      case 'reply':
        return { kind, result: str(field(wire, 'bljg')) ?? '', resolved: yes(field(wire, 'sfjj')), publicReply: str(field(wire, 'gkdfnr')) ?? '' };
    }
  },
  actionKinds: { qs: 'sign', th: 'return', yq: 'extension', df: 'reply' },
  noticeFromWire(wire) {
    const kind = noticeKinds[str(field(wire, 'lx')) ?? ''] ?? String(field(wire, 'lx'));
    const base = { kind, number: str(field(wire, 'gdbh')) ?? '' };
    switch (kind) {
      case 'urge':
        return { ...base, seq: field(wire, 'xh'), note: str(field(wire, 'nr')) };
      case 'visit':
        return { ...base, resolved: yes(field(wire, 'sfjj')), satisfaction: str(field(wire, 'myd')), comment: str(field(wire, 'nr')) };
      case 'redo':
        return { ...base, seq: field(wire, 'xh'), reason: str(field(wire, 'yy')), deadline: str(field(wire, 'blsx')) };
      default:
        return { ...base, approved: yes(field(wire, 'ty')), deadline: str(field(wire, 'blsx')) };
    }
  },
  noticeToWire(notice) {
    const lx = Object.entries(noticeKinds).find(([, ours]) => ours === notice.kind)?.[0] ?? notice.kind;
    const n = notice as Record<string, unknown>;
    return {
      lx,
      gdbh: notice.number,
      ...(n.seq !== undefined ? { xh: n.seq } : {}),
      ...(n.note !== undefined ? { nr: n.note } : {}),
      ...(n.comment !== undefined ? { nr: n.comment } : {}),
      ...(n.resolved !== undefined ? { sfjj: yesNo(Boolean(n.resolved)) } : {}),
      ...(n.satisfaction !== undefined ? { myd: n.satisfaction } : {}),
      ...(n.reason !== undefined ? { yy: n.reason } : {}),
      ...(n.deadline !== undefined ? { blsx: n.deadline instanceof Date ? n.deadline.toISOString() : n.deadline } : {}),
      ...(n.approved !== undefined ? { ty: yesNo(Boolean(n.approved)) } : {}),
    };
  },
  dayFromWire: (wire, mapping) =>
    ((field(wire, 'list') as unknown[]) ?? []).map((row) => ({ number: str(field(row, 'gdbh')) ?? '', state: stateToOurs(mapping, '12345', str(field(row, 'zt')) ?? '') ?? 'sent' })),
  dayToWire: (rows) => ({ list: rows.map((row) => ({ gdbh: row.number, zt: row.stateCode })) }),
};
