import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Picker, type PickerOption } from '@nutui/nutui-react-taro';
import { EmptyState } from '../../components/empty-state';
import { ListFooter } from '../../components/list-footer';
import { Order } from '@nutui/icons-react-taro';
import { CaseCard } from '../../components/case-card';
import { PageShell } from '../../components/page-shell';
import { PUBLIC_FIGURES_PAGE } from '../../components/stats-roles';
import { listCases, type CaseSummary } from '../../services/cases';
import { getCatalog, type Catalog } from '../../services/catalog';
import { messageOf } from '../../services/http';
import { listStreets, type Street } from '../../services/places';
import { openPage } from '../login/navigate';
import { describeFilters, groupLabels, noFilters, publicQuery, withOther, type PublicFilters } from './filters';
import './index.scss';

interface ListState {
  items: CaseSummary[];
  nextCursor: string | null;
  /** `first`: the first page is on its way (the list is replaced); `more`: a further page. */
  loading: 'first' | 'more' | null;
  error: string | null;
}

const ALL = '';

function openCase(item: CaseSummary) {
  void Taro.navigateTo({ url: `/pages/case/index?id=${encodeURIComponent(item.id)}` });
}

/** 公开案件: every case's public form, for anyone, narrowed by street and one other filter. */
export default function PublicCases() {
  const [filters, setFilters] = useState<PublicFilters>(noFilters);
  const [list, setList] = useState<ListState>({ items: [], nextCursor: null, loading: 'first', error: null });
  const [streets, setStreets] = useState<Street[]>([]);
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const [picking, setPicking] = useState<'street' | 'category' | null>(null);
  const [now, setNow] = useState(() => new Date());
  // A slow answer for filters the user has since changed must not overwrite the newer list.
  const generation = useRef(0);

  const loadFirst = async (current: PublicFilters) => {
    const mine = ++generation.current;
    setList((state) => ({ ...state, loading: 'first', error: null }));
    try {
      const page = await listCases(publicQuery(current));
      if (mine !== generation.current) return;
      setNow(new Date());
      setList({ items: page.items, nextCursor: page.nextCursor, loading: null, error: null });
    } catch (error) {
      if (mine !== generation.current) return;
      setList((state) => ({ ...state, loading: null, error: messageOf(error) }));
    }
  };

  const loadMore = async () => {
    if (list.loading || !list.nextCursor) return;
    const mine = generation.current;
    setList((state) => ({ ...state, loading: 'more', error: null }));
    try {
      const page = await listCases(publicQuery(filters, list.nextCursor));
      if (mine !== generation.current) return;
      setList((state) => ({ items: [...state.items, ...page.items.filter((item) => !state.items.some((held) => held.id === item.id))], nextCursor: page.nextCursor, loading: null, error: null }));
    } catch (error) {
      if (mine !== generation.current) return;
      setList((state) => ({ ...state, loading: null, error: messageOf(error) }));
    }
  };

  useEffect(() => {
    void loadFirst(noFilters);
    // The pickers work without these; a failure leaves them offering only 全区 / 全部分类.
    listStreets().then((result) => setStreets(result.items), () => undefined);
    getCatalog().then(setCatalog, () => undefined);
    // Loads once on open; later loads follow the user's filters.
  }, []);

  // On H5 the tab bar is drawn over the page, covering the bottom of the picker: it steps aside meanwhile.
  const pick = (which: 'street' | 'category' | null) => {
    setPicking(which);
    void Promise.resolve(which ? Taro.hideTabBar({}) : Taro.showTabBar({})).catch(() => undefined);
  };

  const apply = (next: PublicFilters) => {
    setFilters(next);
    void loadFirst(next);
  };

  usePullDownRefresh(() => {
    void loadFirst(filters).finally(() => Taro.stopPullDownRefresh());
  });

  useReachBottom(() => {
    void loadMore();
  });

  const streetOptions: PickerOption[] = [{ label: '全区', value: ALL }, ...streets.map((street) => ({ label: street.name, value: street.code }))];
  const categoryOptions: PickerOption[] = [{ label: '全部分类', value: ALL }, ...(catalog?.categories ?? []).map((category) => ({ label: category.name, value: category.code }))];
  const other = filters.other;

  return (
    <PageShell className='public'>
      <View className='public__filters' role='group' ariaLabel='筛选公开案件'>
        <View className='public__pickers'>
          <FilterButton label='街镇' value={filters.street?.name ?? '全区'} onClick={() => pick('street')} />
          <FilterButton label='分类' value={other.kind === 'category' ? other.name : '全部分类'} onClick={() => pick('category')} />
        </View>
        <View className='public__chips'>
          <Chip label='全部' selected={other.kind === 'none'} onClick={() => apply(withOther(filters, { kind: 'none' }))} />
          {(['open', 'closed'] as const).map((group) => (
            <Chip key={group} label={groupLabels[group]} selected={other.kind === 'group' && other.group === group} onClick={() => apply(withOther(filters, { kind: 'group', group }))} />
          ))}
        </View>
        <Text className='public__hint'>分类与办理状态一次选一项；{describeFilters(filters)}</Text>
      </View>

      <View className='public__figures' role='button' ariaLabel='查看全区数据' hoverClass='public__figures--pressed' onClick={() => openPage(PUBLIC_FIGURES_PAGE)}>
        <Text className='public__figures-title'>全区数据</Text>
        <Text className='public__figures-text'>上报、办结、按时办结率与满意度 ›</Text>
      </View>

      <View className='public__list' ariaLabel={`公开案件：${describeFilters(filters)}`}>
        {list.loading === 'first' && list.items.length === 0 && <Text className='public__note'>正在加载…</Text>}
        {list.items.map((item) => (
          <CaseCard key={item.id} item={item} now={now} onClick={openCase} />
        ))}
        {list.loading === null && list.error === null && list.items.length === 0 && <EmptyState icon={<Order size={56} color='#c9d3dd' />} title='没有符合条件的公开案件' description='换个街镇或分类看看' />}
        <ListFooter
          error={list.error}
          loadingMore={list.loading === 'more'}
          hasItems={list.items.length > 0}
          hasMore={list.nextCursor !== null}
          onRetry={() => void (list.items.length === 0 ? loadFirst(filters) : loadMore())}
          onMore={() => void loadMore()}
        />
      </View>

      <Picker
        title='选择街镇'
        visible={picking === 'street'}
        options={[streetOptions]}
        value={[filters.street?.code ?? ALL]}
        onConfirm={(_options, [code]) => {
          const street = streets.find((candidate) => candidate.code === code);
          apply({ ...filters, street: street ? { code: street.code, name: street.name } : null });
        }}
        onClose={() => pick(null)}
      />
      <Picker
        title='选择问题分类'
        visible={picking === 'category'}
        options={[categoryOptions]}
        value={[other.kind === 'category' ? other.code : ALL]}
        onConfirm={(_options, [code]) => {
          const category = catalog?.categories.find((candidate) => candidate.code === code);
          apply(withOther(filters, category ? { kind: 'category', code: category.code, name: category.name } : { kind: 'none' }));
        }}
        onClose={() => pick(null)}
      />
    </PageShell>
  );
}

function FilterButton({ label, value, onClick }: { label: string; value: string; onClick: () => void }) {
  return (
    <View className='filter-button' role='button' ariaLabel={`${label}：${value}，点按更换`} hoverClass='filter-button--pressed' onClick={onClick}>
      <Text className='filter-button__label'>{label}</Text>
      <Text className='filter-button__value'>{value}</Text>
      <Text className='filter-button__arrow'>▾</Text>
    </View>
  );
}

function Chip({ label, selected, onClick }: { label: string; selected: boolean; onClick: () => void }) {
  return (
    <View className={`chip ${selected ? 'chip--selected' : ''}`} role='button' ariaLabel={`${label}${selected ? '，已选' : ''}`} onClick={onClick}>
      <Text>{label}</Text>
    </View>
  );
}
