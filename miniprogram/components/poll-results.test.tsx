import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { pollView } from '../testing/poll-fixtures';
import { PollResults } from './poll-results';

const results = { ballots: 8, eligible: 20, turnout: 0.4, counts: { q1: { o1: 6, o2: 2 }, q2: { o3: 5, o4: 4, o5: 1 } }, quorumMet: false, passed: true, final: true };

describe('poll results', () => {
  it('draws a bar per option with its count and share of the ballots, and the turnout against the eligible', () => {
    render(<PollResults poll={pollView()} results={results} />);
    expect(screen.getByText('参与 8 / 20 户（40%）')).toBeTruthy();
    expect(screen.getByText('6票 · 75%')).toBeTruthy();
    expect(screen.getByText('2票 · 25%')).toBeTruthy();
    expect(screen.getByText('5票 · 62.5%')).toBeTruthy();
  });

  it('states the outcome against threshold and quorum', () => {
    render(<PollResults poll={pollView()} results={results} />);
    expect(screen.getByText('「同意」需达到三分之二（含）：通过')).toBeTruthy();
    expect(screen.getByText('参与率要求 50%：未达到')).toBeTruthy();
    expect(screen.getByText('投票已结束，以上为最终结果')).toBeTruthy();
  });

  it('gives screen readers the same numbers as a table', () => {
    render(<PollResults poll={pollView()} results={results} />);
    // Taro's H5 build writes ariaLabel as aria-label; its React components in jsdom do not: the table is found by role.
    const table = screen.getByRole('table');
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(1 + 5);
    expect(within(rows[0]).getAllByRole('columnheader').map((cell) => cell.textContent)).toEqual(['问题', '选项', '票数', '占已计选票']);
    expect(within(rows[1]).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['是否同意建电动车棚？', '同意', '6', '75%']);
  });

  it('says the numbers still move while voting is open', () => {
    render(<PollResults poll={pollView({ votes: 11 })} results={{ ...results, final: false }} />);
    expect(screen.getByText(/投票进行中/)).toBeTruthy();
    expect(screen.getByText(/已投 11 张，已计入 8 张/)).toBeTruthy();
    expect(screen.getByText('「同意」需达到三分之二（含）：暂为通过')).toBeTruthy();
  });
});
