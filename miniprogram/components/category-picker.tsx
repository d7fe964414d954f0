import { useMemo, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Popup, SearchBar } from '@nutui/nutui-react-taro';
import type { Catalog } from '../../shared/catalog/types';
import { findPickable, mostUsedSubcategories, searchSubcategories, type PickableSubcategory } from './category-picker.model';
import './category-picker.scss';

export interface CategoryPickerProps {
  catalog?: Catalog;
  /** The chosen subcategory's code (`CC.SS`). */
  value?: string;
  onChange: (code: string) => void;
  /** How often this device filed each subcategory: the most used are offered first as 常用. */
  usage?: Record<string, number>;
  error?: string;
  /** Shown while the catalog is still loading or failed to load. */
  unavailableText?: string;
}

/**
 * 问题类型: the management service list in two levels (11 categories, their subcategories), a
 * search over names and descriptions, and the subcategories this device filed before on top.
 */
export function CategoryPicker({ catalog, value, onChange, usage = {}, error, unavailableText = '正在加载问题分类…' }: CategoryPickerProps) {
  const [open, setOpen] = useState(false);
  const chosen = findPickable(catalog, value);
  const choose = (code: string) => {
    onChange(code);
    setOpen(false);
  };
  return (
    <View className='category-picker'>
      <View
        className={`form-row ${error ? 'form-row--error' : ''}`}
        role='button'
        aria-label={chosen ? `问题类型：${chosen.categoryName}，${chosen.name}，点按更换` : '选择问题类型'}
        onClick={() => catalog && setOpen(true)}
      >
        <Text className='form-row__label'>问题类型</Text>
        <View className='form-row__value'>
          {chosen ? (
            <Text className='category-picker__chosen'>{`${chosen.categoryName} / ${chosen.name}`}</Text>
          ) : (
            <Text className='form-row__placeholder'>{catalog ? '请选择' : unavailableText}</Text>
          )}
          <Text className='form-row__arrow' aria-hidden>›</Text>
        </View>
      </View>
      {chosen?.description ? <Text className='category-picker__hint'>{chosen.description}</Text> : null}
      {error ? <View className='field-error' role='alert'>{error}</View> : null}
      {catalog ? (
        <Popup visible={open} position='bottom' round closeable title='选择问题类型' onClose={() => setOpen(false)} destroyOnClose>
          <CategoryBrowser catalog={catalog} value={value} usage={usage} onChoose={choose} />
        </Popup>
      ) : null}
    </View>
  );
}

/** The inside of the picker: also usable inline (tests, a page without a popup). */
export function CategoryBrowser({ catalog, value, usage, onChoose }: { catalog: Catalog; value?: string; usage: Record<string, number>; onChoose: (code: string) => void }) {
  const [query, setQuery] = useState('');
  const chosenCategory = value?.slice(0, 2);
  const [categoryCode, setCategoryCode] = useState(chosenCategory ?? catalog.categories[0]?.code);
  const mostUsed = useMemo(() => mostUsedSubcategories(catalog, usage), [catalog, usage]);
  const found = useMemo(() => searchSubcategories(catalog, query), [catalog, query]);
  const category = catalog.categories.find((item) => item.code === categoryCode) ?? catalog.categories[0];
  const searching = query.trim() !== '';

  return (
    <View className='category-browser'>
      <SearchBar value={query} placeholder='搜索问题，如“井盖”“噪音”' onChange={(text) => setQuery(text)} onClear={() => setQuery('')} />
      {searching ? (
        <View className='category-browser__results' aria-label='搜索结果'>
          {found.length === 0 ? <Text className='category-browser__empty'>{`没有找到“${query.trim()}”，换个说法或在下方分类中选择`}</Text> : null}
          {found.map((item) => (
            <SubcategoryOption key={item.code} item={item} selected={item.code === value} showCategory onChoose={onChoose} />
          ))}
        </View>
      ) : (
        <>
          {mostUsed.length > 0 ? (
            <View className='category-browser__used' aria-label='常用'>
              <Text className='category-browser__caption'>常用</Text>
              <View className='category-browser__chips'>
                {mostUsed.map((item) => (
                  <View key={item.code} className={`chip ${item.code === value ? 'chip--on' : ''}`} role='button' aria-label={`常用：${item.name}`} onClick={() => onChoose(item.code)}>
                    <Text>{item.name}</Text>
                  </View>
                ))}
              </View>
            </View>
          ) : null}
          <View className='category-browser__levels'>
            <View className='category-browser__categories' role='tablist'>
              {catalog.categories.map((item) => (
                <View
                  key={item.code}
                  role='tab'
                  aria-selected={item.code === category?.code}
                  aria-label={`${item.name}，${item.subcategories.length}类`}
                  className={`category-browser__category ${item.code === category?.code ? 'category-browser__category--on' : ''}`}
                  onClick={() => setCategoryCode(item.code)}
                >
                  <Text>{item.name}</Text>
                </View>
              ))}
            </View>
            <View className='category-browser__subcategories' role='tabpanel'>
              {category?.subcategories.map((subcategory) => {
                const item = findPickable(catalog, subcategory.code)!;
                return <SubcategoryOption key={item.code} item={item} selected={item.code === value} onChoose={onChoose} />;
              })}
            </View>
          </View>
        </>
      )}
    </View>
  );
}

function SubcategoryOption({ item, selected, showCategory = false, onChoose }: { item: PickableSubcategory; selected: boolean; showCategory?: boolean; onChoose: (code: string) => void }) {
  return (
    <View className={`subcategory-option ${selected ? 'subcategory-option--on' : ''}`} role='button' aria-label={`${showCategory ? `${item.categoryName}，` : ''}${item.name}`} onClick={() => onChoose(item.code)}>
      <Text className='subcategory-option__name'>{item.name}</Text>
      {showCategory ? <Text className='subcategory-option__category'>{item.categoryName}</Text> : null}
      <Text className='subcategory-option__description'>{item.description}</Text>
    </View>
  );
}
