import { centreDeadlines } from '../../../shared/hotline/deadlines';
import { subcategoryFor, type HotlineMapping } from '../../../shared/hotline/mappings';
import { workOrderSchema, type HotlineChannel, type WorkOrder } from '../../../shared/hotline/work-order';
import type { FileCaseFields } from '../../../shared/schemas/cases';
import { AppError, errors, fieldErrorsOf } from '../../errors';
import { fileCaseCommand, filingIdOf } from '../cases/file-case';
import type { CaseCommandDeps, HotlineOrderRecord, HotlineOrderStore, HotlinePort, JobStore } from '../ports';
import { hotlineActor } from './hotline-actor';
import { placeOrder, type PlaceTextMatcher } from './place';
import { queueCall } from './calls';

/** What the hotline use cases are built from. */
export interface HotlineCommandDeps extends CaseCommandDeps {
  orders: HotlineOrderStore;
  jobs: Pick<JobStore, 'enqueue'>;
  mapping: HotlineMapping;
  matchPlace: PlaceTextMatcher;
  centres: HotlinePort;
}

/** The idempotency key a work order is filed under: one case per (channel, number), whatever the delivery. */
export const orderFilingKey = (channel: HotlineChannel, number: string) => `hotline-${channel}-${number}`;
export const orderKey = (channel: HotlineChannel, number: string) => `${channel}:${number}`;

export interface Intake {
  caseId: string;
  caseNumber: string;
  /** False when the order was known: a repeat delivery, answered with the case filed first. */
  created: boolean;
}

/**
 * Takes in one work order, by pull or by push, exactly once:
 * 1. the order record (`_id` = channel:number, with the case id it will have) is inserted first;
 * 2. the case is filed through the filing path under an idempotency key derived from the order,
 *    so its `_id` is fixed: a second filing of the same order meets the first one's case;
 * 3. the 签收 call is queued under a key of its own.
 * Each step is idempotent, so a repeat delivery, or a re-run after a crash between any two steps,
 * completes what is missing and doubles nothing.
 */
export async function takeInWorkOrder(deps: HotlineCommandDeps, raw: unknown, channel: HotlineChannel): Promise<Intake> {
  const parsed = workOrderSchema.safeParse(raw);
  if (!parsed.success) throw errors.validation(fieldErrorsOf(parsed.error), '工单内容有误');
  const order = parsed.data;
  if (order.channel !== channel) throw errors.validation({ channel: ['工单渠道与接口不符'] }, '工单内容有误');
  const actor = hotlineActor(channel);
  const filingKey = orderFilingKey(channel, order.number);
  const caseId = filingIdOf(actor.id, filingKey);
  const now = deps.now();

  const place = placeOrder(order.place, deps.reference, deps.matchPlace);
  if (!place) throw errors.unprocessable('hotline.place_unknown', '工单地址不在本区，或无法确定所属街镇', { fields: { 'place.street': ['无法确定所属街镇'] } });
  const { subcategoryCode, mapped } = subcategoryFor(deps.mapping, channel, order.categoryCode);
  const deadlines = centreDeadlines(channel, order.type, order.receivedAt, deps.reference.calendar, order.deadline);
  const record: HotlineOrderRecord = {
    key: orderKey(channel, order.number),
    channel,
    number: order.number,
    caseId,
    state: 'sent',
    receivedAt: order.receivedAt,
    signBy: deadlines.signBy,
    returnBy: deadlines.returnBy,
    replyBy: deadlines.replyBy,
    centreCategoryCode: order.categoryCode,
    categoryMapped: mapped,
    placeConfirmed: place.confirmed,
    replyRequired: order.replyRequired,
    callbackRequired: order.callbackRequired,
    extensionsRequested: 0,
    redoCount: 0,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  const created = await deps.orders.insert(record);

  const filing = await fileOnce(deps, order, filingFields(order, subcategoryCode, place), caseId, filingKey, deadlines.replyBy);
  await queueCall(deps, { channel, number: order.number, caseId, action: { kind: 'sign' }, key: `hotline:${channel}:${order.number}:sign` }, filing);
  return { caseId, caseNumber: filing.number, created };
}

async function fileOnce(deps: HotlineCommandDeps, order: WorkOrder, input: FileCaseFields, caseId: string, filingKey: string, deadline: Date) {
  try {
    const filing = await fileCaseCommand(deps, hotlineActor(order.channel), input, filingKey, {
      hotline: {
      caller: { name: order.caller.name || '来电人', ...(order.caller.phone ? { phone: order.caller.phone } : {}), secret: order.caller.secret },
      deadline,
      },
    });
    return filing.record;
  } catch (error) {
    // The centre changed the order between two deliveries: the case filed from the first stands.
    if (error instanceof AppError && error.code === 'case.idempotency_key_reused') {
      const earlier = await deps.store.findById(caseId);
      if (earlier) return earlier;
    }
    throw error;
  }
}

function filingFields(order: WorkOrder, subcategoryCode: string, place: NonNullable<ReturnType<typeof placeOrder>>): FileCaseFields {
  const prefix = `【${order.channel}工单 ${order.number}·${order.type}】`;
  const description = `${prefix}${order.content}`.slice(0, 2000);
  return {
    subcategoryCode,
    ...(order.title ? { title: order.title.slice(0, 60) } : {}),
    description: description.length >= 5 ? description : `${description}（无详情）`,
    address: [order.place.street, order.place.address].filter(Boolean).join(' ').slice(0, 200),
    ...('compoundCode' in place ? { compoundCode: place.compoundCode } : { location: place.location }),
    photos: [],
    anonymous: false,
  };
}
