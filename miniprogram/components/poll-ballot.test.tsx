import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../services/http';
import { pollView } from '../testing/poll-fixtures';

const polls = vi.hoisted(() => ({ castVote: vi.fn() }));
vi.mock('../services/polls', () => polls);

const { PollBallot } = await import('./poll-ballot');

// A hook that returns the mock would have it called as the test's cleanup: braces.
beforeEach(() => {
  polls.castVote.mockReset();
});

const click = (text: string) => fireEvent.click(screen.getByText(text));

describe('the voting form', () => {
  it('asks for confirmation, saying a ballot cannot be changed, before casting; then shows the receipt once', async () => {
    polls.castVote.mockResolvedValue({ receipt: '7KQ2-M9XD-4RTA-PW3E' });
    const onCast = vi.fn();
    render(<PollBallot poll={pollView()} onCast={onCast} />);
    click('同意');
    click('充电桩');
    click('投票');
    expect(await screen.findByText('确认投票')).toBeTruthy();
    expect(screen.getByText('选票一经投出不能更改或撤回。')).toBeTruthy();
    expect(polls.castVote).not.toHaveBeenCalled();
    click('确认投出');
    expect(await screen.findByText('7KQ2-M9XD-4RTA-PW3E')).toBeTruthy();
    expect(polls.castVote).toHaveBeenCalledWith('p0000000000000001', { q1: ['o1'], q2: ['o3'] });
    expect(screen.getByText(/只有您持有/)).toBeTruthy();
    expect(onCast).toHaveBeenCalledWith('7KQ2-M9XD-4RTA-PW3E');
  });

  it('sends nothing when the voter thinks again', async () => {
    render(<PollBallot poll={pollView()} />);
    click('不同意');
    click('监控');
    click('投票');
    click(await screen.findByText('再想想').then((node) => node.textContent ?? ''));
    await waitFor(() => expect(screen.queryByText('确认投出')).toBeNull());
    expect(polls.castVote).not.toHaveBeenCalled();
  });

  it('holds the ballot back while a question is unanswered, and says which', async () => {
    render(<PollBallot poll={pollView()} />);
    click('同意');
    click('投票');
    expect(await screen.findByText('请至少选择一项')).toBeTruthy();
    expect(screen.queryByText('确认投票')).toBeNull();
  });

  it('enforces the multiple-choice limit before submitting', async () => {
    render(<PollBallot poll={pollView()} />);
    click('同意');
    click('充电桩');
    click('监控');
    click('灭火器');
    expect(await screen.findByText('最多选择2项')).toBeTruthy();
    click('投票');
    await screen.findByText('确认投票');
    expect(screen.getByText('充电桩、监控')).toBeTruthy();
    click('确认投出');
    await waitFor(() => expect(polls.castVote).toHaveBeenCalledWith('p0000000000000001', { q1: ['o1'], q2: ['o3', 'o4'] }));
  });

  it('shows the reason in Chinese instead of the form when the viewer may not vote', () => {
    render(<PollBallot poll={pollView({ me: { canVote: false, refusal: 'poll.unverified', voted: false, canComment: false, canManage: false, canEdit: false } })} />);
    expect(screen.getByText('您的住户身份尚未认证，认证后才能投票')).toBeTruthy();
    expect(screen.queryByText('投票')).toBeNull();
    expect(screen.queryByText('同意')).toBeNull();
  });

  it('tells a voter who has voted so, without a form', () => {
    render(<PollBallot poll={pollView({ me: { canVote: false, refusal: 'poll.already_voted', voted: true, canComment: true, canManage: false, canEdit: false } })} />);
    expect(screen.getByText('您已投票')).toBeTruthy();
    expect(screen.getByText('您（或您家）已经投过票，投票后不能更改')).toBeTruthy();
  });

  it('shows a refusal from the server in Chinese and keeps the choices', async () => {
    const refusal = new ApiError('poll.already_voted', '已经投过票', 409);
    polls.castVote.mockRejectedValue(refusal);
    render(<PollBallot poll={pollView()} />);
    click('同意');
    click('监控');
    click('投票');
    click(await screen.findByText('确认投出').then((node) => node.textContent ?? ''));
    expect(await screen.findByText('您（或您家）已经投过票，投票后不能更改')).toBeTruthy();
    expect(screen.getByText('投票')).toBeTruthy();
  });
});
