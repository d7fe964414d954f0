import { Text } from '@tarojs/components';
import { PageShell } from '../../components/page-shell';

export default function Me() {
  return (
    <PageShell>
      <Text>我的</Text>
    </PageShell>
  );
}
