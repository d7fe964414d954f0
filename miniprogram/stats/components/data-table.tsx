import { Text, View } from '@tarojs/components';
import type { DataTable } from '../figures-model';

/**
 * A table of figures with table semantics for screen readers (roles, since Taro's views are not
 * HTML tables in the mini-program), scrolling sideways when it is wider than the phone.
 */
export function DataTableView({ table }: { table: DataTable }) {
  const rowHeader = table.rowHeader ?? 0;
  // Columns before the row's name (a rank) hold a short number.
  const cellClass = (index: number) => `data-table__cell ${index === rowHeader ? '' : 'data-table__cell--number'} ${index < rowHeader ? 'data-table__cell--short' : ''}`;
  return (
    <View className='data-table' role='table' ariaLabel={table.caption}>
      <View className='data-table__row data-table__row--head' role='row'>
        {table.headers.map((header, index) => (
          <View key={header} className={cellClass(index)} role='columnheader'>
            <Text>{header}</Text>
          </View>
        ))}
      </View>
      {table.rows.length === 0 && (
        <View className='data-table__row' role='row'>
          <View className='data-table__cell' role='cell'>
            <Text>暂无数据</Text>
          </View>
        </View>
      )}
      {table.rows.map((row) => (
        <View key={row.key} className='data-table__row' role='row'>
          {row.cells.map((cell, index) => (
            <View key={table.headers[index]} className={cellClass(index)} role={index === rowHeader ? 'rowheader' : 'cell'}>
              <Text>{cell}</Text>
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}
