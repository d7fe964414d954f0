import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../components/page-shell';
import { getPublicStats, type PublicPeriod, type PublicStats } from '../../services/stats';
import { formatDateTime } from '../../utils/format';
import { loading, settle, type Remote } from '../../pages/index/remote';
import { barChartHeight, barChartOption } from '../chart-options';
import { ChartCard } from '../components/chart-card';
import { StatsChart } from '../components/stats-chart';
import { busiestFirst, publicTable, publicTiles } from '../figures-model';
import '../stats.scss';
import './index.scss';

/** 全区数据: the district's public figures for anyone, no login: numbers, bar charts and their tables. */
export default function PublicFigures() {
  const [stats, setStats] = useState<Remote<PublicStats>>(loading);
  const [periodKey, setPeriodKey] = useState<PublicPeriod['key']>('month');

  const load = async () => {
    setStats(await settle(getPublicStats()));
  };

  useDidShow(() => {
    void load();
  });

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  const periods = stats.state === 'ready' ? stats.value.periods : [];
  const period = periods.find((candidate) => candidate.key === periodKey) ?? periods[0];

  return (
    <PageShell className='public-figures'>
      <View className='public-figures__head'>
        <Text className='public-figures__title'>包河区网格化服务数据</Text>
        <Text className='public-figures__sub'>
          {stats.state === 'ready' && stats.value.countedUntil ? `数据统计至 ${formatDateTime(stats.value.countedUntil)}` : '上报、结案、按时结案率与群众满意度'}
        </Text>
      </View>

      {stats.state === 'loading' && <Text className='public-figures__note'>正在加载全区数据…</Text>}
      {stats.state === 'failed' && (
        <View className='public-figures__error'>
          <Text className='public-figures__error-text'>全区数据暂时无法加载：{stats.message}</Text>
          <Button size='small' type='primary' fill='outline' onClick={() => void load()}>
            重新加载
          </Button>
        </View>
      )}
      {period && (
        <>
          <View className='public-periods' role='radiogroup' ariaLabel='统计时段'>
            {periods.map((candidate) => (
              <View
                key={candidate.key}
                className={`public-periods__item ${candidate.key === period.key ? 'public-periods__item--selected' : ''}`}
                role='radio'
                aria-checked={candidate.key === period.key}
                ariaLabel={candidate.label}
                onClick={() => setPeriodKey(candidate.key)}
              >
                <Text>{candidate.label}</Text>
              </View>
            ))}
          </View>
          <View className='public-figures__card'>
            <View className='public-tiles' role='list' ariaLabel={`${period.label}数据`}>
              {publicTiles(period).map((tile) => (
                <View key={tile.label} className='public-tile' role='listitem' ariaLabel={`${tile.label} ${tile.value}`}>
                  <Text className='public-tile__value'>{tile.value}</Text>
                  <Text className='public-tile__label'>{tile.label}</Text>
                </View>
              ))}
            </View>
            <Text className='public-figures__from'>
              {period.from} 至 {period.to} 期间上报、结案和评价的件数（按发生日计）；满意度为居民评价的平均分（满分 5 分）
            </Text>
          </View>

          <BreakdownCard title={`按问题大类 · ${period.label}`} nameHeader='问题大类' rows={period.byCategory} />
          <BreakdownCard title={`按街镇 · ${period.label}`} nameHeader='街镇' rows={period.byStreet} />
        </>
      )}
    </PageShell>
  );
}

function BreakdownCard({ title, nameHeader, rows }: { title: string; nameHeader: string; rows: PublicPeriod['byStreet'] }) {
  const sorted = busiestFirst(rows);
  return (
    <ChartCard
      title={title}
      table={publicTable(title, nameHeader, rows)}
      chart={<StatsChart label={`${title}的上报与结案`} option={barChartOption(sorted)} height={barChartHeight(sorted.length)} />}
    />
  );
}
