import { describe, expect, it } from 'vitest';
import { ballotProblems, eligibility, pollPhase, resultsVisible, tally } from './rules';
import type { Membership, Poll } from './types';

const opensAt = new Date('2026-12-01T00:00:00Z');
const closesAt = new Date('2026-12-08T00:00:00Z');
const during = new Date('2026-12-03T00:00:00Z');

function shedPoll(overrides: Partial<Poll> = {}): Poll {
  return {
    id: 'poll1',
    status: 'open',
    scope: { kind: 'compound', compoundCode: 'C001' },
    questions: [
      { id: 'q1', text: '是否同意在3栋北侧建设电动车充电棚？', kind: 'single', maxChoices: 1, options: [{ id: 'yes', text: '同意' }, { id: 'no', text: '不同意' }, { id: 'abstain', text: '弃权' }] },
      { id: 'q2', text: '希望的充电方式（最多选两项）', kind: 'multiple', maxChoices: 2, options: [{ id: 'coin', text: '投币' }, { id: 'scan', text: '扫码' }, { id: 'card', text: '刷卡' }] },
    ],
    votesPer: 'resident',
    opensAt,
    closesAt,
    resultsVisibility: 'after_close',
    ...overrides,
  };
}

function home(overrides: Partial<Membership> = {}): Membership {
  return { accountId: 'r1', compoundCode: 'C001', buildingCode: 'B03', gridCode: 'G0101', householdId: 'H-3-2-201', relation: 'owner', status: 'verified', ...overrides };
}

const resident = (memberships: Membership[], accountId = 'r1') => ({ accountId, role: 'resident', memberships });

describe('pollPhase', () => {
  it('follows the status, and an open poll its window', () => {
    expect(pollPhase(shedPoll({ status: 'draft' }), during)).toBe('draft');
    expect(pollPhase(shedPoll(), new Date(opensAt.getTime() - 1))).toBe('scheduled');
    expect(pollPhase(shedPoll(), opensAt)).toBe('voting');
    expect(pollPhase(shedPoll(), closesAt)).toBe('ended');
    expect(pollPhase(shedPoll({ status: 'closed' }), during)).toBe('ended');
    expect(pollPhase(shedPoll({ status: 'cancelled' }), during)).toBe('cancelled');
  });
});

describe('eligibility: the matrix', () => {
  const cases: [string, Poll, ReturnType<typeof resident> | { accountId: string; role: string; memberships: Membership[] }, Date, string][] = [
    ['a draft takes no votes', shedPoll({ status: 'draft' }), resident([home()]), during, 'poll.draft'],
    ['before the window', shedPoll(), resident([home()]), new Date(opensAt.getTime() - 1), 'poll.not_yet_open'],
    ['at the closing instant', shedPoll(), resident([home()]), closesAt, 'poll.closed'],
    ['a cancelled poll', shedPoll({ status: 'cancelled' }), resident([home()]), during, 'poll.cancelled'],
    ['staff do not vote', shedPoll(), { accountId: 'g1', role: 'grid_member', memberships: [home({ accountId: 'g1' })] }, during, 'poll.not_resident'],
    ['another compound', shedPoll(), resident([home({ compoundCode: 'C002' })]), during, 'poll.outside_scope'],
    ['not one of the buildings asked', shedPoll({ scope: { kind: 'buildings', compoundCode: 'C001', buildingCodes: ['B01', 'B02'] } }), resident([home()]), during, 'poll.outside_scope'],
    ['a claim not yet approved', shedPoll(), resident([home({ status: 'pending' })]), during, 'poll.unverified'],
    ['a rejected claim', shedPoll(), resident([home({ status: 'rejected' })]), during, 'poll.unverified'],
    ["someone else's membership is not hers", shedPoll(), resident([home({ accountId: 'r2' })]), during, 'poll.outside_scope'],
  ];
  it.each(cases)('%s', (_name, poll, voter, now, reason) => {
    expect(eligibility(poll, voter, now)).toEqual({ eligible: false, reason });
  });

  it('lets a verified resident of the scope vote, keyed per resident or per household', () => {
    const perResident = eligibility(shedPoll(), resident([home()]), during);
    expect(perResident).toMatchObject({ eligible: true, voteKey: 'poll1:resident:r1' });
    const perHousehold = eligibility(shedPoll({ votesPer: 'household' }), resident([home({ accountId: 'r2' })], 'r2'), during);
    expect(perHousehold).toMatchObject({ eligible: true, voteKey: 'poll1:household:H-3-2-201' });
    // Two residents of one room share the household key: the database lets one of them vote.
    const partner = eligibility(shedPoll({ votesPer: 'household' }), resident([home()]), during);
    expect(partner.eligible && perHousehold.eligible && partner.voteKey === perHousehold.voteKey).toBe(true);
  });

  it('counts a grid scope by the membership grid, and a verified home among several', () => {
    const voter = resident([home({ compoundCode: 'C009', gridCode: 'G0202', status: 'pending' }), home({ gridCode: 'G0202' })]);
    expect(eligibility(shedPoll({ scope: { kind: 'grid', gridCode: 'G0202' } }), voter, during)).toMatchObject({ eligible: true });
  });
});

