import { Text } from '@tarojs/components';
import { PageShell } from '../../components/page-shell';

export default function PublicCases() {
  return (
    <PageShell>
      <Text>公开案件</Text>
    </PageShell>
  );
}
