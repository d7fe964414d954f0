import { Text } from '@tarojs/components';
import { PageShell } from '../../components/page-shell';

export default function Report() {
  return (
    <PageShell>
      <Text>我要反映</Text>
    </PageShell>
  );
}
