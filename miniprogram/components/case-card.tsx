import { Text, View } from '@tarojs/components';
import { Tag } from '@nutui/nutui-react-taro';
import type { CaseSummary } from '../services/cases';
import { formatRemaining, formatTime, remainingUntil, statusTone, type StatusTone } from '../utils/format';
import { SignedImage } from './signed-image';
import './case-card.scss';

const tagTypes: Record<StatusTone, 'danger' | 'warning' | 'success' | 'default' | 'primary'> = {
  danger: 'danger',
  warning: 'warning',
  success: 'success',
  default: 'default',
  primary: 'primary',
};

/**
 * One case in a list: its state, what and where, and the time left on the current stage — what a
 * resident checks and what a handler sorts by. The whole card is one button for screen readers.
 */
export function CaseCard({ item, now, onClick }: { item: CaseSummary; now: Date; onClick: (item: CaseSummary) => void }) {
  const remaining = item.statusGroup === 'open' ? remainingUntil(item.deadline, now) : null;
  const late = item.overdue || item.caseOverdue;
  const place = [item.street.name, item.compound?.name].filter(Boolean).join(' · ');
  return (
    <View
      className={`case-card ${late && item.statusGroup !== 'closed' ? 'case-card--late' : ''}`}
      role='button'
      ariaLabel={`${item.title}，${item.statusLabel}${late ? '，已超时' : ''}`}
      hoverClass='case-card--pressed'
      onClick={() => onClick(item)}
    >
      <View className='case-card__main'>
        <View className='case-card__head'>
          <Tag type={tagTypes[statusTone(item)]}>{item.statusLabel}</Tag>
          {late && item.statusGroup !== 'closed' && (
            <Tag type='danger' plain>
              超时
            </Tag>
          )}
          {item.supervised && (
            <Tag type='warning' plain>
              督办
            </Tag>
          )}
          {item.followed && (
            <Tag type='default' plain>
              我关注的
            </Tag>
          )}
          <Text className='case-card__number'>{item.number}</Text>
        </View>
        <Text className='case-card__title'>{item.title}</Text>
        <Text className='case-card__meta'>
          {item.subcategory.name} · {place}
        </Text>
        <View className='case-card__foot'>
          <Text className='case-card__time'>{formatTime(item.filedAt, now)} 上报</Text>
          {remaining !== null && <Text className={`case-card__remaining ${remaining < 0 ? 'case-card__remaining--late' : ''}`}>{formatRemaining(remaining)}</Text>}
          {item.leadUnit && item.statusGroup !== 'closed' && <Text className='case-card__unit'>{item.leadUnit.name}</Text>}
        </View>
      </View>
      {item.thumbnail && <SignedImage className='case-card__thumb' path={item.thumbnail} label='案件照片' />}
    </View>
  );
}
