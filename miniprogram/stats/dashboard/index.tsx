import { useEffect, useMemo, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Button, DatePicker } from '@nutui/nutui-react-taro';
import { EmptyState } from '../../components/empty-state';
import { PageShell } from '../../components/page-shell';
import { canReadStats } from '../../components/stats-roles';
import { messageOf } from '../../services/http';
import { currentAccount } from '../../services/session';
import { getDashboard, saveStatsExport, type Dashboard, type DashboardQuery, type DashboardTable, type ExportFormat } from '../../services/stats';
import { formatDateTime } from '../../utils/format';
import { loading, settle, type Remote } from '../../pages/index/remote';
import { barChartHeight, barChartOption, trendChartOption } from '../chart-options';
import { ChartCard } from '../components/chart-card';
import { StatsChart } from '../components/stats-chart';
import { figureTable, granularityLabel, leagueTable, totalCards, trendTable, type Change } from '../figures-model';
import { beijingToday, periodPresets, presetLabels, presetRange, rangeLabel, rangeProblem, type DayRange, type PeriodPreset } from '../period';
import '../stats.scss';
import './index.scss';

/** At most this many rows in a bar chart: the rest are in its table and the export. */
const BAR_ROWS = 14;

/** 统计分析: a staff member's figures for a period, compared with the one before, charts and tables. */
export default function StatsDashboard() {
  const account = currentAccount();
  const allowed = account !== undefined && canReadStats(account.role);
  const [preset, setPreset] = useState<PeriodPreset>('month');
  const [range, setRange] = useState<DayRange>(() => presetRange('month', new Date()));
  const [picking, setPicking] = useState<'from' | 'to' | null>(null);
  const [streetCode, setStreetCode] = useState<string | undefined>();
  const [categoryCode, setCategoryCode] = useState<string | undefined>();
  const [dashboard, setDashboard] = useState<Remote<Dashboard>>(loading);
  const [filters, setFilters] = useState<Dashboard['filters']>({ streets: [], categories: [] });
  const [exporting, setExporting] = useState<string | null>(null);

  const query: DashboardQuery = useMemo(() => ({ from: range.from, to: range.to, streetCode, categoryCode }), [range.from, range.to, streetCode, categoryCode]);
  const problem = rangeProblem(range, new Date());

  const load = async () => {
    if (!allowed || problem) return;
    setDashboard(loading);
    const answer = await settle(getDashboard(query));
    setDashboard(answer);
    // The choices stay while a filtered dashboard loads: they are the account's, not the period's.
    if (answer.state === 'ready') setFilters(answer.value.filters);
  };

  useEffect(() => {
    void load();
  }, [query.from, query.to, query.streetCode, query.categoryCode, allowed, problem]);

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  const choosePreset = (next: PeriodPreset) => {
    setPreset(next);
    if (next !== 'custom') setRange(presetRange(next, new Date()));
  };

  const exportTable = async (table: DashboardTable, format: ExportFormat) => {
    setExporting(`${table}.${format}`);
    try {
      await saveStatsExport(query, table, format);
    } catch (error) {
      void Taro.showToast({ title: `导出失败：${messageOf(error)}`, icon: 'none' });
    } finally {
      setExporting(null);
    }
  };

  if (!allowed) {
    return (
      <PageShell className='stats-page'>
        <EmptyState title={account ? '统计分析仅对区、街镇中心、办理单位和网格工作人员开放' : '请先登录工作账号'} />
      </PageShell>
    );
  }

  const exportButtons = (table: DashboardTable, label: string) => (
    <>
      <Button size='small' fill='outline' loading={exporting === `${table}.csv`} ariaLabel={`导出${label} CSV`} onClick={() => void exportTable(table, 'csv')}>
        导出CSV
      </Button>
      <Button size='small' fill='outline' loading={exporting === `${table}.xlsx`} ariaLabel={`导出${label} Excel`} onClick={() => void exportTable(table, 'xlsx')}>
        导出Excel
      </Button>
    </>
  );

  const today = beijingToday(new Date());
  return (
    <PageShell className='stats-page'>
      <View className='stats-head'>
        <Text className='stats-head__title'>{dashboard.state === 'ready' ? `${dashboard.value.scope.name} · 统计分析` : '统计分析'}</Text>
        <Text className='stats-head__sub'>
          {rangeLabel(range)}
          {dashboard.state === 'ready' ? `，对比上期 ${rangeLabel(dashboard.value.previous)}` : ''}
        </Text>
      </View>

      <View className='presets' role='radiogroup' ariaLabel='统计区间'>
        {periodPresets.map((key) => (
          <View key={key} className={`presets__item ${key === preset ? 'presets__item--selected' : ''}`} role='radio' aria-checked={key === preset} ariaLabel={presetLabels[key]} onClick={() => choosePreset(key)}>
            <Text>{presetLabels[key]}</Text>
          </View>
        ))}
      </View>

      {preset === 'custom' && (
        <View className='custom-range'>
          <View className='custom-range__day' role='button' ariaLabel={`开始日期 ${range.from}，点击修改`} onClick={() => setPicking('from')}>
            <Text className='custom-range__label'>开始</Text>
            <Text>{range.from}</Text>
          </View>
          <Text className='custom-range__to'>至</Text>
          <View className='custom-range__day' role='button' ariaLabel={`结束日期 ${range.to}，点击修改`} onClick={() => setPicking('to')}>
            <Text className='custom-range__label'>结束</Text>
            <Text>{range.to}</Text>
          </View>
          <DatePicker
            title={picking === 'from' ? '开始日期' : '结束日期'}
            type='date'
            visible={picking !== null}
            startDate={new Date(2019, 0, 1)}
            endDate={new Date(`${today}T12:00:00+08:00`)}
            defaultValue={new Date(`${picking === 'to' ? range.to : range.from}T12:00:00+08:00`)}
            onClose={() => setPicking(null)}
            onConfirm={(_options, selected) => {
              const [year, month, day] = selected.map(String);
              const chosen = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
              if (picking) setRange({ ...range, [picking]: chosen });
            }}
          />
          {problem && (
            <View className='custom-range__problem' role='alert'>
              <Text>{problem}</Text>
            </View>
          )}
        </View>
      )}

      {filters.streets.length > 1 && <FilterChips label='街镇' all='全部街镇' options={filters.streets} value={streetCode} onChange={setStreetCode} />}
      {filters.categories.length > 0 && <FilterChips label='问题大类' all='全部大类' options={filters.categories} value={categoryCode} onChange={setCategoryCode} />}

      {dashboard.state === 'loading' && <Text className='stats-note'>正在统计…</Text>}
      {dashboard.state === 'failed' && (
        <View className='stats-error'>
          <Text className='stats-error__text'>统计暂时无法加载：{dashboard.message}</Text>
          <Button size='small' type='primary' fill='outline' onClick={() => void load()}>
            重新加载
          </Button>
        </View>
      )}
      {dashboard.state === 'ready' && <DashboardBody dashboard={dashboard.value} exportButtons={exportButtons} />}
    </PageShell>
  );
}

