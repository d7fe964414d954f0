import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { savePreferences } from '../services/preferences';
import { PageShell } from './page-shell';

describe('PageShell', () => {
  it('shows the page in the ordinary theme until 长辈模式 is chosen', () => {
    const { container } = render(<PageShell><Text>内容</Text></PageShell>);
    expect(screen.getByText('内容')).toBeTruthy();
    expect(container.querySelector('.shell')?.classList.contains('shell--elder')).toBe(false);
  });

  it('applies 长辈模式 when the preference is stored', () => {
    savePreferences({ elder: true });
    const { container } = render(<PageShell><Button>提交</Button></PageShell>);
    expect(container.querySelector('.shell')?.classList.contains('shell--elder')).toBe(true);
    expect(screen.getByText('提交')).toBeTruthy();
  });
});
