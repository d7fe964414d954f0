import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../components/page-shell';
import { getFigures, type DistrictFigures, type FiguresRow } from '../../services/figures';
import { formatDateTime } from '../../utils/format';
import { loading, settle, type Remote } from '../index/remote';
import { barRows, periodLabels, periodTiles, type PeriodKey } from './figures-view';
import './index.scss';

const periodKeys = Object.keys(periodLabels) as PeriodKey[];

/** 全区数据: the district's figures for anyone, as numbers and plain bars. */
export default function Figures() {
  const [figures, setFigures] = useState<Remote<DistrictFigures>>(loading);
  const [period, setPeriod] = useState<PeriodKey>('month');

  const load = async () => {
    setFigures(await settle(getFigures()));
  };

  useDidShow(() => {
    void load();
  });

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  return (
    <PageShell className='figures'>
      <View className='figures__head'>
        <Text className='figures__title'>包河区网格化服务数据</Text>
        <Text className='figures__sub'>{figures.state === 'ready' ? `更新于 ${formatDateTime(figures.value.generatedAt)}` : '上报、办结、按时办结率与群众满意度'}</Text>
      </View>

      {figures.state === 'loading' && <Text className='figures__note'>正在加载全区数据…</Text>}
      {figures.state === 'failed' && (
        <View className='figures__error'>
          <Text className='figures__error-text'>全区数据暂时无法加载：{figures.message}</Text>
          <Button size='small' type='primary' fill='outline' onClick={() => void load()}>
            重新加载
          </Button>
        </View>
      )}
      {figures.state === 'ready' && (
        <>
          <View className='periods' role='tablist' ariaLabel='统计时段'>
            {periodKeys.map((key) => (
              <View key={key} className={`periods__item ${key === period ? 'periods__item--selected' : ''}`} role='tab' ariaLabel={`${periodLabels[key]}${key === period ? '，已选' : ''}`} onClick={() => setPeriod(key)}>
                <Text>{periodLabels[key]}</Text>
              </View>
            ))}
          </View>
          <View className='figures__card'>
            <View className='tiles' ariaLabel={`${periodLabels[period]}数据`}>
              {periodTiles(figures.value[period]).map((tile) => (
                <View key={tile.label} className='tile'>
                  <Text className='tile__value'>{tile.value}</Text>
                  <Text className='tile__label'>{tile.label}</Text>
                </View>
              ))}
            </View>
            <Text className='figures__from'>{sinceLine(figures.value[period].from)}满意度为居民评价的平均分（满分 5 分）</Text>
          </View>

          <BarTable title={`按问题大类 · ${periodLabels[period]}`} rows={figures.value[period].byCategory} />
          <BarTable title={`按街镇 · ${periodLabels[period]}`} rows={figures.value[period].byStreet} />
        </>
      )}
    </PageShell>
  );
}

function sinceLine(from: string | null): string {
  return from ? `统计 ${formatDateTime(from).slice(0, 10)} 起上报的案件；` : '统计上线以来上报的全部案件；';
}

function BarTable({ title, rows }: { title: string; rows: FiguresRow[] }) {
  return (
    <View className='figures__card'>
      <View className='bars__head'>
        <Text className='bars__title'>{title}</Text>
        <View className='bars__legend'>
          <View className='bars__swatch bars__swatch--reported' />
          <Text className='bars__legend-text'>上报</Text>
          <View className='bars__swatch bars__swatch--closed' />
          <Text className='bars__legend-text'>办结</Text>
        </View>
      </View>
      {rows.length === 0 && <Text className='figures__note'>暂无数据</Text>}
      {barRows(rows).map((row) => (
        <View key={row.code} className='bar-row' ariaLabel={`${row.name}：上报 ${row.reported} 件，办结 ${row.closed} 件，办结率 ${row.closedShare}`}>
          <View className='bar-row__text'>
            <Text className='bar-row__name'>{row.name}</Text>
            <Text className='bar-row__numbers'>
              {row.closed}/{row.reported} · {row.closedShare}
            </Text>
          </View>
          <View className='bar-row__track'>
            <View className='bar-row__reported' style={{ width: `${row.reportedWidth}%` }} />
            <View className='bar-row__closed' style={{ width: `${row.closedWidth}%` }} />
          </View>
        </View>
      ))}
    </View>
  );
}
