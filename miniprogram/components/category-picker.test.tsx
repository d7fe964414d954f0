import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { baoheCatalog } from '../../shared/catalog/baohe-catalog';
import { CategoryBrowser } from './category-picker';

const typeInto = (input: HTMLElement, text: string) => fireEvent.input(input, { target: { value: text } });

describe('CategoryBrowser', () => {
  it('shows the most used subcategories first as 常用, most filed first', () => {
    render(<CategoryBrowser catalog={baoheCatalog} usage={{ '02.04': 1, '01.02': 4 }} onChoose={() => undefined} />);
    const used = screen.getByLabelText('常用');
    const chips = within(used).getAllByRole('button').map((chip) => chip.textContent);
    expect(chips).toEqual(['垃圾桶（箱）满溢', '井盖缺失破损']);
  });

  it('offers no 常用 row on a device that never filed', () => {
    render(<CategoryBrowser catalog={baoheCatalog} usage={{}} onChoose={() => undefined} />);
    expect(screen.queryByLabelText('常用')).toBeNull();
  });

  it('searches names and chooses the subcategory tapped', () => {
    const onChoose = vi.fn();
    const { container } = render(<CategoryBrowser catalog={baoheCatalog} usage={{}} onChoose={onChoose} />);
    typeInto(container.querySelector('input')!, '井盖');
    const results = screen.getByLabelText('搜索结果');
    const first = within(results).getAllByRole('button')[0];
    expect(first.textContent).toContain('井盖缺失破损');
    fireEvent.click(first);
    expect(onChoose).toHaveBeenCalledWith('02.04');
  });

  it('says so when nothing matches', () => {
    const { container } = render(<CategoryBrowser catalog={baoheCatalog} usage={{}} onChoose={() => undefined} />);
    typeInto(container.querySelector('input')!, '火星');
    expect(screen.getByText(/没有找到“火星”/)).toBeTruthy();
  });

  it('browses two levels: a category, then its subcategories', () => {
    const onChoose = vi.fn();
    render(<CategoryBrowser catalog={baoheCatalog} usage={{}} onChoose={onChoose} />);
    const second = baoheCatalog.categories[1];
    fireEvent.click(screen.getByRole('tab', { name: new RegExp(`^${second.name}`) }));
    const panel = screen.getByRole('tabpanel');
    expect(within(panel).getAllByRole('button')).toHaveLength(second.subcategories.length);
    fireEvent.click(within(panel).getAllByRole('button')[0]);
    expect(onChoose).toHaveBeenCalledWith(second.subcategories[0].code);
  });
});
