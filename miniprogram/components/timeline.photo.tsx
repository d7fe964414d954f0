import { useEffect, useState } from 'react';
import { Image, View } from '@tarojs/components';
import { photoSource } from '../services/photos';

/** A case photo (timeline, description, result) shown with the viewer's sign-in; tapping opens the preview. */
export function CasePhoto({ path, className, label, onClick }: { path: string; className: string; label: string; onClick: () => void }) {
  const [src, setSrc] = useState<string>();
  useEffect(() => {
    let current = true;
    void photoSource(path).then((found) => {
      if (current) setSrc(found);
    });
    return () => {
      current = false;
    };
  }, [path]);
  return (
    <View role='button' ariaLabel={label} onClick={onClick}>
      {src ? <Image className={className} src={src} mode='aspectFill' /> : <View className={className} />}
    </View>
  );
}
