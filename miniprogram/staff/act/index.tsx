import { Text } from '@tarojs/components';
import { PageShell } from '../../components/page-shell';

export default function StaffAct() {
  return (
    <PageShell>
      <Text>办理</Text>
    </PageShell>
  );
}
