import { randomBytes } from 'node:crypto';
import { draftProblems, type PollDraftInput } from '../../../shared/api/polls';
import type { Actor } from '../../../shared/domain/roles';
import { mayCreatePoll, mayEditDraft } from '../../../shared/policies/polls';
import type { PollQuestion, PollScope } from '../../../shared/polls/types';
import { errors } from '../../errors';
import type { PollCommandDeps, StoredPoll } from '../ports';
import { compoundFactsOf, loadPollFor } from './load';

const newPollId = () => `p${BigInt(`0x${randomBytes(10).toString('hex')}`).toString(36).padStart(16, '0').slice(-16)}`;

/** The place a scope names, checked against the reference data; field errors for what does not exist. */
function placeOf(deps: PollCommandDeps, scope: PollScope): Pick<StoredPoll, 'streetCode' | 'compoundCode' | 'gridCode' | 'communityUnitCode'> {
  if (scope.kind === 'grid') {
    const grid = deps.reference.grids.get(scope.gridCode);
    if (!grid) throw unknownPlace({ 'scope.gridCode': ['网格不存在'] });
    return { streetCode: grid.streetCode, gridCode: grid.code };
  }
  const compound = deps.reference.compounds.get(scope.compoundCode);
  if (!compound) throw unknownPlace({ 'scope.compoundCode': ['小区不存在'] });
  if (scope.kind === 'buildings') {
    const known = new Set(compound.buildings.map((building) => building.code));
    const unknown = scope.buildingCodes.filter((code) => !known.has(code));
    if (unknown.length) throw unknownPlace({ 'scope.buildingCodes': [`楼栋不属于该小区：${unknown.join('、')}`] });
  }
  const communityUnitCode = deps.reference.communityOf(compound.code);
  return { streetCode: compound.streetCode, compoundCode: compound.code, gridCode: compound.gridCode, ...(communityUnitCode ? { communityUnitCode } : {}) };
}

/** Questions and options get short ids by position (`q1`, `q1o2`): stable while a draft is edited, frozen once open. */
function questionsOf(input: PollDraftInput): PollQuestion[] {
  return input.questions.map((question, q) => ({
    id: `q${q + 1}`,
    text: question.text,
    kind: question.kind,
    maxChoices: question.kind === 'single' ? 1 : (question.maxChoices ?? question.options.length),
    options: question.options.map((option, o) => ({ id: `q${q + 1}o${o + 1}`, text: option.text })),
  }));
}

const unknownPlace = (fields: Record<string, string[]>) => errors.unprocessable('poll.unknown_place', '投票范围中的地点不存在', { fields });

function contentOf(deps: PollCommandDeps, input: PollDraftInput) {
  const problems = draftProblems(input);
  if (Object.keys(problems).length) throw errors.unprocessable('poll.invalid_draft', '议题内容有误，请检查标出的字段', { fields: problems });
  const questions = questionsOf(input);
  const passOption = input.pass ? questions[0]?.options[input.pass.optionIndex] : undefined;
  return {
    title: input.title,
    background: input.background,
    photoIds: [...new Set(input.photoIds)],
    scope: input.scope,
    ...placeOf(deps, input.scope),
    questions,
    votesPer: input.votesPer,
    opensAt: input.opensAt,
    closesAt: input.closesAt,
    resultsVisibility: input.resultsVisibility,
    publicResults: input.publicResults,
    ...(input.quorum !== undefined ? { quorum: input.quorum } : {}),
    ...(input.pass && passOption ? { pass: { optionId: passOption.id, threshold: input.pass.threshold, rule: input.pass.rule } } : {}),
    tally: Object.fromEntries(questions.map((question) => [question.id, Object.fromEntries(question.options.map((option) => [option.id, 0]))])),
  };
}

/** A new draft, by a committee, a grid leader or the compound's property company. */
export async function createPoll(deps: PollCommandDeps, actor: Actor, input: PollDraftInput): Promise<StoredPoll> {
  const content = contentOf(deps, input);
  if (!mayCreatePoll(actor, input.scope, compoundFactsOf(deps, content.compoundCode))) {
    throw errors.forbidden('poll.forbidden', '只能在本社区、本网格或本物业服务的小区发起议题');
  }
  const now = deps.now();
  const poll: StoredPoll = {
    id: newPollId(),
    status: 'draft',
    ...content,
    author: { id: actor.id, name: actor.name, role: actor.role, ...('unitCode' in actor.scope && actor.scope.unitCode ? { unitCode: actor.scope.unitCode } : {}) },
    createdAt: now,
    updatedAt: now,
    counted: 0,
    version: 1,
  };
  await withPollPhotos(deps, poll.photoIds, [], poll.id, actor.id, () => deps.polls.insert(poll));
  return poll;
}

/** Rewrites a draft whole; an open poll's questions are frozen. */
export async function editPoll(deps: PollCommandDeps, actor: Actor, id: string, version: number, input: PollDraftInput): Promise<StoredPoll> {
  const { poll } = await loadPollFor(deps, actor, id);
  if (poll.status !== 'draft') throw errors.conflict('poll.not_draft', '议题已发布，问题和选项不能再修改');
  if (!mayEditDraft(actor, poll)) throw errors.forbidden('poll.forbidden', '无权修改此议题');
  const content = contentOf(deps, input);
  if (!mayCreatePoll(actor, input.scope, compoundFactsOf(deps, content.compoundCode))) {
    throw errors.forbidden('poll.forbidden', '只能在本社区、本网格或本物业服务的小区发起议题');
  }
  const next: StoredPoll = { ...poll, ...content, updatedAt: deps.now(), version: poll.version + 1 };
  if (!input.quorum) delete next.quorum;
  if (!input.pass) delete next.pass;
  await withPollPhotos(deps, next.photoIds, poll.photoIds, poll.id, actor.id, async () => {
    if (!(await deps.polls.replaceIfVersion(next, version))) throw stale(poll);
  });
  return next;
}

/**
 * Claims for the poll the photos its draft adds (the editor's own uploads, still free), runs the
 * write, then frees the photos it dropped; if the write does not happen, the new claims are undone.
 * Photos the draft already showed stay, whoever uploaded them: a committee may edit a property
 * company's draft without re-uploading its photos.
 */
async function withPollPhotos(deps: PollCommandDeps, photoIds: string[], before: string[], pollId: string, editorId: string, write: () => Promise<void>): Promise<void> {
  const added = photoIds.filter((id) => !before.includes(id));
  const unusable = await deps.cases.photos.claim(added, { pollId }, editorId);
  if (unusable.length > 0) throw errors.unprocessable('poll.photos_unusable', '照片不存在、不属于您或已被使用', { fields: { photoIds: [`照片不存在、不属于您或已被使用：${unusable.join('、')}`] } });
  try {
    await write();
  } catch (error) {
    await deps.cases.photos.release(added, { pollId });
    throw error;
  }
  const dropped = before.filter((id) => !photoIds.includes(id));
  if (dropped.length > 0) await deps.cases.photos.release(dropped, { pollId });
}

export const stale = (poll: StoredPoll) => errors.conflict('poll.stale', '议题已被他人修改，请刷新后再试', { currentVersion: poll.version });
