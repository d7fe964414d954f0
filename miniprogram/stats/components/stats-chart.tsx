import { View } from '@tarojs/components';
import Echarts from 'taro-react-echarts';
import { echarts, type ChartOption } from '../echarts';

/**
 * One chart, drawn by ECharts on a canvas through taro-react-echarts (a 2d canvas in the
 * mini-program, a div in H5). The canvas says nothing to a screen reader: the figure is named by
 * `label`, and its numbers are in the table 查看数据 opens beside it.
 */
export function StatsChart({ option, label, height }: { option: ChartOption; label: string; height: number }) {
  return (
    <View className='stats-chart' role='img' ariaLabel={`${label}（图表，数字见“查看数据”）`}>
      {/* Drawn after the data arrives, long after the page's onReady: `isPage` false makes it draw on mount. */}
      {/* No width: the wrapper hands `style.width` to echarts.init, which reads '100%' as 100 px; it measures the box instead. */}
      <Echarts echarts={echarts} option={option as never} isPage={false} style={{ height: `${height}px` }} />
    </View>
  );
}
