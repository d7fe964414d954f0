import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { MessageView } from '../../services/messages';

const messages = vi.hoisted(() => ({ listMessages: vi.fn(), markRead: vi.fn(), markAllRead: vi.fn() }));
const signedIn = vi.hoisted(() => ({ yes: true }));
const unread = vi.hoisted(() => ({ push: undefined as ((count: number) => void) | undefined }));
vi.mock('../../services/messages', () => messages);
vi.mock('../../services/session', async (original) => ({
  ...(await original<typeof import('../../services/session')>()),
  currentAccount: () => (signedIn.yes ? { id: 'r1', role: 'resident', roleLabel: '居民', name: '高海文', scope: {} } : undefined),
}));
vi.mock('../../services/live', () => ({
  live: () => ({
    watchMessages: (_id: string, handler: (count: number) => void) => {
      unread.push = handler;
      return () => undefined;
    },
  }),
}));

const { default: Messages } = await import('./index');

function message(id: string, read: boolean, text: string): MessageView {
  return { id, caseId: `case-${id}`, caseNumber: `BH-${id}`, template: 'case.accept', text, at: new Date().toISOString(), read, inbox: 'mine' } as MessageView;
}

beforeEach(() => {
  vi.restoreAllMocks();
  signedIn.yes = true;
  messages.listMessages.mockReset();
  messages.markRead.mockReset().mockResolvedValue({ id: 'x', read: true });
  messages.markAllRead.mockReset().mockResolvedValue(2);
});

describe('messages page', () => {
  it('marks an unread message read on tap and opens its case', async () => {
    const navigateTo = vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as never);
    messages.listMessages.mockResolvedValue({ items: [message('m1', false, '案件已受理'), message('m2', true, '案件已派单')], nextCursor: null });
    const { container } = render(<Messages />);
    fireEvent.click(await screen.findByText('案件已受理'));
    await waitFor(() => expect(messages.markRead).toHaveBeenCalledWith('m1'));
    await waitFor(() => expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/case/index?id=case-m1' }));
    expect(container.querySelectorAll('.message--unread')).toHaveLength(0);
  });

  it('names a poll message by its poll and opens the poll page on tap', async () => {
    const navigateTo = vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as never);
    const poll: MessageView = {
      id: 'm3',
      subject: { kind: 'poll', id: 'p0000000000000042', title: '是否建设电动自行车充电车棚' },
      template: 'poll.opened',
      text: '议事投票「是否建设电动自行车充电车棚」已开始，2026年03月16日 09:00 截止，请及时参与投票',
      at: new Date().toISOString(),
      read: false,
      inbox: 'mine',
    };
    messages.listMessages.mockResolvedValue({ items: [poll, { ...message('m4', true, '案件已派单'), subject: { kind: 'case', id: 'case-m4', number: 'BH-m4' } }], nextCursor: null });
    render(<Messages />);
    expect(await screen.findByText('议事 是否建设电动自行车充电车棚')).toBeTruthy();
    expect(screen.getByText('案件 BH-m4')).toBeTruthy();
    expect(screen.queryByText(/案件 undefined/)).toBeNull();
    fireEvent.click(screen.getByText(poll.text));
    await waitFor(() => expect(messages.markRead).toHaveBeenCalledWith('m3'));
    await waitFor(() => expect(navigateTo).toHaveBeenCalledWith({ url: '/community/poll/index?id=p0000000000000042' }));
  });

  it('opens a read message without marking it again', async () => {
    const navigateTo = vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as never);
    messages.listMessages.mockResolvedValue({ items: [message('m2', true, '案件已派单')], nextCursor: null });
    render(<Messages />);
    fireEvent.click(await screen.findByText('案件已派单'));
    await waitFor(() => expect(navigateTo).toHaveBeenCalled());
    expect(messages.markRead).not.toHaveBeenCalled();
  });

  it('shows the live unread count, reads the list again when it rises, and marks all read', async () => {
    messages.listMessages.mockResolvedValue({ items: [message('m1', false, '案件已受理')], nextCursor: null });
    const { container } = render(<Messages />);
    await screen.findByText('案件已受理');
    unread.push?.(1);
    expect(await screen.findByText('1 条未读')).toBeTruthy();
    unread.push?.(2);
    await waitFor(() => expect(messages.listMessages).toHaveBeenCalledTimes(2));
    fireEvent.click(screen.getByText('全部已读'));
    await waitFor(() => expect(messages.markAllRead).toHaveBeenCalled());
    await waitFor(() => expect(container.querySelectorAll('.message--unread')).toHaveLength(0));
  });

  it('asks people who are not signed in to sign in', () => {
    signedIn.yes = false;
    render(<Messages />);
    expect(screen.getByText('登录后查看消息')).toBeTruthy();
    expect(messages.listMessages).not.toHaveBeenCalled();
  });
});
