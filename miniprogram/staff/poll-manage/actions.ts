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

/**
 * The buttons a viewer sees for a poll in its phase, from what the server says they may do
 * (`me.canEdit`: the draft's managers and the property company that wrote it; `me.canManage`: the
 * committee or grid leader who publish, end, cancel and decide). The server checks each again;
 * this only hides what it would refuse.
 */
export function manageActions(poll: { phase: PollPhaseName; me: { canManage: boolean; canEdit: boolean } | null; decision: object | null }): ManageAction[] {
  const manages = poll.me?.canManage ?? false;
  switch (poll.phase) {
    case 'draft':
      return [...(poll.me?.canEdit ? (['edit'] as const) : []), ...(manages ? (['open', 'cancel'] as const) : [])];
    case 'scheduled':
      return manages ? ['cancel'] : [];
    case 'voting':
      return manages ? ['close', 'cancel'] : [];
    case 'ended':
      if (!manages) return [];
      return poll.decision ? ['file_case'] : ['decide'];
    case 'cancelled':
      return [];
  }
}
