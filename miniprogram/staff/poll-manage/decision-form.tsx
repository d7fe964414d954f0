import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { Button, DatePicker, Switch, TextArea } from '@nutui/nutui-react-taro';
import { pollDecisionSchema } from '../../../shared/api/polls';
import { isoWithOffset, type FormErrors } from '../../components/poll-editor.model';
import { ApiError, messageOf } from '../../services/http';
import { recordPollDecision, type PollDecision, type PollView } from '../../services/polls';
import { formatDateTime } from '../../utils/format';

interface DecisionDraft {
  decision: string;
  minutes: string;
  meeting: boolean;
  heldAt: Date | null;
  place: string;
  attendance: string;
}

/** The body of `POST /polls/:id/decision` from the form: empty minutes left out, the meeting only when there was one. */
export function decisionBody(draft: DecisionDraft): PollDecision {
  return {
    decision: draft.decision,
    ...(draft.minutes.trim() ? { minutes: draft.minutes } : {}),
    ...(draft.meeting ? { meeting: { heldAt: draft.heldAt ? isoWithOffset(draft.heldAt) : '', place: draft.place, attendance: draft.attendance.trim() === '' ? NaN : Number(draft.attendance) } } : {}),
  };
}

/** 记录决定: what the committee decided once voting ended, with the minutes and the meeting if one was held. */
export function DecisionForm({ poll, onDecided }: { poll: PollView; onDecided: (poll: PollView) => void }) {
  const [draft, setDraft] = useState<DecisionDraft>({ decision: '', minutes: '', meeting: false, heldAt: null, place: '', attendance: '' });
  const [errors, setErrors] = useState<FormErrors>({});
  const [saving, setSaving] = useState(false);
  const [picking, setPicking] = useState(false);
  const set = (changes: Partial<DecisionDraft>, touched: string[]) => {
    setDraft((current) => ({ ...current, ...changes }));
    setErrors((current) => Object.fromEntries(Object.entries(current).filter(([key]) => !touched.includes(key) && key !== 'form')));
  };

  const save = async () => {
    const body = decisionBody(draft);
    const checked = pollDecisionSchema.safeParse(body);
    if (!checked.success) {
      const fields: Record<string, string[]> = {};
      for (const issue of checked.error.issues) fields[issue.path.join('.')] = [...(fields[issue.path.join('.')] ?? []), issue.message];
      setErrors(decisionErrors(fields));
      return;
    }
    setSaving(true);
    try {
      onDecided(await recordPollDecision(poll.id, body));
    } catch (error) {
      const fields = error instanceof ApiError ? (error.details as { fields?: Record<string, string[]> } | undefined)?.fields : undefined;
      setErrors({ ...decisionErrors(fields ?? {}), form: messageOf(error) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className='manage-card' aria-label='记录决定'>
      <Text className='manage-card__title'>记录决定</Text>
      <Text className='manage-hint'>投票已结束。记录议事会的决定后，居民可在议题页看到；之后可一键转为案件跟进落实。</Text>
      <View className='manage-field'>
        <Text className='manage-label'>决定</Text>
        <TextArea value={draft.decision} onChange={(text) => set({ decision: text }, ['decision'])} maxLength={500} showCount autoSize rows={3} placeholder='如：同意在3栋北侧建设充电车棚，由物业组织施工' aria-label='决定' />
        {errors.decision ? <Text className='manage-error'>{errors.decision}</Text> : null}
      </View>
      <View className='manage-field'>
        <Text className='manage-label'>
          会议纪要<Text className='manage-optional'>（选填）</Text>
        </Text>
        <TextArea value={draft.minutes} onChange={(text) => set({ minutes: text }, ['minutes'])} maxLength={5000} autoSize rows={3} placeholder='议事会讨论的要点、表决情况' aria-label='会议纪要' />
        {errors.minutes ? <Text className='manage-error'>{errors.minutes}</Text> : null}
      </View>
      <View className='manage-switch-row'>
        <Text className='manage-label'>召开了议事会</Text>
        <Switch checked={draft.meeting} onChange={(on) => set({ meeting: on }, ['meeting.heldAt', 'meeting.place', 'meeting.attendance'])} ariaLabel='召开了议事会' />
      </View>
      {draft.meeting ? (
        <>
          <View className='manage-field'>
            <Text className='manage-label'>会议时间</Text>
            <View className='manage-picker' role='button' ariaLabel='选择会议时间' onClick={() => setPicking(true)}>
              <Text>{draft.heldAt ? formatDateTime(draft.heldAt) : '请选择'}</Text>
              <Text className='manage-picker__arrow'>›</Text>
            </View>
            {errors['meeting.heldAt'] ? <Text className='manage-error'>{errors['meeting.heldAt']}</Text> : null}
            <DatePicker
              title='会议时间'
              type='datetime'
              visible={picking}
              startDate={new Date(Date.now() - 180 * 86_400_000)}
              endDate={new Date(Date.now() + 60 * 86_400_000)}
              defaultValue={draft.heldAt ?? new Date()}
              onClose={() => setPicking(false)}
              onConfirm={(_options, selected) => {
                const [year, month, day, hour, minute] = selected.map(Number);
                set({ heldAt: new Date(year, month - 1, day, hour ?? 0, minute ?? 0) }, ['meeting.heldAt']);
              }}
            />
          </View>
          <View className='manage-field'>
            <Text className='manage-label'>会议地点</Text>
            <Input className='manage-input' value={draft.place} placeholder='如：社区议事厅' aria-label='会议地点' onInput={(event) => set({ place: event.detail.value }, ['meeting.place'])} />
            {errors['meeting.place'] ? <Text className='manage-error'>{errors['meeting.place']}</Text> : null}
          </View>
          <View className='manage-field'>
            <Text className='manage-label'>到会人数</Text>
            <Input className='manage-input' type='number' value={draft.attendance} placeholder='到会居民代表人数' aria-label='到会人数' onInput={(event) => set({ attendance: event.detail.value }, ['meeting.attendance'])} />
            {errors['meeting.attendance'] ? <Text className='manage-error'>{errors['meeting.attendance']}</Text> : null}
          </View>
        </>
      ) : null}
      {errors.form ? <Text className='manage-error'>{errors.form}</Text> : null}
      <Button type='primary' block loading={saving} disabled={saving} onClick={() => void save()}>
        保存决定
      </Button>
    </View>
  );
}

function decisionErrors(fields: Record<string, string[]>): FormErrors {
  const errors: FormErrors = {};
  for (const [path, messages] of Object.entries(fields)) {
    const key = ['decision', 'minutes', 'meeting.heldAt', 'meeting.place', 'meeting.attendance'].includes(path) ? path : 'form';
    if (!errors[key] && messages[0]) errors[key] = messages[0];
  }
  return errors;
}
