import type { PollPhaseName } from '../../../shared/api/polls';

export type ManageAction = 'edit' | 'open' | 'close' | 'cancel' | 'decide' | 'file_case';

export const manageActionLabels: Record<ManageAction, string> = {
  edit: '编辑',
  open: '发布',
  close: '提前结束',
  cancel: '取消议题',
  decide: '记录决定',
  file_case: '转为案件',
};

/** Who may publish, end and decide: the committee and the grid leader; a property company only drafts. */
const deciders = ['community', 'grid_leader'];

/**
 * The buttons a manager sees for a poll in its phase: editing and publishing while a draft,
 * ending or cancelling while it runs, the decision and its case once it has ended. The server
 * checks each again; this only hides what it would refuse.
 */
export function manageActions(poll: { phase: PollPhaseName; me: { canManage: boolean } | null; decision: object | null }, role: string): ManageAction[] {
  if (!poll.me?.canManage) return [];
  const decides = deciders.includes(role);
  switch (poll.phase) {
    case 'draft':
      return decides ? ['edit', 'open', 'cancel'] : ['edit', 'cancel'];
    case 'scheduled':
      return decides ? ['cancel'] : [];
    case 'voting':
      return decides ? ['close', 'cancel'] : [];
    case 'ended':
      if (!decides) return [];
      return poll.decision ? ['file_case'] : ['decide'];
    case 'cancelled':
      return [];
  }
}
