import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Radio, Switch } from '@nutui/nutui-react-taro';
import { riskLabels, riskLevels, type RiskLevel } from '../../../shared/visits/types';
import { messageOf } from '../../services/http';
import { changeVisitPerson, type VisitPerson } from '../../services/visits';

/** 登记变化: the risk level after a change, and whether a major change just happened (a visit is then due within the category's hours). */
export function ChangeForm({ person, onChanged, onCancel }: { person: VisitPerson; onChanged: (person: VisitPerson) => void; onCancel: () => void }) {
  const [risk, setRisk] = useState<RiskLevel>(person.risk);
  const [major, setMajor] = useState(false);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const save = async () => {
    if (risk === person.risk && !major) {
      setError('没有需要登记的变化');
      return;
    }
    setBusy(true);
    setError('');
    try {
      onChanged(await changeVisitPerson(person.id, { version: person.version, ...(risk !== person.risk ? { risk } : {}), ...(major ? { majorChangeAt: new Date().toISOString() } : {}) }));
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='unmask-prompt' role='dialog' ariaLabel='登记变化'>
      <Text className='unmask-prompt__title'>登记变化</Text>
      <Radio.Group value={risk} onChange={(picked) => setRisk(picked as RiskLevel)}>
        {riskLevels.map((level) => (
          <Radio key={level} value={level}>
            {riskLabels[level]}
          </Radio>
        ))}
      </Radio.Group>
      <View className='visit-change__major' role='group' ariaLabel='重大变化'>
        <Text className='unmask-prompt__hint'>刚发生重大变化（出院、监护人变化、失联后找回），须尽快走访</Text>
        <Switch checked={major} onChange={setMajor} />
      </View>
      {error ? <Text className='visit-error'>{error}</Text> : null}
      <View className='unmask-prompt__actions'>
        <Button size='small' fill='outline' onClick={onCancel}>
          取消
        </Button>
        <Button size='small' type='primary' loading={busy} disabled={busy} onClick={() => void save()}>
          保存
        </Button>
      </View>
    </View>
  );
}
