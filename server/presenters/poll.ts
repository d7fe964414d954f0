import { csvOf, type CsvCell } from './csv';
import type { PollResultsView, PollSummary, PollView, pollCommentViewSchema } from '../../shared/api/polls';
import type { z } from 'zod';

type PollCommentView = z.output<typeof pollCommentViewSchema>;
import { pollPhase } from '../../shared/polls/rules';
import type { PollResult } from '../../shared/polls/rules';
import type { CaseRecord } from '../../shared/cases/types';
import type { PollComment, PollParticipation, ReferencePort, StoredPoll } from '../commands/ports';
import type { PollPageData } from '../commands/polls';
import { caseStatusLabels } from '../../shared/cases/states';

const photoLinks = (id: string) => ({ id, url: `/api/v1/photos/${id}`, thumbnailUrl: `/api/v1/photos/${id}?size=thumb` });

/** Where a poll asks, in words: 万象公寓, 万象公寓 1栋、3栋, or the grid's name. */
export function scopeLabelOf(reference: ReferencePort, poll: Pick<StoredPoll, 'scope'>): string {
  const { scope } = poll;
  if (scope.kind === 'grid') return reference.grids.get(scope.gridCode)?.name ?? scope.gridCode;
  const compound = reference.compounds.get(scope.compoundCode);
  const name = compound?.name ?? scope.compoundCode;
  if (scope.kind === 'compound') return name;
  const buildings = scope.buildingCodes.map((code) => compound?.buildings.find((b) => b.code === code)?.name ?? code);
  return `${name} ${buildings.join('、')}`;
}

export function presentResult(result: PollResult & { final: boolean }): PollResultsView {
  return { ...result, final: result.final };
}

export function presentPollSummary(reference: ReferencePort, poll: StoredPoll, now: Date, votes: number, voted: boolean | null): PollSummary {
  return {
    id: poll.id,
    title: poll.title,
    phase: pollPhase(poll, now),
    scopeLabel: scopeLabelOf(reference, poll),
    opensAt: poll.opensAt,
    closesAt: poll.closesAt,
    votesPer: poll.votesPer,
    votes,
    voted,
  };
}

const caseLink = (record: CaseRecord) => ({ id: record.id, number: record.number, title: record.title, status: caseStatusLabels[record.status] });

export function presentPoll(reference: ReferencePort, data: PollPageData, now: Date): PollView {
  const { poll } = data;
  const street = reference.streets.get(poll.streetCode);
  const unit = poll.author.unitCode ? reference.unitsByCode.get(poll.author.unitCode) : undefined;
  return {
    id: poll.id,
    status: poll.status,
    phase: pollPhase(poll, now),
    title: poll.title,
    background: poll.background,
    photos: poll.photoIds.map(photoLinks),
    scope: poll.scope,
    scopeLabel: scopeLabelOf(reference, poll),
    street: { code: poll.streetCode, name: street?.name ?? poll.streetCode },
    questions: poll.questions,
    votesPer: poll.votesPer,
    opensAt: poll.opensAt,
    closesAt: poll.closesAt,
    resultsVisibility: poll.resultsVisibility,
    publicResults: poll.publicResults,
    quorum: poll.quorum ?? null,
    pass: poll.pass ?? null,
    author: { name: unit?.name ?? poll.author.name, unit: unit ? { code: unit.code, name: unit.name } : null },
    votes: data.votes,
    results: data.result ? presentResult(data.result) : null,
    me: data.me,
    decision: poll.decision
      ? {
          decision: poll.decision.decision,
          minutes: poll.decision.minutes ?? null,
          meeting: poll.decision.meeting ?? null,
          decidedAt: poll.decision.decidedAt,
          cases: data.cases.map(caseLink),
        }
      : null,
    cancelReason: poll.cancelReason ?? null,
    createdAt: poll.createdAt,
    version: poll.version,
  };
}

/** Who voted, as the committee sees it: the room, and the name for a per-resident poll. */
export function presentVoter(reference: ReferencePort, poll: StoredPoll, participation: PollParticipation) {
  const building = poll.compoundCode ? reference.compounds.get(poll.compoundCode)?.buildings.find((b) => b.code === participation.buildingCode) : undefined;
  return {
    householdId: participation.householdId,
    building: building?.name ?? participation.buildingCode,
    unit: participation.unit,
    room: participation.room,
    name: poll.votesPer === 'resident' ? (participation.name ?? null) : null,
  };
}

/** A comment: a hidden one keeps its text for the poll's managers only. */
export function presentComment(comment: PollComment, viewer: { id?: string; manage: boolean }): PollCommentView {
  return {
    id: comment.id,
    author: comment.authorLabel,
    text: comment.hidden && !viewer.manage ? null : comment.text,
    at: comment.at,
    hidden: comment.hidden ? { reason: comment.hidden.reason, at: comment.hidden.at } : null,
    mine: viewer.id === comment.accountId,
  };
}

/** The results as a CSV for a spreadsheet: UTF-8 with a BOM (Excel in Chinese reads it right), one row per option. */
export function resultsCsv(reference: ReferencePort, poll: StoredPoll, result: PollResult & { final: boolean }, now: Date): string {
  const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
  const lines: CsvCell[][] = [
    ['议题', poll.title],
    ['范围', scopeLabelOf(reference, poll)],
    ['计票方式', poll.votesPer === 'household' ? '每户一票' : '每人一票'],
    ['投票时间', `${poll.opensAt.toISOString()} 至 ${poll.closesAt.toISOString()}`],
    ['有投票权', result.eligible],
    ['已计票', result.ballots],
    ['参与率', percent(result.turnout)],
    ['是否达到参与率要求', result.quorumMet === null ? '未设' : result.quorumMet ? '是' : '否'],
    ['是否通过', result.passed === null ? '未设' : result.passed ? '通过' : '未通过'],
    ['结果状态', result.final ? '最终结果' : '计票中'],
    ['导出时间', now.toISOString()],
    [],
    ['问题', '选项', '票数', '占已计票'],
  ];
  for (const question of poll.questions) {
    for (const option of question.options) {
      const count = result.counts[question.id]?.[option.id] ?? 0;
      lines.push([question.text, option.text, count, percent(result.ballots ? count / result.ballots : 0)]);
    }
  }
  return csvOf(lines);
}
