import { Text, View } from '@tarojs/components';
import { Tag } from '@nutui/nutui-react-taro';
import type { VisitPerson } from '../services/visits';
import { dueLine, lastVisitLine, riskShort, riskColor } from './labels';

/** One person in the worklist or the register: masked name, category, compound, and when a visit is owed. */
export function PersonRow({ person, now, onOpen }: { person: VisitPerson; now: Date; onOpen: () => void }) {
  const due = dueLine(person.schedule, now);
  return (
    <View className={`visit-person visit-person--${person.risk}`} role='button' ariaLabel={`${person.name}，${person.category.name}，${due.text}`} onClick={onOpen}>
      <View className='visit-person__top'>
        <Tag background={riskColor[person.risk]}>{riskShort[person.risk]}</Tag>
        <Text className='visit-person__name'>{person.name}</Text>
        <Text className='visit-person__category'>{person.category.name}</Text>
      </View>
      <Text className={`visit-person__due visit-person__due--${due.tone}`}>{due.text}</Text>
      <Text className='visit-person__meta'>{`${person.compoundName} · ${lastVisitLine(person.lastVisitAt, now)}`}</Text>
    </View>
  );
}
