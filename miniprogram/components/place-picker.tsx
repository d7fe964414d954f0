import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { Button, Popup, SearchBar } from '@nutui/nutui-react-taro';
import { ApiError, messageOf } from '../services/http';
import { listCompounds, listStreets, locatePoint, type CompoundSummary, type Street } from '../services/places';
import type { DraftPlace } from '../services/drafts';
import { currentPoint } from '../services/location';
import './place-picker.scss';

export interface PlacePickerProps {
  value?: DraftPlace;
  onChange: (place: DraftPlace | undefined) => void;
  error?: string;
  /** Limits the list to one grid's compounds (a grid member's patrol). */
  gridCode?: string;
  /** Locate once as the picker appears, when no place is chosen yet (patrol). */
  locateOnShow?: boolean;
}

const insideWeChat = process.env.TARO_ENV === 'weapp';

export function placeLabel(place: DraftPlace | undefined): string {
  if (!place) return '';
  return [place.streetName, place.compoundName ?? (place.point ? place.gridName : undefined)].filter(Boolean).join(' · ');
}

/**
 * 问题位置: the phone's position (or, in WeChat, a point chosen on the map) with the street, grid
 * and compound found from it; or a compound picked from a searchable list, street by street. The
 * map is never the only way: without a position the list is.
 */
export function PlacePicker({ value, onChange, error, gridCode, locateOnShow = false }: PlacePickerProps) {
  const [locating, setLocating] = useState(false);
  const [notice, setNotice] = useState('');
  const [listOpen, setListOpen] = useState(false);

  const placeFromPoint = async (point: { lng: number; lat: number }, address?: string) => {
    const found = await locatePoint(point.lng, point.lat);
    onChange({
      point,
      streetCode: found.street.code,
      streetName: found.street.name,
      gridCode: found.grid.code,
      gridName: found.grid.name,
      compoundCode: found.compound?.code,
      compoundName: found.compound?.name,
      address: address ?? value?.address,
    });
    setNotice('');
  };

  const locate = async () => {
    setLocating(true);
    setNotice('');
    try {
      await placeFromPoint(await currentPoint());
    } catch (failure) {
      const outside = failure instanceof ApiError && failure.code === 'place.outside_district';
      setNotice(outside ? '当前位置不在包河区范围内，请从列表中选择小区' : failure instanceof ApiError ? messageOf(failure) : '无法获取当前位置，请从列表中选择小区');
    } finally {
      setLocating(false);
    }
  };

  const chooseOnMap = async () => {
    try {
      const chosen = await Taro.chooseLocation({});
      setLocating(true);
      await placeFromPoint({ lng: chosen.longitude, lat: chosen.latitude }, chosen.name || chosen.address || undefined);
    } catch (failure) {
      if (failure instanceof ApiError) setNotice(failure.code === 'place.outside_district' ? '所选位置不在包河区范围内，请重新选择' : messageOf(failure));
    } finally {
      setLocating(false);
    }
  };

  useEffect(() => {
    if (locateOnShow && !value) void locate();
    // Only as the picker first appears: a later empty place is the person's own doing.
  }, []);

  const pickCompound = (compound: CompoundSummary, street?: Street) => {
    onChange({
      streetCode: compound.streetCode,
      streetName: street?.name ?? value?.streetName,
      gridCode: compound.gridCode,
      compoundCode: compound.code,
      compoundName: compound.name,
      compoundPoint: compound.location,
      address: value?.address,
    });
    setNotice('');
    setListOpen(false);
  };

  const label = placeLabel(value);
  return (
    <View className='place-picker'>
      <View className={`form-row form-row--stacked ${error ? 'form-row--error' : ''}`}>
        <Text className='form-row__label'>问题位置</Text>
        <View className='place-picker__summary' aria-live='polite'>
          {locating ? (
            <Text className='form-row__placeholder'>正在定位…</Text>
          ) : label ? (
            <>
              <Text className='place-picker__name'>{label}</Text>
              <Text className='place-picker__how'>{value?.point ? '已按定位确定所属网格' : '按所选小区确定所属网格'}</Text>
            </>
          ) : (
            <Text className='form-row__placeholder'>定位或从列表中选择小区</Text>
          )}
        </View>
        <View className='place-picker__actions'>
          <Button size='small' fill='outline' type='primary' disabled={locating} onClick={() => void locate()}>
            {value?.point ? '重新定位' : '定位当前位置'}
          </Button>
          {insideWeChat ? (
            <Button size='small' fill='outline' disabled={locating} onClick={() => void chooseOnMap()}>
              地图选点
            </Button>
          ) : null}
          <Button size='small' fill='outline' disabled={locating} onClick={() => setListOpen(true)}>
            选择小区
          </Button>
        </View>
        <Input
          className='place-picker__address'
          value={value?.address ?? ''}
          maxlength={200}
          placeholder='详细位置（选填），如“3栋东侧路口”'
          aria-label='详细位置（选填）'
          onInput={(event) => onChange({ ...(value ?? {}), address: event.detail.value })}
        />
      </View>
      {notice ? <View className='field-notice' role='status'>{notice}</View> : null}
      {error ? <View className='field-error' role='alert'>{error}</View> : null}
      <Popup visible={listOpen} position='bottom' round closeable title='选择小区' onClose={() => setListOpen(false)} destroyOnClose>
        <CompoundBrowser gridCode={gridCode} initialStreetCode={value?.streetCode} onPick={pickCompound} />
      </Popup>
    </View>
  );
}

