import type { Actor } from '../../../shared/domain/roles';
import type { HotlineChannel } from '../../../shared/hotline/work-order';
import type { HotlineInbound, HotlineWatch, HotlineWebhookRequest } from '../ports';
import { pullNotices } from './pull-notices';
import { pullOrders } from './pull-orders';
import { receiveWebhook } from './receive-webhook';
import { reconcileDay } from './reconcile';
import { requestExtension } from './request-extension';
import type { HotlineCommandDeps } from './take-in-order';

export { takeInWorkOrder, type HotlineCommandDeps, type Intake } from './take-in-order';
export { applyCentreNotice } from './centre-notice';
export { pullOrders } from './pull-orders';
export { pullNotices } from './pull-notices';
export { receiveWebhook } from './receive-webhook';
export { requestExtension } from './request-extension';
export { reconcileDay } from './reconcile';
export { noTextMatching, placeOrder, type PlaceTextMatcher } from './place';

/** What the hotline use cases add to the case ports: the adapters of server/hotline, bound in server/wiring.ts. */
export type HotlineUseCaseDeps = HotlineCommandDeps & { inbound: HotlineInbound; watch?: HotlineWatch; status?: (now: Date) => unknown };

/** The hotline use cases bound once, for the routes and the CLI. */
export function bindHotlineUseCases(deps: HotlineUseCaseDeps) {
  return {
    webhook: (channel: HotlineChannel, request: HotlineWebhookRequest) => receiveWebhook(deps, channel, request),
    pull: (channel: HotlineChannel) => pullOrders(deps, channel),
    pullNotices: (channel: HotlineChannel) => pullNotices(deps, channel),
    requestExtension: (actor: Actor, caseId: string, input: { reason: string; until: Date }) => requestExtension(deps, actor, caseId, input),
    reconcile: (channel: HotlineChannel, day: string) => reconcileDay(deps, channel, day),
    status: (now: Date) => deps.status?.(now),
  };
}

export type HotlineUseCases = ReturnType<typeof bindHotlineUseCases>;
