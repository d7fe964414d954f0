import { Button } from '@nutui/nutui-react-taro';
import { EmptyState } from '../components/empty-state';
import { PageShell } from '../components/page-shell';

/** A visit page whose first load failed: what could not be opened, why, and 重新加载. */
export function LoadFailed({ className, title, message, onRetry }: { className: string; title: string; message: string; onRetry: () => void }) {
  return (
    <PageShell className={className}>
      <EmptyState title={title} description={message}>
        <Button type='primary' onClick={onRetry}>
          重新加载
        </Button>
      </EmptyState>
    </PageShell>
  );
}
