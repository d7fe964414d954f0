import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Radio } from '@nutui/nutui-react-taro';
import { messageOf } from '../../services/http';

/**
 * 归档 and 恢复 take a coded reason only: a free text would tend to name a diagnosis or a sentence,
 * and the register needs no more than the code.
 */
export function ReasonForm<Code extends string>({ title, hint, reasons, confirmText, danger = false, onConfirm, onCancel }: { title: string; hint: string; reasons: Record<Code, string>; confirmText: string; danger?: boolean; onConfirm: (reason: Code) => Promise<void>; onCancel: () => void }) {
  const [reason, setReason] = useState<Code>();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    if (!reason) {
      setError('请选择原因');
      return;
    }
    setBusy(true);
    setError('');
    try {
      await onConfirm(reason);
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='unmask-prompt' role='dialog' ariaLabel={title}>
      <Text className='unmask-prompt__title'>{title}</Text>
      <Text className='unmask-prompt__hint'>{hint}</Text>
      <Radio.Group value={reason ?? ''} onChange={(picked) => setReason(picked as Code)}>
        {(Object.entries(reasons) as [Code, string][]).map(([code, label]) => (
          <Radio key={code} value={code}>
            {label}
          </Radio>
        ))}
      </Radio.Group>
      {error ? <Text className='visit-error'>{error}</Text> : null}
      <View className='unmask-prompt__actions'>
        <Button size='small' fill='outline' onClick={onCancel}>
          取消
        </Button>
        <Button size='small' type={danger ? 'danger' : 'primary'} loading={busy} disabled={busy} onClick={() => void confirm()}>
          {confirmText}
        </Button>
      </View>
    </View>
  );
}
