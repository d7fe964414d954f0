import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Cell, Popup, Tag } from '@nutui/nutui-react-taro';
import { unitTypeLabels } from '../../../shared/domain/places';
import { listUnits, type Unit } from '../../services/places';
import { SearchList } from '../../components/search-list';
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
  return (
    <SearchList
      className='unit-search'
      placeholder='搜索单位名称'
      emptyText='没有找到单位，换个名称试试'
      fetchPage={(word, after) => listUnits({ ...(word ? { q: word } : { streetCode }), after, limit: 30 })}
      renderItem={(unit: Unit) => exclude.has(unit.code) ? null : <Cell key={unit.code} title={unit.name} description={unit.typeLabel} clickable onClick={() => onPick({ code: unit.code, name: unit.name, type: unit.type })} />}
    />
  );
}
