import { pollPageUrl } from '../../components/poll-phase';
import type { MessageView } from '../../services/messages';

/** What a message's head names and which page a tap opens: its poll, or its case. */
export interface MessageTarget {
  label: string;
  url: string;
}

/** A message from a server older than poll messages names only its case (`caseId`, `caseNumber`). */
export function messageTarget(message: MessageView): MessageTarget {
  const subject = message.subject ?? { kind: 'case' as const, id: message.caseId ?? '', number: message.caseNumber ?? '' };
  // The visit worklist screen is not built yet: a reminder stays on the message list until it is.
  if (subject.kind === 'visits') return { label: '入户走访', url: '/pages/messages/index' };
  if (subject.kind === 'poll') return { label: `议事 ${subject.title}`, url: pollPageUrl(subject.id) };
  return { label: `案件 ${subject.number}`, url: `/pages/case/index?id=${encodeURIComponent(subject.id)}` };
}
