import { Text } from '@tarojs/components';
import { PageShell } from '../../components/page-shell';

export default function Login() {
  return (
    <PageShell>
      <Text>登录</Text>
    </PageShell>
  );
}
