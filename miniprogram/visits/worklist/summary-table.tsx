import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Skeleton } from '@nutui/nutui-react-taro';
import { messageOf } from '../../services/http';
import { getVisitSummary, type VisitSummary } from '../../services/visits';
import { figure } from '../labels';

/** 统计: the slice's people by category, risk level, due soon and overdue; groups under the threshold shown as "<5". */
export function SummaryTable() {
  const [summary, setSummary] = useState<VisitSummary>();
  const [error, setError] = useState('');
  useEffect(() => {
    getVisitSummary().then(setSummary, (caught: unknown) => setError(messageOf(caught)));
  }, []);
  if (error) return <Text className='visit-error'>{error}</Text>;
  if (!summary) return <Skeleton rows={4} animated />;
  const n = (value: number | null) => figure(value, summary.threshold);
  return (
    <View className='visit-card visit-summary' role='table' ariaLabel='走访统计'>
      <View className='visit-summary__row visit-summary__row--head' role='row'>
        {['类别', '人数', '红', '黄', '蓝', '将到期', '逾期'].map((title, index) => (
          <Text key={title} className={`visit-summary__cell ${index === 0 ? 'visit-summary__cell--name' : ''}`}>
            {title}
          </Text>
        ))}
      </View>
      {summary.categories.map((row) => (
        <View key={row.category.code} className='visit-summary__row' role='row'>
          <Text className='visit-summary__cell visit-summary__cell--name'>{row.category.name}</Text>
          {[row.people, row.byRisk.red, row.byRisk.yellow, row.byRisk.blue, row.dueSoon, row.overdue].map((value, index) => (
            <Text key={index} className={`visit-summary__cell ${index === 5 && value ? 'visit-summary__cell--late' : ''}`}>{n(value)}</Text>
          ))}
        </View>
      ))}
      <Text className='visit-card__text'>{`不足${summary.threshold}人的组显示为“<${summary.threshold}”，不足${summary.threshold}人的类别不显示分项，以免推出具体人员。`}</Text>
    </View>
  );
}
