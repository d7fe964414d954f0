import { pollRefusalLabels } from '../../shared/api/polls';
import type { Ballot, PollQuestion } from '../services/polls';

/**
 * The voting form's rules, pure: what a tap does to the choices, what stops a submit (an
 * unanswered question, too many choices), and the words of the confirmation. The server checks
 * the ballot again; these only spare the voter a refusal.
 */

/** A tap on an option: a single-choice question keeps only it; a multiple-choice one adds or removes it, never past its limit. */
export function chooseOption(choices: Ballot, question: PollQuestion, optionId: string, checked: boolean): Ballot {
  const current = choices[question.id] ?? [];
  if (question.kind === 'single') return { ...choices, [question.id]: checked ? [optionId] : [] };
  if (!checked) return { ...choices, [question.id]: current.filter((id) => id !== optionId) };
  if (current.includes(optionId) || current.length >= question.maxChoices) return choices;
  return { ...choices, [question.id]: [...current, optionId] };
}

/** What each question still needs before the ballot can go, by question id; empty when it can go. */
export function ballotProblems(questions: PollQuestion[], choices: Ballot): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const question of questions) {
    const chosen = choices[question.id] ?? [];
    if (chosen.length === 0) problems[question.id] = question.kind === 'single' ? '请选择一项' : '请至少选择一项';
    else if (question.kind === 'single' && chosen.length > 1) problems[question.id] = '只能选择一项';
    else if (chosen.length > question.maxChoices) problems[question.id] = `最多选择${question.maxChoices}项`;
  }
  return problems;
}

/** "单选" or "多选，最多选3项". */
export function questionHint(question: PollQuestion): string {
  return question.kind === 'single' ? '单选' : `多选，最多选${question.maxChoices}项`;
}

/** The chosen answers by question, as the confirmation (and a receipt check) reads them back. */
export function ballotLines(questions: PollQuestion[], choices: Record<string, string[]>): { question: string; answers: string }[] {
  return questions.map((question) => {
    const chosen = choices[question.id] ?? [];
    const answers = question.options.filter((option) => chosen.includes(option.id)).map((option) => option.text);
    return { question: question.text, answers: answers.length > 0 ? answers.join('、') : '未作答' };
  });
}

/** Why the viewer may not vote, in Chinese; an unknown code still says something true. */
export function refusalText(code: string | null): string {
  return (code && pollRefusalLabels[code]) || '您现在不能对本议题投票';
}

/** The server's `poll.invalid_ballot` problems as messages by question id. */
export function invalidBallotProblems(details: unknown): Record<string, string> {
  const problems = (details as { problems?: { questionId: string; code: string }[] } | undefined)?.problems;
  if (!Array.isArray(problems)) return {};
  const words: Record<string, string> = {
    'poll.unanswered': '请作答',
    'poll.repeated_option': '同一选项选了两次',
    'poll.unknown_option': '选项不存在，请刷新后重选',
    'poll.too_many_choices': '选择超过了上限',
    'poll.unknown_question': '问题不存在，请刷新页面',
  };
  return Object.fromEntries(problems.map((problem) => [problem.questionId, words[problem.code] ?? '这一题的选择无效']));
}
