import { useRef } from 'react';
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { Loading } from '@nutui/nutui-react-taro';
import { messageOf } from '../services/http';
import { uploadPhotoBytes } from '../services/photos';
import { choosePhotos, preparePhoto } from './photo-picker.media';
import type { PickedPhoto } from './photo-picker.model';
import './photo-picker.scss';

export { uploadedIds, type PickedPhoto } from './photo-picker.model';

export interface PhotoPickerProps {
  value: PickedPhoto[];
  onChange: (photos: PickedPhoto[]) => void;
  max?: number;
  /** Shown under the tiles (e.g. "该类问题须上传照片"). */
  error?: string;
  /** What the add tile says. */
  addLabel?: string;
}

let nextKey = 0;
const newKey = () => `photo-${Date.now().toString(36)}-${(nextKey++).toString(36)}`;

/**
 * Up to `max` photos: picked from the camera or album, compressed to JPEG and uploaded one by one
 * as soon as they are picked, each tile showing its state; a failed one offers 重试.
 */
export function PhotoPicker({ value, onChange, max = 9, error, addLabel = '添加照片' }: PhotoPickerProps) {
  // Uploads finish after renders the parent has not made yet: each change starts from the latest list.
  const latest = useRef(value);
  latest.current = value;
  const commit = (next: PickedPhoto[]) => {
    latest.current = next;
    onChange(next);
  };
  const patch = (key: string, changes: Partial<PickedPhoto>) => {
    if (!latest.current.some((photo) => photo.key === key)) return;
    commit(latest.current.map((photo) => (photo.key === key ? { ...photo, ...changes } : photo)));
  };

  const upload = async (key: string, source: string) => {
    try {
      const prepared = await preparePhoto(source);
      patch(key, { preview: prepared.preview });
      const stored = await uploadPhotoBytes(prepared.bytes);
      patch(key, { status: 'done', id: stored.id, error: undefined });
    } catch (failure) {
      patch(key, { status: 'failed', error: messageOf(failure) });
    }
  };

  const add = async () => {
    let paths: string[];
    try {
      paths = await choosePhotos(max - latest.current.length);
    } catch {
      void Taro.showToast({ title: '无法打开相册或相机', icon: 'none' });
      return;
    }
    const added = paths.slice(0, max - latest.current.length).map((path): PickedPhoto => ({ key: newKey(), preview: path, source: path, status: 'uploading' }));
    if (added.length === 0) return;
    commit([...latest.current, ...added]);
    await Promise.all(added.map((photo) => upload(photo.key, photo.source!)));
  };

  const retry = (photo: PickedPhoto) => {
    if (!photo.source) return;
    patch(photo.key, { status: 'uploading', error: undefined });
    void upload(photo.key, photo.source);
  };

  const remove = (key: string) => commit(latest.current.filter((photo) => photo.key !== key));

  const show = (photo: PickedPhoto) => {
    const urls = latest.current.map((item) => item.preview);
    void Taro.previewImage({ urls, current: photo.preview }).catch(() => undefined);
  };

  return (
    <View className='photo-picker'>
      <View className='photo-picker__grid'>
        {value.map((photo, index) => (
          <View key={photo.key} className={`photo-tile photo-tile--${photo.status}`}>
            <View className='photo-tile__image' role='button' aria-label={`查看第${index + 1}张照片`} onClick={() => show(photo)}>
              <Image className='photo-tile__picture' src={photo.preview} mode='aspectFill' />
            </View>
            {photo.status === 'uploading' ? (
              <View className='photo-tile__overlay' aria-live='polite'>
                <Loading type='circular' />
                <Text className='photo-tile__state'>上传中</Text>
              </View>
            ) : null}
            {photo.status === 'failed' ? (
              <View className='photo-tile__overlay photo-tile__overlay--failed' role='button' aria-label={`第${index + 1}张照片上传失败：${photo.error ?? ''}，点按重试`} onClick={() => retry(photo)}>
                <Text className='photo-tile__state'>上传失败</Text>
                <Text className='photo-tile__retry'>重试</Text>
              </View>
            ) : null}
            <View className='photo-tile__remove' role='button' aria-label={`删除第${index + 1}张照片`} onClick={() => remove(photo.key)}>
              <Text aria-hidden>×</Text>
            </View>
          </View>
        ))}
        {value.length < max ? (
          <View className='photo-tile photo-tile--add' role='button' aria-label={`${addLabel}，还可添加${max - value.length}张`} onClick={() => void add()}>
            <Text className='photo-tile__plus' aria-hidden>+</Text>
            <Text className='photo-tile__add-text'>{addLabel}</Text>
            <Text className='photo-tile__count'>{`${value.length}/${max}`}</Text>
          </View>
        ) : null}
      </View>
      {error ? <View className='field-error' role='alert'>{error}</View> : null}
    </View>
  );
}
