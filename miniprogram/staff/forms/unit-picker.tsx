import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Cell, Popup, SearchBar, Tag } from '@nutui/nutui-react-taro';
import { unitTypeLabels } from '../../../shared/domain/places';
import { messageOf } from '../../services/http';
import { listUnits, type Unit } from '../../services/places';
import type { Assignment, UnitChoice } from './specs';
import './unit-picker.scss';

/**
 * 主办 + 协办: the lead unit and up to ten cohandlers, preselected from the service list's
 * suggestion. Without a search word the case's own street comes first; a word searches every
 * unit (district departments and district-wide property companies have no street).
 */
export function UnitPicker({ value, onChange, streetCode }: { value: Assignment; onChange: (next: Assignment) => void; streetCode?: string }) {
  const [choosing, setChoosing] = useState<'lead' | 'cohandler'>();
  const chosen = new Set([value.lead?.code, ...value.cohandlers.map((unit) => unit.code)]);

  const pick = (unit: UnitChoice) => {
    if (choosing === 'lead') onChange({ lead: unit, cohandlers: value.cohandlers.filter((other) => other.code !== unit.code) });
    else onChange({ ...value, cohandlers: [...value.cohandlers, unit] });
    setChoosing(undefined);
  };

  return (
    <View className='unit-picker'>
      <Cell
        title={value.lead ? value.lead.name : '请选择主办单位'}
        description={value.lead ? `主办 · ${unitTypeLabels[value.lead.type]}` : undefined}
        extra='更换'
        clickable
        onClick={() => setChoosing('lead')}
        aria-label={value.lead ? `主办单位 ${value.lead.name}，点击更换` : '选择主办单位'}
      />
      {value.cohandlers.map((unit) => (
        <View key={unit.code} className='unit-picker__cohandler'>
          <Tag type='default' plain>
            协办
          </Tag>
          <Text className='unit-picker__name'>{unit.name}</Text>
          <View
            className='unit-picker__remove'
            role='button'
            ariaLabel={`移除协办单位 ${unit.name}`}
            onClick={() => onChange({ ...value, cohandlers: value.cohandlers.filter((other) => other.code !== unit.code) })}
          >
            <Text>移除</Text>
          </View>
        </View>
      ))}
      {value.cohandlers.length < 10 && (
        <Button size='small' fill='none' type='primary' onClick={() => setChoosing('cohandler')}>
          + 添加协办单位
        </Button>
      )}
      <Popup visible={choosing !== undefined} position='bottom' round closeable title={choosing === 'lead' ? '选择主办单位' : '添加协办单位'} onClose={() => setChoosing(undefined)}>
        {choosing && <UnitSearch streetCode={streetCode} exclude={chosen} onPick={pick} />}
      </Popup>
    </View>
  );
}

function UnitSearch({ streetCode, exclude, onPick }: { streetCode?: string; exclude: Set<string | undefined>; onPick: (unit: UnitChoice) => void }) {
  const [q, setQ] = useState('');
  const [units, setUnits] = useState<Unit[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [loading, setLoading] = useState(false);

  const search = async (word: string, after?: string) => {
    setLoading(true);
    setError('');
    try {
      const query = word.trim() ? { q: word.trim() } : { streetCode };
      const page = await listUnits({ ...query, after, limit: 30 });
      setUnits((current) => (after ? [...current, ...page.items] : page.items));
      setNext(page.nextCursor);
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    const timer = setTimeout(() => void search(q), q ? 300 : 0);
    return () => clearTimeout(timer);
    // One search per word typed, not per render.
  }, [q]);

  return (
    <View className='unit-search'>
      <SearchBar value={q} onChange={(word) => setQ(word)} placeholder='搜索单位名称' shape='round' />
      <View className='unit-search__list'>
        {units
          .filter((unit) => !exclude.has(unit.code))
          .map((unit) => (
            <Cell key={unit.code} title={unit.name} description={unit.typeLabel} clickable onClick={() => onPick({ code: unit.code, name: unit.name, type: unit.type })} />
          ))}
        {!loading && units.length === 0 && !error && <Text className='unit-search__empty'>没有找到单位，换个名称试试</Text>}
        {error && <Text className='unit-search__error'>{error}</Text>}
        {next && (
          <Button size='small' fill='none' loading={loading} onClick={() => void search(q, next)}>
            加载更多
          </Button>
        )}
      </View>
    </View>
  );
}
