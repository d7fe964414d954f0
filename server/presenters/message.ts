import type { MessageView } from '../../shared/api/messages';
import type { Actor } from '../../shared/domain/roles';
import { accountInbox } from '../commands/messages';
import type { StoredInboxMessage } from '../commands/ports';

/** A message as its reader sees it: read or not by this account, in its own inbox or its organisation's. */
export function presentMessage(message: StoredInboxMessage, reader: Actor): MessageView {
  return {
    id: message.id,
    ...(message.caseId !== undefined ? { caseId: message.caseId, caseNumber: message.caseNumber ?? '' } : {}),
    subject: message.visitWorklist ? { kind: 'visits' } : message.poll ? { kind: 'poll', id: message.poll.id, title: message.poll.title } : { kind: 'case', id: message.caseId ?? '', number: message.caseNumber ?? '' },
    template: message.template,
    text: message.text,
    at: message.at,
    read: message.readBy.includes(reader.id),
    inbox: message.recipient === accountInbox(reader.id) ? 'mine' : 'organisation',
  };
}
