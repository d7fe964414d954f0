import { View } from '@tarojs/components';
import { SignedImage } from './signed-image';

/** A case photo (timeline, description, result) shown with the viewer's sign-in; tapping opens the preview. */
export function CasePhoto({ path, className, label, onClick }: { path: string; className: string; label: string; onClick: () => void }) {
  return (
    <View role='button' ariaLabel={label} onClick={onClick}>
      <SignedImage path={path} className={className} />
    </View>
  );
}
