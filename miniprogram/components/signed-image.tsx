import { useEffect, useState } from 'react';
import { Image, View } from '@tarojs/components';
import { photoSource } from '../services/photos';

/**
 * A case photo shown with the viewer's sign-in: an `<Image src>` sends no token, and a photo the
 * public may not see answers 401 to a bare link. Until the bytes arrive the box keeps its place.
 */
export function SignedImage({ path, className, label }: { path: string; className: string; label?: string }) {
  const src = usePhotoSource(path);
  return src ? <Image className={className} src={src} mode='aspectFill' lazyLoad ariaLabel={label} /> : <View className={className} ariaLabel={label} />;
}

function usePhotoSource(path: string): string | undefined {
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
  return src;
}
