import { Text } from '@tarojs/components';
import { PageShell } from '../../components/page-shell';

export default function Messages() {
  return (
    <PageShell>
      <Text>消息</Text>
    </PageShell>
  );
}
