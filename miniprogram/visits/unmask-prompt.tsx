import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import { messageOf } from '../services/http';

/**
 * 查看明文 asks why before anything is shown: the reason, who and when are recorded by the server
 * before it answers, and the community's supervisor reads them.
 */
export function UnmaskPrompt({ what, onConfirm, onCancel }: { what: string; onConfirm: (reason: string) => Promise<void>; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    if (reason.trim().length < 4) {
      setError('请说明查看原因，至少4个字');
      return;
    }
    setBusy(true);
    setError('');
    try {
      await onConfirm(reason.trim());
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='unmask-prompt' role='dialog' ariaLabel={`查看${what}`}>
      <Text className='unmask-prompt__title'>{`查看${what}`}</Text>
      <Text className='unmask-prompt__hint'>查看明文会记录查看人、时间和原因，社区可查阅。</Text>
      <TextArea value={reason} onChange={setReason} maxLength={200} rows={2} autoSize placeholder='查看原因，如：核实联系电话以便预约走访' aria-label='查看原因' />
      {error ? <Text className='visit-error'>{error}</Text> : null}
      <View className='unmask-prompt__actions'>
        <Button size='small' fill='outline' onClick={onCancel}>
          取消
        </Button>
        <Button size='small' type='primary' loading={busy} disabled={busy} onClick={() => void confirm()}>
          确认查看
        </Button>
      </View>
    </View>
  );
}
