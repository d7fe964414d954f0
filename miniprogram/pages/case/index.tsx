import { Text } from '@tarojs/components';
import { PageShell } from '../../components/page-shell';

export default function CaseDetailPage() {
  return (
    <PageShell>
      <Text>诉求详情</Text>
    </PageShell>
  );
}