/** Street, then compound (searchable, a page at a time); a grid member sees only their grid's compounds. */
export function CompoundBrowser({ gridCode, initialStreetCode, onPick }: { gridCode?: string; initialStreetCode?: string; onPick: (compound: CompoundSummary, street?: Street) => void }) {
  const [streets, setStreets] = useState<Street[]>([]);
  const [street, setStreet] = useState<Street | undefined>();
  const [query, setQuery] = useState('');
  const [compounds, setCompounds] = useState<CompoundSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState('');
  const choosingStreet = !gridCode && !street && query.trim() === '';

  useEffect(() => {
    if (gridCode) return;
    listStreets()
      .then((list) => {
        setStreets(list.items);
        const initial = list.items.find((item) => item.code === initialStreetCode);
        if (initial) setStreet(initial);
      })
      .catch((error: unknown) => setFailure(messageOf(error)));
  }, [gridCode, initialStreetCode]);

  const load = async (after?: string) => {
    setLoading(true);
    setFailure('');
    try {
      const page = await listCompounds({ gridCode, streetCode: gridCode ? undefined : street?.code, q: query.trim() || undefined, after, limit: 30 });
      setCompounds((current) => (after ? [...current, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    if (choosingStreet) return;
    const timer = setTimeout(() => void load(), query ? 250 : 0);
    return () => clearTimeout(timer);
  }, [street?.code, query, gridCode, choosingStreet]);

  return (
    <View className='compound-browser'>
      <SearchBar value={query} placeholder='搜索小区名称' onChange={(text) => setQuery(text)} onClear={() => setQuery('')} />
      {street && !gridCode ? (
        <View className='compound-browser__crumb' role='button' aria-label={`当前街镇：${street.name}，点按重新选择街镇`} onClick={() => setStreet(undefined)}>
          <Text>{`${street.name} ›`}</Text>
          <Text className='compound-browser__change'>换街镇</Text>
        </View>
      ) : null}
      <View className='compound-browser__list'>
        {failure ? <View className='field-error' role='alert'>{failure}</View> : null}
        {choosingStreet
          ? streets.map((item) => (
              <View key={item.code} className='compound-browser__item' role='button' aria-label={`${item.name}，${item.compoundCount}个小区`} onClick={() => setStreet(item)}>
                <Text className='compound-browser__name'>{item.name}</Text>
                <Text className='compound-browser__meta'>{`${item.compoundCount}个小区 ›`}</Text>
              </View>
            ))
          : compounds.map((item) => (
              <View key={item.code} className='compound-browser__item' role='button' aria-label={`${item.name}，${item.kindLabel}`} onClick={() => onPick(item, street ?? streets.find((candidate) => candidate.code === item.streetCode))}>
                <Text className='compound-browser__name'>{item.name}</Text>
                <Text className='compound-browser__meta'>{item.kindLabel}</Text>
              </View>
            ))}
        {!choosingStreet && !loading && compounds.length === 0 && !failure ? <Text className='compound-browser__empty'>没有找到小区，换个名称试试</Text> : null}
        {loading ? <Text className='compound-browser__empty'>加载中…</Text> : null}
        {!choosingStreet && cursor && !loading ? (
          <Button fill='none' block onClick={() => void load(cursor)}>
            加载更多
          </Button>
        ) : null}
      </View>
    </View>
  );
}