describe('ballotProblems', () => {
  it('takes a complete ballot within the limits', () => {
    expect(ballotProblems(shedPoll(), { q1: ['yes'], q2: ['coin', 'scan'] })).toEqual([]);
  });

  it('names every problem by question', () => {
    expect(ballotProblems(shedPoll(), { q1: ['yes', 'no'], q2: ['coin', 'scan', 'card'], q9: ['x'] })).toEqual([
      { questionId: 'q9', code: 'poll.unknown_question' },
      { questionId: 'q1', code: 'poll.too_many_choices' },
      { questionId: 'q2', code: 'poll.too_many_choices' },
    ]);
    expect(ballotProblems(shedPoll(), { q1: ['maybe'], q2: ['coin', 'coin'] })).toEqual([
      { questionId: 'q1', code: 'poll.unknown_option' },
      { questionId: 'q2', code: 'poll.repeated_option' },
    ]);
    expect(ballotProblems(shedPoll(), { q1: [] })).toEqual([
      { questionId: 'q1', code: 'poll.unanswered' },
      { questionId: 'q2', code: 'poll.unanswered' },
    ]);
  });
});

describe('tally', () => {
  const yes = { q1: ['yes'], q2: ['scan'] };
  const no = { q1: ['no'], q2: ['coin', 'scan'] };

  it('counts every option, zeros included, and turnout against the eligible', () => {
    const result = tally(shedPoll(), [yes, yes, no], 10);
    expect(result.counts).toEqual({ q1: { yes: 2, no: 1, abstain: 0 }, q2: { coin: 1, scan: 3, card: 0 } });
    expect(result.turnout).toBeCloseTo(0.3);
    expect(result).toMatchObject({ ballots: 3, eligible: 10, quorumMet: null, passed: null });
  });

  it('decides 过半数 as more than half and 三分之二以上 as at least two thirds', () => {
    const half = [yes, no];
    expect(tally(shedPoll({ pass: { optionId: 'yes', threshold: 0.5, rule: 'more_than' } }), half, 4).passed).toBe(false);
    expect(tally(shedPoll({ pass: { optionId: 'yes', threshold: 0.5, rule: 'more_than' } }), [yes, yes, no], 4).passed).toBe(true);
    expect(tally(shedPoll({ pass: { optionId: 'yes', threshold: 2 / 3, rule: 'at_least' } }), [yes, yes, no], 4).passed).toBe(true);
    expect(tally(shedPoll({ pass: { optionId: 'yes', threshold: 2 / 3, rule: 'at_least' } }), [yes, no, no], 4).passed).toBe(false);
  });

  it('fails a poll whose turnout is under its quorum, whatever the shares', () => {
    const poll = shedPoll({ quorum: 2 / 3, pass: { optionId: 'yes', threshold: 0.5, rule: 'more_than' } });
    expect(tally(poll, [yes, yes], 4)).toMatchObject({ quorumMet: false, passed: false });
    expect(tally(poll, [yes, yes, no], 4)).toMatchObject({ quorumMet: true, passed: true });
    expect(tally(poll, [], 0)).toMatchObject({ turnout: 0, quorumMet: false, passed: false });
  });
});

describe('resultsVisible', () => {
  it('shows live results while voting only when the poll says so, and every result once ended', () => {
    expect(resultsVisible(shedPoll(), during)).toBe(false);
    expect(resultsVisible(shedPoll({ resultsVisibility: 'live' }), during)).toBe(true);
    expect(resultsVisible(shedPoll(), closesAt)).toBe(true);
    expect(resultsVisible(shedPoll({ status: 'draft', resultsVisibility: 'live' }), during)).toBe(false);
  });
});
