import { useState, type ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { DataTable } from '../figures-model';
import { DataTableView } from './data-table';

/**
 * A titled card: a chart (or nothing, for a table-only card) with its numbers one tap away under
 * 查看数据, and optional actions (the export buttons). `tableOnly` cards show their table at once.
 */
export function ChartCard({ title, note, table, chart, actions, tableOnly = false }: { title: string; note?: string; table: DataTable; chart?: ReactNode; actions?: ReactNode; tableOnly?: boolean }) {
  const [showingData, setShowingData] = useState(false);
  const tableShown = tableOnly || showingData;
  return (
    <View className='chart-card' ariaLabel={title}>
      <View className='chart-card__head'>
        <View className='chart-card__title' role='heading' aria-level={2}>
          <Text>{title}</Text>
        </View>
        {!tableOnly && (
          <View className='chart-card__toggle' role='button' ariaLabel={showingData ? `收起${title}的数据` : `查看${title}的数据`} aria-expanded={showingData} onClick={() => setShowingData(!showingData)}>
            <Text>{showingData ? '收起数据' : '查看数据'}</Text>
          </View>
        )}
      </View>
      {note && <Text className='chart-card__note'>{note}</Text>}
      {!tableOnly && table.rows.length === 0 && <Text className='chart-card__empty'>本期暂无数据</Text>}
      {!tableOnly && table.rows.length > 0 && chart}
      {tableShown && <DataTableView table={table} />}
      {actions && <View className='chart-card__actions'>{actions}</View>}
    </View>
  );
}
