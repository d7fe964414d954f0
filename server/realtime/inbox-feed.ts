import type { LiveServerMessage } from '../../shared/api/live';
import type { Actor } from '../../shared/domain/roles';
import { inboxesOf } from '../commands/messages/inboxes';
import type { UseCases } from '../commands/use-cases';

export interface MessagesSubscription {
  topic: 'messages';
  id: string;
  subscriber: { readonly actor: Actor | undefined; send(message: LiveServerMessage): void };
  /** The inboxes it was registered under (the account's, its organisation's). */
  inboxes: string[];
}

/**
 * Live unread counts: new messages in an inbox (`inbox.changed` on the bus) make every
 * subscription reading that inbox count its unread messages again and send the number; the app
 * fetches the list itself. Counts, not messages, so nothing here can show a message to the wrong
 * reader: the count is the API's, for the account as it is now.
 */
export function createInboxFeed(useCases: UseCases, onError: (error: unknown) => void) {
  const byInbox = new Map<string, Set<MessagesSubscription>>();

  async function sendCount(subscription: MessagesSubscription): Promise<void> {
    const { actor } = subscription.subscriber;
    if (!actor) return;
    const unread = await useCases.messages.countUnread(actor);
    subscription.subscriber.send({ type: 'messages.unread', id: subscription.id, unread });
  }

  const remove = (subscription: MessagesSubscription) => {
    for (const inbox of subscription.inboxes) {
      const set = byInbox.get(inbox);
      set?.delete(subscription);
      if (set?.size === 0) byInbox.delete(inbox);
    }
  };

  return {
    async add(subscription: MessagesSubscription, actor: Actor): Promise<void> {
      subscription.inboxes = inboxesOf(actor);
      for (const inbox of subscription.inboxes) {
        const set = byInbox.get(inbox) ?? new Set();
        set.add(subscription);
        byInbox.set(inbox, set);
      }
      await sendCount(subscription);
    },
    remove,
    /** The account's role or place changed: it reads other inboxes now. */
    async moved(subscription: MessagesSubscription, actor: Actor): Promise<void> {
      remove(subscription);
      await this.add(subscription, actor);
    },
    changed(inboxes: readonly string[]): void {
      const touched = new Set<MessagesSubscription>();
      for (const inbox of inboxes) for (const subscription of byInbox.get(inbox) ?? []) touched.add(subscription);
      for (const subscription of touched) sendCount(subscription).catch(onError);
    },
  };
}
