import { useCallback, useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { categoryTiles, getCatalog, type CategoryTile } from '../../services/catalog';
import { getHealth, isHealthy } from '../../services/health';
import { messageOf } from '../../services/http';
import './index.scss';

/** A value the page is fetching: still on its way, arrived, or failed with a message to show. */
type Remote<T> =
  | { state: 'loading' }
  | { state: 'ready'; value: T }
  | { state: 'failed'; message: string };

interface Entry {
  key: string;
  mark: string;
  title: string;
  hint: string;
}

const entries: Entry[] = [
  { key: 'report', mark: '拍', title: '我要反映', hint: '随手拍身边问题' },
  { key: 'mine', mark: '进', title: '我的诉求', hint: '查看办理进度' },
  { key: 'council', mark: '议', title: '小区议事', hint: '参与小区投票' },
];

function comingSoon() {
  void Taro.showToast({ title: '即将开放', icon: 'none' });
}

export default function Index() {
  const [service, setService] = useState<Remote<boolean>>({ state: 'loading' });
  const [tiles, setTiles] = useState<Remote<CategoryTile[]>>({ state: 'loading' });

  const load = useCallback(async () => {
    setService({ state: 'loading' });
    setTiles({ state: 'loading' });
    await Promise.all([
      getHealth().then(
        (health) => setService({ state: 'ready', value: isHealthy(health) }),
        // Not reaching the server at all is the same news for a resident: the service is down.
        () => setService({ state: 'ready', value: false }),
      ),
      getCatalog().then(
        (catalog) => setTiles({ state: 'ready', value: categoryTiles(catalog) }),
        (error: unknown) => setTiles({ state: 'failed', message: messageOf(error) }),
      ),
    ]);
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  return (
    <View className='home'>
      <View className='home__hero'>
        <Text className='home__title'>共治包河</Text>
        <Text className='home__intro'>居民随手拍、全程看进度、小区议事投票</Text>
        <ServiceStatus service={service} />
      </View>

      <View className='home__entries'>
        {entries.map((entry) => (
          <View key={entry.key} className='entry' hoverClass='entry--pressed' onClick={comingSoon}>
            <View className={`entry__mark entry__mark--${entry.key}`}>
              <Text>{entry.mark}</Text>
            </View>
            <Text className='entry__title'>{entry.title}</Text>
            <Text className='entry__hint'>{entry.hint}</Text>
          </View>
        ))}
      </View>

      <View className='section'>
        <View className='section__head'>
          <Text className='section__title'>问题分类</Text>
          {tiles.state === 'ready' && (
            <Text className='section__note'>共 {tiles.value.length} 大类</Text>
          )}
        </View>
        <CategoryGrid tiles={tiles} onRetry={() => void load()} />
      </View>
    </View>
  );
}

function ServiceStatus({ service }: { service: Remote<boolean> }) {
  const [modifier, label] =
    service.state !== 'ready'
      ? ['checking', '正在检查服务状态…']
      : service.value
        ? ['ok', '服务正常']
        : ['down', '服务暂不可用'];
  return (
    <View className={`status status--${modifier}`}>
      <View className='status__dot' />
      <Text className='status__label'>{label}</Text>
    </View>
  );
}

function CategoryGrid({ tiles, onRetry }: { tiles: Remote<CategoryTile[]>; onRetry: () => void }) {
  if (tiles.state === 'loading') {
    return (
      <View className='notice'>
        <Text className='notice__text'>正在加载问题分类…</Text>
      </View>
    );
  }
  if (tiles.state === 'failed') {
    return (
      <View className='notice notice--error'>
        <Text className='notice__title'>问题分类暂时无法加载</Text>
        <Text className='notice__text'>{tiles.message}</Text>
        <Button className='notice__retry' size='mini' onClick={onRetry}>
          重新加载
        </Button>
      </View>
    );
  }
  if (tiles.value.length === 0) {
    return (
      <View className='notice'>
        <Text className='notice__text'>暂无问题分类</Text>
      </View>
    );
  }
  return (
    <View className='grid'>
      {tiles.value.map((tile) => (
        <View key={tile.code} className='tile' hoverClass='tile--pressed' onClick={comingSoon}>
          <Text className='tile__code'>{tile.code}</Text>
          <Text className='tile__name'>{tile.name}</Text>
          <Text className='tile__count'>{tile.subcategoryCount} 个小类</Text>
        </View>
      ))}
    </View>
  );
}
