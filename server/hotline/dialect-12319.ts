import { stateToOurs } from '../../shared/hotline/mappings';
import type { HotlineAction, HotlineActionKind, WorkOrderInput, WorkOrderType, WorkOrderUrgency } from '../../shared/hotline/work-order';
import { field, str, type HotlineDialect } from './dialect';

const levels: Record<number, WorkOrderUrgency> = { 1: '一般', 2: '紧急', 3: '特急' };
const levelOf = (urgency: WorkOrderUrgency | undefined) => Number(Object.entries(levels).find(([, u]) => u === (urgency ?? '一般'))?.[0] ?? 1);
const actionSegments: Record<HotlineActionKind, string> = { sign: 'sign', return: 'return', extension: 'extend', reply: 'reply' };

/**
 * The 12319 urban-management hotline's interface (a digital-city-management system, English
 * camelCase fields): `caseNo`, `reporter` {`name`, `tel`, `confidential`}, `kind`, `classCode`
 * (GB/T 30428 部件/事件 codes), `location` {`area`, `town`, `townCode`, `addr`}, `level` 1..3,
 * `createdAt`, `deadline`, `needReply`, `needCallback`, `files`. Actions: sign, return, extend, reply.
 */
export const dialect12319: HotlineDialect = {
  channel: '12319',
  paths: {
    listNew: (cursor, limit) => `/api/12319/cases/pending?limit=${limit}${cursor ? `&after=${encodeURIComponent(cursor)}` : ''}`,
    listNotices: (cursor, limit) => `/api/12319/notices/pending?limit=${limit}${cursor ? `&after=${encodeURIComponent(cursor)}` : ''}`,
    order: (number) => `/api/12319/cases/${encodeURIComponent(number)}`,
    action: (number, kind) => `/api/12319/cases/${encodeURIComponent(number)}/${actionSegments[kind]}`,
    day: (day) => `/api/12319/cases/day/${day}`,
  },
  pageFromWire: (wire) => ({ numbers: ((field(wire, 'items') as unknown[]) ?? []).map((n) => String(n)), nextCursor: str(field(wire, 'nextAfter')) ?? null }),
  pageToWire: (page) => ({ items: page.numbers, nextAfter: page.nextCursor }),
  pageFromWireItems: (wire) => ({ items: (field(wire, 'items') as unknown[]) ?? [], nextCursor: str(field(wire, 'nextAfter')) ?? null }),
  pageToWireItems: (page) => ({ items: page.items, nextAfter: page.nextCursor }),
  orderFromWire(wire): WorkOrderInput {
    const reporter = field(wire, 'reporter');
    const location = field(wire, 'location');
    return {
      number: str(field(wire, 'caseNo')) ?? '',
      channel: '12319',
      caller: { name: str(field(reporter, 'name')) ?? '', phone: str(field(reporter, 'tel')) ?? '', secret: field(reporter, 'confidential') === true },
      type: str(field(wire, 'kind')) as WorkOrderType,
      categoryCode: str(field(wire, 'classCode')) ?? '',
      categoryPath: (str(field(wire, 'className')) ?? '').split('/').filter(Boolean),
      ...(str(field(wire, 'title')) ? { title: str(field(wire, 'title')) } : {}),
      content: str(field(wire, 'description')) ?? '',
      place: { district: str(field(location, 'area')) ?? '', street: str(field(location, 'town')) ?? '', ...(str(field(location, 'townCode')) ? { streetCode: str(field(location, 'townCode')) } : {}), address: str(field(location, 'addr')) ?? '' },
      urgency: levels[Number(field(wire, 'level'))] ?? ('?' as WorkOrderUrgency),
      receivedAt: str(field(wire, 'createdAt')) ?? '',
      deadline: str(field(wire, 'deadline')) ?? '',
      replyRequired: field(wire, 'needReply') === true,
      callbackRequired: field(wire, 'needCallback') === true,
      attachments: ((field(wire, 'files') as unknown[]) ?? []).map((file) => ({ name: str(field(file, 'name')) ?? '', url: str(field(file, 'url')) ?? '' })),
    };
  },
  orderToWire: (order) => ({
    caseNo: order.number,
    reporter: { name: order.caller.name ?? '', tel: order.caller.phone ?? '', confidential: order.caller.secret ?? false },
    kind: order.type,
    classCode: order.categoryCode,
    className: (order.categoryPath ?? []).join('/'),
    ...(order.title ? { title: order.title } : {}),
    description: order.content,
    location: { area: order.place.district ?? '', town: order.place.street ?? '', ...(order.place.streetCode ? { townCode: order.place.streetCode } : {}), addr: order.place.address },
    level: levelOf(order.urgency),
    createdAt: new Date(order.receivedAt as string | Date).toISOString(),
    deadline: new Date(order.deadline as string | Date).toISOString(),
    needReply: order.replyRequired ?? true,
    needCallback: order.callbackRequired ?? false,
    files: order.attachments ?? [],
  }),
  actionToWire(action: HotlineAction) {
    switch (action.kind) {
      case 'sign':
        return {};
      case 'return':
        return { reason: action.reason };
      case 'extension':
        return { reason: action.reason, until: action.until };
      case 'reply':
        return { result: action.result, solved: action.resolved, publicText: action.publicReply };
    }
  },
  actionFromWire(kind, wire): HotlineAction {
    switch (kind) {
      case 'sign':
        return { kind };
      case 'return':
        return { kind, reason: str(field(wire, 'reason')) ?? '' };
      case 'extension':
        return { kind, reason: str(field(wire, 'reason')) ?? '', until: str(field(wire, 'until')) ?? '' };
      case 'reply':
        return { kind, result: str(field(wire, 'result')) ?? '', resolved: field(wire, 'solved') === true, publicReply: str(field(wire, 'publicText')) ?? '' };
    }
  },
  actionKinds: { sign: 'sign', return: 'return', extend: 'extension', reply: 'reply' },
  noticeFromWire(wire) {
    const w = (wire ?? {}) as Record<string, unknown>;
    const { type, caseNo, solved, ...rest } = w;
    return { ...rest, kind: String(type), number: str(caseNo) ?? '', ...(solved !== undefined ? { resolved: solved === true } : {}) };
  },
  noticeToWire(notice) {
    const { kind, number, resolved, ...rest } = notice as Record<string, unknown>;
    return { type: kind, caseNo: number, ...(resolved !== undefined ? { solved: resolved } : {}), ...Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])) };
  },
  dayFromWire: (wire, mapping) =>
    ((field(wire, 'items') as unknown[]) ?? []).map((row) => ({ number: str(field(row, 'caseNo')) ?? '', state: stateToOurs(mapping, '12319', str(field(row, 'status')) ?? '') ?? 'sent' })),
  dayToWire: (rows) => ({ items: rows.map((row) => ({ caseNo: row.number, status: row.stateCode })) }),
};
