import type { ReactNode } from 'react';
import { Empty } from '@nutui/nutui-react-taro';
import { Order } from '@nutui/icons-react-taro';

/**
 * NutUI's empty state with a picture of ours: its default picture is fetched from a JD server,
 * which the app must not call (a resident's visit is nobody else's business, and it fails offline).
 */
export function EmptyState({ title, description, icon, children }: { title: string; description?: string; icon?: ReactNode; children?: ReactNode }) {
  return (
    <Empty image={icon ?? <Order size={56} color='#c9d3dd' />} imageSize={72} title={title} description={description}>
      {children}
    </Empty>
  );
}
