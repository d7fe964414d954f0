import { Text } from '@tarojs/components';
import { PageShell } from '../../components/page-shell';

export default function MyCases() {
  return (
    <PageShell>
      <Text>我的诉求</Text>
    </PageShell>
  );
}
