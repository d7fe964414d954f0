import type { RecordSubscriptions, SubscriptionView } from '../../../shared/api/wechat';
import type { Actor } from '../../../shared/domain/roles';
import type { WeChatMessagesConfig } from '../../../shared/wechat-messages/messages-config';
import type { ConsentStore, SubscribeDecision } from '../ports';

/** What the subscription use cases are built from. */
export interface SubscriptionCommandDeps {
  consents: ConsentStore;
  templates: WeChatMessagesConfig['subscribeTemplates'];
  now: () => Date;
}

/**
 * Records what the user answered when the app asked for subscribe messages (when filing,
 * following and rating): each accepted one-time template allows one more message; a long-term one
 * is turned on by `accept` and off by `reject` or `ban`. Answers the account's standing for every
 * template the server uses.
 */
export async function recordSubscriptions(deps: SubscriptionCommandDeps, actor: Actor, answer: RecordSubscriptions): Promise<{ templates: SubscriptionView[]; ignored: string[] }> {
  const { errMsg: _errMsg, ...decisions } = answer;
  const known = Object.entries(decisions).filter(([templateId]) => Object.hasOwn(deps.templates, templateId));
  await deps.consents.record(
    actor.id,
    known.map(([templateId, decision]) => ({ templateId, kind: deps.templates[templateId]!.kind, decision: decision as SubscribeDecision })),
    deps.now(),
  );
  return { templates: await subscriptionsOf(deps, actor), ignored: Object.keys(decisions).filter((templateId) => !Object.hasOwn(deps.templates, templateId)) };
}

/** The account's standing for every subscribe template the server uses (none given yet: nothing left, off). */
export async function subscriptionsOf(deps: SubscriptionCommandDeps, actor: Actor): Promise<SubscriptionView[]> {
  const stored = new Map((await deps.consents.consentsOf(actor.id)).map((consent) => [consent.templateId, consent]));
  return Object.entries(deps.templates).map(([templateId, template]) => {
    const consent = stored.get(templateId);
    const current = consent && consent.kind === template.kind ? consent : undefined;
    return { templateId, title: template.title, kind: template.kind, topic: template.topic, remaining: current?.remaining ?? 0, active: current?.active ?? false };
  });
}