function DashboardBody({ dashboard, exportButtons }: { dashboard: Dashboard; exportButtons: (table: DashboardTable, label: string) => JSX.Element }) {
  const { trend } = dashboard;
  return (
    <>
      <View className='totals' role='list' ariaLabel='本期主要数据'>
        {totalCards(dashboard).map((card) => (
          <View key={card.key} className='total' role='listitem' ariaLabel={`${card.label} ${card.value}，${card.change.words}`}>
            <Text className='total__label'>{card.label}</Text>
            <Text className='total__value'>{card.value}</Text>
            <ChangeLine change={card.change} />
          </View>
        ))}
      </View>
      <Text className='stats-note stats-note--left'>
        {dashboard.countedUntil ? `数据统计至 ${formatDateTime(dashboard.countedUntil)}` : '暂无已统计的数据'}，生成于 {formatDateTime(dashboard.generatedAt)}
      </Text>

      <ChartCard
        title={`趋势（${granularityLabel(trend.granularity)}）`}
        table={trendTable(trend.points, trend.granularity)}
        chart={<StatsChart label={`上报、结案、按时结案、超时${granularityLabel(trend.granularity)}趋势`} option={trendChartOption(trend.points, trend.granularity)} height={220} />}
        actions={exportButtons('trend', '趋势')}
      />

      {dashboard.streets && <BarsCard title='按街镇' nameHeader='街镇' rows={dashboard.streets} table='streets' exportButtons={exportButtons} />}
      {dashboard.categories && <BarsCard title='按问题大类' nameHeader='问题大类' rows={dashboard.categories} table='categories' exportButtons={exportButtons} />}

      {dashboard.units && (
        <ChartCard title='单位考核排行' note='按按时结案率、满意度排列；退单前的持有时长计入退单单位' table={leagueTable(dashboard.units)} tableOnly actions={exportButtons('units', '单位考核排行')} />
      )}

      {dashboard.grids && <BarsCard title='热点网格' note='按上报数排列的前20个网格' nameHeader='网格' rows={dashboard.grids} table='grids' exportButtons={exportButtons} />}
      {dashboard.subcategories && <BarsCard title='高发问题小类' note='按上报数排列的前20个小类' nameHeader='小类' rows={dashboard.subcategories} table='subcategories' exportButtons={exportButtons} />}
    </>
  );
}

function BarsCard({ title, note, nameHeader, rows, table, exportButtons }: { title: string; note?: string; nameHeader: string; rows: Dashboard['totals'][]; table: DashboardTable; exportButtons: (table: DashboardTable, label: string) => JSX.Element }) {
  const drawn = rows.slice(0, BAR_ROWS);
  return (
    <ChartCard
      title={title}
      note={rows.length > BAR_ROWS ? `${note ? `${note}；` : ''}图中为前${BAR_ROWS}项，全部见“查看数据”` : note}
      table={figureTable(title, nameHeader, rows)}
      chart={<StatsChart label={`${title}的上报与结案`} option={barChartOption(drawn)} height={barChartHeight(drawn.length)} />}
      actions={exportButtons(table, title)}
    />
  );
}

function ChangeLine({ change }: { change: Change }) {
  return (
    <Text className={`total__change total__change--${change.tone}`}>
      {change.arrow ? `${change.arrow} ` : ''}
      {change.words}
    </Text>
  );
}

function FilterChips({ label, all, options, value, onChange }: { label: string; all: string; options: { code: string; name: string }[]; value: string | undefined; onChange: (code: string | undefined) => void }) {
  const chips = [{ code: undefined as string | undefined, name: all }, ...options];
  return (
    <View className='filter'>
      <Text className='filter__label'>{label}</Text>
      <View className='filter__chips' role='radiogroup' ariaLabel={label}>
        {chips.map((chip) => (
          <View key={chip.code ?? 'all'} className={`filter__chip ${chip.code === value ? 'filter__chip--selected' : ''}`} role='radio' aria-checked={chip.code === value} ariaLabel={chip.name} onClick={() => onChange(chip.code)}>
            <Text>{chip.name}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
