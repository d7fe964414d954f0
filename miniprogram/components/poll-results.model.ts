import type { PollQuestion, PollResults, PollView } from '../services/polls';

/**
 * The numbers of a poll's results as people read them: per option its count and its share of the
 * ballots (a multiple-choice question's shares add up to more than 100%), the turnout against
 * the eligible, and whether quorum and pass threshold are met. Pure, so the bars, the table for
 * screen readers and the tests agree.
 */

export interface OptionResult {
  id: string;
  text: string;
  count: number;
  /** Share of the counted ballots, 0–1. */
  share: number;
  percent: string;
}

export interface QuestionResult {
  id: string;
  text: string;
  kind: PollQuestion['kind'];
  options: OptionResult[];
}

/** `62.5%`, `100%`, `0%`: one decimal at most, none when it is whole. */
export function formatPercent(share: number): string {
  const tenths = Math.round(share * 1000) / 10;
  return `${Number.isInteger(tenths) ? tenths.toFixed(0) : tenths.toFixed(1)}%`;
}

export function questionResults(questions: PollQuestion[], results: PollResults): QuestionResult[] {
  return questions.map((question) => ({
    id: question.id,
    text: question.text,
    kind: question.kind,
    options: question.options.map((option) => {
      const count = results.counts[question.id]?.[option.id] ?? 0;
      const share = results.ballots > 0 ? count / results.ballots : 0;
      return { id: option.id, text: option.text, count, share, percent: formatPercent(share) };
    }),
  }));
}

export function turnoutLine(results: PollResults, votesPer: PollView['votesPer']): string {
  const who = votesPer === 'household' ? '户' : '人';
  return `参与 ${results.ballots} / ${results.eligible} ${who}（${formatPercent(results.turnout)}）`;
}

/** `半数`, `三分之二`, or the percentage: how a committee says a threshold. */
export function thresholdLabel(threshold: number): string {
  const named: [number, string][] = [
    [1 / 2, '半数'],
    [2 / 3, '三分之二'],
    [3 / 4, '四分之三'],
  ];
  return named.find(([value]) => Math.abs(value - threshold) < 0.001)?.[1] ?? formatPercent(threshold);
}

export interface Outcome {
  quorum: string | null;
  pass: string | null;
  /** `passed`, `failed`, or `open` while the numbers can still move or there is no rule. */
  tone: 'passed' | 'failed' | 'open';
  note: string;
}

export function outcomeOf(poll: Pick<PollView, 'questions' | 'quorum' | 'pass'>, results: PollResults): Outcome {
  const quorum =
    poll.quorum === null
      ? null
      : `参与率要求 ${formatPercent(poll.quorum)}：${results.quorumMet === null ? '计算中' : results.quorumMet ? '已达到' : results.final ? '未达到' : '暂未达到'}`;
  let pass: string | null = null;
  if (poll.pass) {
    const option = poll.questions[0]?.options.find((candidate) => candidate.id === poll.pass?.optionId);
    const rule = `${poll.pass.rule === 'more_than' ? '超过' : '达到'}${thresholdLabel(poll.pass.threshold)}${poll.pass.rule === 'at_least' ? '（含）' : ''}`;
    const state = results.passed === null ? '计算中' : results.passed ? (results.final ? '通过' : '暂为通过') : results.final ? '未通过' : '暂未通过';
    pass = `「${option?.text ?? '指定选项'}」需${rule}：${state}`;
  }
  const tone = !results.final || results.passed === null ? 'open' : results.passed ? 'passed' : 'failed';
  const note = results.final ? '投票已结束，以上为最终结果' : '投票进行中，数字随计票更新（选票投出后数分钟内计入）';
  return { quorum, pass, tone, note };
}
