import { Text } from '@tarojs/components';
import { PageShell } from '../../components/page-shell';

export default function Figures() {
  return (
    <PageShell>
      <Text>全区数据</Text>
    </PageShell>
  );
}
