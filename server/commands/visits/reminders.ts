import { visitSchedule } from '../../../shared/visits/schedule';
import { findVisitCategory } from '../../../shared/visits/config';
import type { VisitCategoryConfig } from '../../../shared/visits/types';
import { gridVisitInbox } from '../messages/inboxes';
import type { InboxMessage, InboxStore, ReferencePort, VisitStore } from '../ports';

export interface VisitReminderDeps {
  visits: VisitStore;
  inbox: InboxStore;
  categories: () => VisitCategoryConfig;
  reference: Pick<ReferencePort, 'calendar'>;
  now: () => Date;
}

const dateText = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(5, 10).replace('-', '月') + '日';

/**
 * Reminders of the visit schedule, as in-app messages: due soon and overdue to the grid (its leaders
 * only for a category members do not handle), escalations to the grid's leaders and to the
 * community committee, each once per person and due time (the inbox's effect key). The messages
 * name no person and no category: they open the worklist, which applies the access rules.
 * Answers how many messages were new.
 */
export async function sendVisitReminders(deps: VisitReminderDeps, batch = 200): Promise<number> {
  const now = deps.now();
  let sent = 0;
  for (let after: string | undefined, page; (page = await deps.visits.listReminderDue(now, after, batch)).length; after = page[page.length - 1].id) {
    const messages: InboxMessage[] = [];
    for (const person of page) {
      const category = findVisitCategory(deps.categories(), person.categoryCode);
      if (!category) continue;
      const s = visitSchedule(category, person, person.lastVisitAt, now, deps.reference.calendar);
      const key = (kind: string) => `visit:${person.id}:${s.dueAt.getTime()}:${kind}`;
      const leadersOnly = !category.handledBy.includes('grid_member');
      const message = (kind: string, recipient: string, text: string): InboxMessage => ({ effectKey: key(kind), recipient, visitWorklist: true, template: `visit.${kind}`, text, at: now });
      if (s.state === 'due_soon') messages.push(message('warning', gridVisitInbox(person.gridCode, leadersOnly), `有重点服务人员应于${dateText(new Date(s.dueAt.getTime() - 1))}前走访，请查看走访待办`));
      if (s.state === 'overdue') messages.push(message('overdue', gridVisitInbox(person.gridCode, leadersOnly), `有重点服务人员的走访已逾期（应于${dateText(new Date(s.dueAt.getTime() - 1))}前），请尽快走访`));
      for (const to of s.escalatedTo) {
        const recipient = to === 'grid_leader' ? gridVisitInbox(person.gridCode, true) : `unit:${person.communityUnitCode}`;
        messages.push(message(`escalated.${to}`, recipient, `本辖区有重点服务人员的走访逾期未办，已提请${to === 'grid_leader' ? '网格长' : '社区'}督办`));
      }
    }
    sent += await deps.inbox.deliver(messages);
  }
  return sent;
}
