import type { ListMessagesQuery } from '../../../shared/api/messages';
import type { Actor } from '../../../shared/domain/roles';
import { messageErrors } from '../../errors';
import type { InboxStore, Page, StoredInboxMessage } from '../ports';
import { inboxesOf } from './inboxes';

/** What the inbox use cases are built from. */
export interface MessageCommandDeps {
  inbox: InboxStore;
}

/** The inboxes an actor reads and whose read state is theirs. */
const readerOf = (actor: Actor) => ({ recipients: inboxesOf(actor), accountId: actor.id });

/** A page of the actor's messages (its own and its organisation's), newest first. */
export function listMessages(deps: MessageCommandDeps, actor: Actor, query: ListMessagesQuery): Promise<Page<StoredInboxMessage>> {
  return deps.inbox.list({ ...readerOf(actor), unreadOnly: query.unread }, { limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) });
}

/** How many of them the actor has not read. */
export function countUnreadMessages(deps: MessageCommandDeps, actor: Actor): Promise<number> {
  return deps.inbox.countUnread(readerOf(actor));
}

/**
 * Marks one message read for this account only. A message outside the actor's inboxes is
 * answered exactly like one that does not exist (404), so ids cannot be probed.
 */
export async function markMessageRead(deps: MessageCommandDeps, actor: Actor, id: string): Promise<void> {
  if (!(await deps.inbox.markRead(id, readerOf(actor)))) throw messageErrors.notFound();
}

/** Marks every message of the actor's inboxes read for this account; answers how many changed. */
export function markAllMessagesRead(deps: MessageCommandDeps, actor: Actor): Promise<number> {
  return deps.inbox.markAllRead(readerOf(actor));
}

