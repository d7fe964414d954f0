import { useEffect } from 'react';
import { Text, View } from '@tarojs/components';
import { roleLabels, type Role } from '../../../shared/domain/roles';
import { EmptyState } from '../../components/empty-state';
import { ListFooter } from '../../components/list-footer';
import { useCursorPages } from '../../components/use-cursor-pages';
import { getVisitAudit, type VisitAuditEntry } from '../../services/visits';
import { formatDateTime } from '../../utils/format';
import { auditWhat } from '../labels';

const PAGE_SIZE = 30;

/** 审计: who listed, read, unmasked, visited or exported whom, when and why — the committee's own community. */
export function AuditList() {
  const list = useCursorPages<VisitAuditEntry>((cursor) => getVisitAudit({ limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }));
  // Mounted when its tab is chosen, after the page was shown: it loads itself.
  useEffect(() => void list.reload(), []);
  return (
    <View className='visit-audit'>
      {list.loaded && list.items.length === 0 && !list.error ? <EmptyState title='还没有审计记录' /> : null}
      {list.items.map((entry) => (
        <View key={entry.id} className={`visit-audit__line ${entry.action === 'unmask' || entry.action === 'export' ? 'visit-audit__line--strong' : ''}`}>
          <Text className='visit-audit__when'>{formatDateTime(entry.at)}</Text>
          <Text className='visit-audit__who'>{`${entry.actor.name}（${roleLabels[entry.actor.role as Role] ?? entry.actor.role}）${auditWhat(entry.action, entry.field)}`}</Text>
          <Text className='visit-card__text'>{`人员编号 ${entry.personId}${entry.reason ? ` · 原因：${entry.reason}` : ''}`}</Text>
        </View>
      ))}
      <ListFooter error={list.error || null} loadingMore={list.loaded && list.loading} hasItems={list.items.length > 0} hasMore={list.hasMore} onRetry={() => void list.reload()} onMore={() => void list.loadMore()} />
    </View>
  );
}
