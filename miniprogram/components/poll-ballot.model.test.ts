import { describe, expect, it } from 'vitest';
import type { PollQuestion } from '../services/polls';
import { ballotLines, ballotProblems, chooseOption, invalidBallotProblems, questionHint, refusalText } from './poll-ballot.model';

const single: PollQuestion = { id: 'q1', text: '是否建车棚？', kind: 'single', maxChoices: 1, options: [{ id: 'a', text: '同意' }, { id: 'b', text: '不同意' }] };
const multiple: PollQuestion = {
  id: 'q2',
  text: '车棚建在哪里？',
  kind: 'multiple',
  maxChoices: 2,
  options: [{ id: 'x', text: '北侧' }, { id: 'y', text: '南侧' }, { id: 'z', text: '东门' }],
};

describe('the voting form, pure', () => {
  it('keeps one option for a single-choice question', () => {
    const once = chooseOption({}, single, 'a', true);
    expect(chooseOption(once, single, 'b', true)).toEqual({ q1: ['b'] });
  });

  it('never lets a multiple-choice question past its limit', () => {
    let choices = chooseOption({}, multiple, 'x', true);
    choices = chooseOption(choices, multiple, 'y', true);
    expect(chooseOption(choices, multiple, 'z', true)).toEqual({ q2: ['x', 'y'] });
    expect(chooseOption(choices, multiple, 'x', false)).toEqual({ q2: ['y'] });
  });

  it('holds the ballot back while a question is unanswered or over its limit', () => {
    expect(ballotProblems([single, multiple], { q1: ['a'] })).toEqual({ q2: '请至少选择一项' });
    expect(ballotProblems([single, multiple], { q2: ['x', 'y', 'z'] })).toEqual({ q1: '请选择一项', q2: '最多选择2项' });
    expect(ballotProblems([single, multiple], { q1: ['a'], q2: ['z'] })).toEqual({});
  });

  it('reads the ballot back in words', () => {
    expect(ballotLines([single, multiple], { q1: ['b'], q2: ['z', 'x'] })).toEqual([
      { question: '是否建车棚？', answers: '不同意' },
      { question: '车棚建在哪里？', answers: '北侧、东门' },
    ]);
    expect(questionHint(multiple)).toBe('多选，最多选2项');
  });

  it('says in Chinese why someone may not vote', () => {
    expect(refusalText('poll.unverified')).toBe('您的住户身份尚未认证，认证后才能投票');
    expect(refusalText('poll.something_new')).toBe('您现在不能对本议题投票');
  });

  it('places the server’s ballot problems beside their questions', () => {
    expect(invalidBallotProblems({ problems: [{ questionId: 'q2', code: 'poll.too_many_choices' }] })).toEqual({ q2: '选择超过了上限' });
    expect(invalidBallotProblems(undefined)).toEqual({});
  });
});
