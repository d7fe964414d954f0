import type { z } from 'zod';
import type { pollDecisionCaseSchema } from '../../../shared/api/polls';
import type { Actor } from '../../../shared/domain/roles';
import { errors } from '../../errors';
import { fileCaseCommand } from '../cases/file-case';
import type { PollCommandDeps, StoredPoll } from '../ports';
import { loadPollToManage } from './load';

/**
 * Turns a poll's decision into a case (建电动车棚 → for the property company), filed by the
 * committee at the poll's compound, linked both ways: the case names the poll (`origin`), the
 * poll lists the case, so the residents who voted follow what their vote caused. The same request
 * sent twice (a retry) files one case: it is keyed by the poll and the decision's case count.
 */
export async function decisionToCase(deps: PollCommandDeps, actor: Actor, id: string, input: z.output<typeof pollDecisionCaseSchema>): Promise<{ poll: StoredPoll; caseId: string; number: string }> {
  const poll = await loadPollToManage(deps, actor, id);
  if (!poll.decision) throw errors.conflict('poll.no_decision', '请先记录议题的决定，再转为案件');
  const compound = poll.compoundCode ? deps.reference.compounds.get(poll.compoundCode) : undefined;
  const location = compound?.location ?? deps.reference.grids.get(poll.gridCode)?.boundary[0];
  const filing = await fileCaseCommand(
    deps.cases,
    actor,
    {
      subcategoryCode: input.subcategoryCode,
      ...(input.title ? { title: input.title } : {}),
      description: `${input.description}\n（议事协商决定：${poll.decision.decision}）`,
      ...(poll.compoundCode ? { compoundCode: poll.compoundCode } : { location }),
      photos: [],
      anonymous: false,
    },
    `poll:${poll.id}:${poll.decision.caseIds.length}`,
    { origin: { kind: 'poll', id: poll.id, title: poll.title } },
  );
  const caseId = filing.record.id;
  // Linked under the version guard; a lost race re-reads and tries again, the case id being idempotent.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const current = attempt === 0 ? poll : await deps.polls.findById(poll.id);
    if (!current?.decision) break;
    if (current.decision.caseIds.includes(caseId)) return { poll: current, caseId, number: filing.record.number };
    const next: StoredPoll = { ...current, decision: { ...current.decision, caseIds: [...current.decision.caseIds, caseId] }, updatedAt: deps.now(), version: current.version + 1 };
    if (await deps.polls.replaceIfVersion(next, current.version)) return { poll: next, caseId, number: filing.record.number };
  }
  throw errors.conflict('poll.stale', '议题正被他人修改，请刷新后再试');
}
