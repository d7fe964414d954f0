import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { GridTeam } from '../services/membership';
import './grid-team.scss';

const call = (phone: string) => void Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined);

/** My grid's 1+2+N team: the leader and members to call (a verified resident may), the volunteers by name. */
export function GridTeamCard({ team, compact = false }: { team: GridTeam; compact?: boolean }) {
  const people = [{ role: '网格长', ...team.team.leader }, ...team.team.members.map((member) => ({ role: '网格员', ...member }))];
  return (
    <View className='grid-team'>
      <View className='grid-team__head'>
        <Text className='grid-team__name'>{team.grid.name}</Text>
        <Text className='grid-team__where'>
          {team.street.name}
          {compact ? '' : ` · ${team.compounds.map((compound) => compound.name).join('、')}`}
        </Text>
      </View>
      {people.map((person) => (
        <View key={`${person.role}${person.name}${person.phone}`} className='grid-team__person'>
          <View className='grid-team__who'>
            <Text className='grid-team__role'>{person.role}</Text>
            <Text className='grid-team__person-name'>{person.name}</Text>
          </View>
          <View className='grid-team__call' role='button' ariaLabel={`拨打${person.role}${person.name}的电话 ${person.phone}`} onClick={() => call(person.phone)}>
            <Text>拨打 {person.phone}</Text>
          </View>
        </View>
      ))}
      {!compact && team.team.volunteers.length > 0 && <Text className='grid-team__volunteers'>志愿者：{team.team.volunteers.map((volunteer) => volunteer.name).join('、')}</Text>}
    </View>
  );
}
