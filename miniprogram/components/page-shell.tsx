import { useState, type ReactNode } from 'react';
import { View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { readPreferences, type Preferences } from '../services/preferences';
import './page-shell.scss';

/**
 * The frame of every page: applies 长辈模式 (larger text and higher contrast, through the theme
 * variables in page-shell.scss) as the page shows, so a switch in settings holds on the way back.
 * Pages read the same preference through `usePreferences` to simplify themselves.
 */
export function PageShell({ children, className = '' }: { children: ReactNode; className?: string }) {
  const { elder } = usePreferences();
  return <View className={`shell ${elder ? 'shell--elder' : ''} ${className}`}>{children}</View>;
}

export function usePreferences(): Preferences {
  const [preferences, setPreferences] = useState(readPreferences);
  useDidShow(() => setPreferences(readPreferences()));
  return preferences;
}
