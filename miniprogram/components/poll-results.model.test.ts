import { describe, expect, it } from 'vitest';
import type { PollQuestion, PollResults } from '../services/polls';
import { formatPercent, outcomeOf, questionResults, thresholdLabel, turnoutLine } from './poll-results.model';

const shed: PollQuestion = {
  id: 'q1',
  text: '是否在3号楼北侧建电动车棚？',
  kind: 'single',
  maxChoices: 1,
  options: [
    { id: 'o1', text: '同意' },
    { id: 'o2', text: '不同意' },
    { id: 'o3', text: '弃权' },
  ],
};

const results = (overrides: Partial<PollResults> = {}): PollResults => ({
  ballots: 8,
  eligible: 20,
  turnout: 0.4,
  counts: { q1: { o1: 5, o2: 2, o3: 1 } },
  quorumMet: true,
  passed: true,
  final: true,
  ...overrides,
});

describe('poll results, as people read them', () => {
  it('gives each option its count and its share of the ballots, missing counts as zero', () => {
    const [question] = questionResults([shed], results({ counts: { q1: { o1: 5, o2: 3 } } }));
    expect(question.options.map((option) => [option.text, option.count, option.percent])).toEqual([
      ['同意', 5, '62.5%'],
      ['不同意', 3, '37.5%'],
      ['弃权', 0, '0%'],
    ]);
  });

  it('shows 0% everywhere before any ballot is counted, never NaN', () => {
    const [question] = questionResults([shed], results({ ballots: 0, counts: {} }));
    expect(question.options.every((option) => option.percent === '0%' && option.share === 0)).toBe(true);
  });

  it('writes percentages with one decimal at most', () => {
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(2 / 3)).toBe('66.7%');
    expect(formatPercent(0.005)).toBe('0.5%');
  });

  it('states turnout against the eligible, in households for a per-household poll', () => {
    expect(turnoutLine(results(), 'household')).toBe('参与 8 / 20 户（40%）');
    expect(turnoutLine(results(), 'resident')).toBe('参与 8 / 20 人（40%）');
  });

  it('names thresholds as committees say them', () => {
    expect(thresholdLabel(0.5)).toBe('半数');
    expect(thresholdLabel(2 / 3)).toBe('三分之二');
    expect(thresholdLabel(0.6)).toBe('60%');
  });

  it('states quorum and pass, final or provisional', () => {
    const poll = { questions: [shed], quorum: 0.3, pass: { optionId: 'o1', threshold: 2 / 3, rule: 'at_least' as const } };
    const final = outcomeOf(poll, results({ passed: false }));
    expect(final.quorum).toBe('参与率要求 30%：已达到');
    expect(final.pass).toBe('「同意」需达到三分之二（含）：未通过');
    expect(final.tone).toBe('failed');
    const live = outcomeOf(poll, results({ final: false, passed: true, quorumMet: false }));
    expect(live.pass).toContain('暂为通过');
    expect(live.quorum).toContain('暂未达到');
    expect(live.tone).toBe('open');
  });

  it('says nothing of quorum or pass when the poll has neither', () => {
    const outcome = outcomeOf({ questions: [shed], quorum: null, pass: null }, results({ quorumMet: null, passed: null }));
    expect(outcome.quorum).toBeNull();
    expect(outcome.pass).toBeNull();
    expect(outcome.tone).toBe('open');
  });
});
