import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Radio } from '@nutui/nutui-react-taro';
import { archiveReasonLabels, archiveReasons, type ArchiveReason } from '../../../shared/api/visits';
import { messageOf } from '../../services/http';
import { archiveVisitPerson, type VisitPerson } from '../../services/visits';

/**
 * 归档: a coded reason only (a free text would tend to name a diagnosis or a sentence), dated today.
 * The person leaves the worklist and the reminders; the committee still reads the record until the purge.
 */
export function ArchiveForm({ person, onArchived, onCancel }: { person: VisitPerson; onArchived: (person: VisitPerson) => void; onCancel: () => void }) {
  const [reason, setReason] = useState<ArchiveReason>();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const archive = async () => {
    if (!reason) {
      setError('请选择归档原因');
      return;
    }
    setBusy(true);
    setError('');
    try {
      onArchived(await archiveVisitPerson(person.id, { version: person.version, reason, leftAt: new Date().toISOString() }));
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='unmask-prompt' role='dialog' ariaLabel='归档'>
      <Text className='unmask-prompt__title'>归档（已不属于该类人群）</Text>
      <Text className='unmask-prompt__hint'>归档后不再提醒走访，仅社区可查阅；保存期满后个人信息将被清除。</Text>
      <Radio.Group value={reason ?? ''} onChange={(picked) => setReason(picked as ArchiveReason)}>
        {archiveReasons.map((code) => (
          <Radio key={code} value={code}>
            {archiveReasonLabels[code]}
          </Radio>
        ))}
      </Radio.Group>
      {error ? <Text className='visit-error'>{error}</Text> : null}
      <View className='unmask-prompt__actions'>
        <Button size='small' fill='outline' onClick={onCancel}>
          取消
        </Button>
        <Button size='small' type='danger' loading={busy} disabled={busy} onClick={() => void archive()}>
          确认归档
        </Button>
      </View>
    </View>
  );
}
