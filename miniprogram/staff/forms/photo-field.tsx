import { useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { messageOf } from '../../services/http';
import { uploadPhotoBytes } from '../../services/photos';
import './photo-field.scss';

/**
 * The staff forms' one photo control. A minimal stand-in until `components/photo-picker.tsx`
 * (branch app-report) is on main; then this file becomes
 * `export { PhotoPicker as PhotoField } from '../../components/photo-picker'` (adapting `value`
 * if that picker keeps more than ids) and no form changes.
 */
export interface PhotoFieldProps {
  /** Uploaded photo ids, in order. */
  value: string[];
  onChange: (ids: string[]) => void;
  max: number;
}

export function PhotoField({ value, onChange, max }: PhotoFieldProps) {
  const [previews, setPreviews] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const pick = async () => {
    setError('');
    try {
      const chosen = await Taro.chooseImage({ count: max - value.length, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
      setBusy(true);
      const added: string[] = [];
      const shown: Record<string, string> = {};
      for (const path of chosen.tempFilePaths) {
        const bytes = await readBytes(path);
        const uploaded = await uploadPhotoBytes(bytes);
        added.push(uploaded.id);
        shown[uploaded.id] = path;
      }
      setPreviews((current) => ({ ...current, ...shown }));
      onChange([...value, ...added].slice(0, max));
    } catch (caught) {
      // Closing the picker without choosing is not a failure.
      if (!String((caught as { errMsg?: string }).errMsg ?? '').includes('cancel')) setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='photo-field'>
      <View className='photo-field__grid'>
        {value.map((id, index) => (
          <View key={id} className='photo-field__item'>
            {previews[id] ? <Image className='photo-field__image' src={previews[id]} mode='aspectFill' /> : <View className='photo-field__image' />}
            <View className='photo-field__remove' role='button' ariaLabel={`删除第${index + 1}张照片`} onClick={() => onChange(value.filter((other) => other !== id))}>
              <Text>×</Text>
            </View>
          </View>
        ))}
      </View>
      {value.length < max && (
        <Button size='small' fill='outline' loading={busy} onClick={() => void pick()}>
          {busy ? '上传中' : `添加照片（${value.length}/${max}）`}
        </Button>
      )}
      {error && <Text className='photo-field__error'>{error}</Text>}
    </View>
  );
}

async function readBytes(path: string): Promise<ArrayBuffer> {
  if (process.env.TARO_ENV === 'h5') return (await fetch(path)).arrayBuffer();
  return Taro.getFileSystemManager().readFileSync(path) as ArrayBuffer;
}
