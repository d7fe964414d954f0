import { Text } from '@tarojs/components';
import { PageShell } from '../../components/page-shell';

export default function StaffInbox() {
  return (
    <PageShell>
      <Text>待办</Text>
    </PageShell>
  );
}
