import { Text } from '@tarojs/components';
import { PageShell } from '../../components/page-shell';

export default function Patrol() {
  return (
    <PageShell>
      <Text>巡查上报</Text>
    </PageShell>
  );
}
