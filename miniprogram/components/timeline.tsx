import { Text, View } from '@tarojs/components';
import type { TimelineStep } from '../services/cases';
import { formatDateTime } from '../utils/format';
import { CasePhoto } from './timeline.photo';
import { stepView } from './timeline.steps';
import './timeline.scss';

/**
 * The handling record of a case, newest step first: a resident opening the page wants to know
 * what happened last, a handler scrolls down for the history. Photos open the caller's preview.
 */
export function Timeline({ steps, onPreview }: { steps: readonly TimelineStep[]; onPreview?: (urls: string[], index: number) => void }) {
  if (steps.length === 0) return <Text className='timeline__empty'>暂无办理记录</Text>;
  const newestFirst = [...steps].sort((a, b) => b.seq - a.seq).map(stepView);
  return (
    <View className='timeline' role='list' ariaLabel='办理进度'>
      {newestFirst.map((step, index) => {
        const urls = step.photos.map((photo) => photo.url);
        return (
          <View key={step.seq} className={`timeline__step ${index === 0 ? 'timeline__step--latest' : ''}`} role='listitem'>
            <View className='timeline__rail'>
              <View className='timeline__dot' />
              {index < newestFirst.length - 1 && <View className='timeline__line' />}
            </View>
            <View className='timeline__body'>
              <View className='timeline__head'>
                <Text className='timeline__label'>{step.label}</Text>
                <Text className='timeline__time'>{formatDateTime(step.at)}</Text>
              </View>
              <Text className='timeline__actor'>{step.actor}</Text>
              {step.note && <Text className='timeline__note'>{step.note}</Text>}
              {step.photos.length > 0 && (
                <View className='timeline__photos'>
                  {step.photos.map((photo, photoIndex) => (
                    <CasePhoto
                      key={photo.id}
                      path={photo.thumbnailUrl}
                      className='timeline__photo'
                      label={`查看${step.label}照片${photoIndex + 1}`}
                      onClick={() => onPreview?.(urls, photoIndex)}
                    />
                  ))}
                </View>
              )}
            </View>
          </View>
        );
      })}
    </View>
  );
}
