import { useState } from 'react';
import { PhotoPicker, uploadedIds, type PickedPhoto } from '../../components/photo-picker';

/**
 * The staff forms' photo control: the filing page's picker (compress, upload each at once, 重试),
 * reporting to the form only the ids that finished uploading, which is what an event body sends.
 */
export interface PhotoFieldProps {
  /** Uploaded photo ids, in order. */
  value: string[];
  onChange: (ids: string[]) => void;
  max: number;
}

export function PhotoField({ onChange, max }: PhotoFieldProps) {
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const change = (next: PickedPhoto[]) => {
    setPhotos(next);
    onChange(uploadedIds(next));
  };
  return <PhotoPicker value={photos} onChange={change} max={max} addLabel='添加现场照片' />;
}
