import { Text, View } from '@tarojs/components';
import { Tag } from '@nutui/nutui-react-taro';
import type { PollSummary } from '../services/polls';
import { phaseClock, phaseTag, votesPerLabel, windowText } from './poll-phase';
import './poll-card.scss';

/** One poll in a list: its phase, what is asked, where, until when, and whether I have voted. One button for screen readers. */
export function PollCard({ item, now, onClick }: { item: PollSummary; now: Date; onClick: (item: PollSummary) => void }) {
  const tag = phaseTag(item.phase);
  const clock = phaseClock(item.phase, item.opensAt, item.closesAt, now);
  return (
    <View
      className={`poll-card ${item.phase === 'voting' && item.voted === false ? 'poll-card--todo' : ''}`}
      role='button'
      ariaLabel={`${item.title}，${tag.label}${item.voted ? '，已投票' : ''}`}
      hoverClass='poll-card--pressed'
      onClick={() => onClick(item)}
    >
      <View className='poll-card__head'>
        <Tag type={tag.tone}>{tag.label}</Tag>
        {item.voted === true && (
          <Tag type='success' plain>
            已投票
          </Tag>
        )}
        {item.phase === 'voting' && item.voted === false && (
          <Tag type='primary' plain>
            待投票
          </Tag>
        )}
        <Text className='poll-card__votes'>
          已投 {item.votes}
          {item.votesPer === 'household' ? '户' : '人'}
        </Text>
      </View>
      <Text className='poll-card__title'>{item.title}</Text>
      <Text className='poll-card__meta'>
        {item.scopeLabel} · {votesPerLabel(item.votesPer)}
      </Text>
      <View className='poll-card__foot'>
        <Text className='poll-card__window'>{windowText(item.opensAt, item.closesAt)}</Text>
        {clock && <Text className='poll-card__clock'>{clock}</Text>}
      </View>
    </View>
  );
}
