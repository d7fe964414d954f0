import { describe, expect, it } from 'vitest';
import { pollNoticeKey, pollNoticeText } from './notices';

const facts = { title: '是否建设电动自行车充电车棚', opensAt: new Date('2026-03-10T01:00:00Z'), closesAt: new Date('2026-03-17T01:00:00Z') };
const result = { ballots: 120, eligible: 300, turnout: 0.4, counts: {}, quorumMet: true, passed: true };

describe('poll notice texts', () => {
  it('names the voting window: when it starts for a poll published ahead of it, the deadline for one already open', () => {
    expect(pollNoticeText('opened', facts, new Date('2026-03-09T01:00:00Z'))).toBe('议事投票「是否建设电动自行车充电车棚」将于 2026年03月10日 09:00 开始，2026年03月17日 09:00 截止，请按时参与投票');
    expect(pollNoticeText('opened', facts, new Date('2026-03-10T01:00:00Z'))).toBe('议事投票「是否建设电动自行车充电车棚」已开始，2026年03月17日 09:00 截止，请及时参与投票');
  });

  it('gives the ballots, the turnout and the decision with the results', () => {
    expect(pollNoticeText('results', { ...facts, result }, facts.closesAt)).toBe('议事投票「是否建设电动自行车充电车棚」结果已公布：共 120 票，参与率 40%，表决通过');
    expect(pollNoticeText('results', { ...facts, result: { ...result, passed: false } }, facts.closesAt)).toMatch(/，表决未通过$/);
    expect(pollNoticeText('results', { ...facts, result: { ...result, quorumMet: false, passed: false } }, facts.closesAt)).toMatch(/，参与率未达到要求$/);
    expect(pollNoticeText('results', { ...facts, result: { ...result, quorumMet: null, passed: null, turnout: 1 / 3 } }, facts.closesAt)).toMatch(/参与率 33.3%$/);
  });

  it('gives the reason of a cancellation when there is one', () => {
    expect(pollNoticeText('cancelled', { ...facts, cancelReason: '方案需重新论证' }, facts.closesAt)).toBe('议事投票「是否建设电动自行车充电车棚」已取消：方案需重新论证');
    expect(pollNoticeText('cancelled', facts, facts.closesAt)).toBe('议事投票「是否建设电动自行车充电车棚」已取消');
  });

  it('keys a notice by poll and kind: one of each per poll', () => {
    expect(pollNoticeKey('p1', 'results')).toBe('poll:p1:results');
  });
});
