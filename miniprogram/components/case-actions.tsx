import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, Radio, Rate, TextArea } from '@nutui/nutui-react-taro';
import { caseEventBodySchemas, type CaseEventType } from '../../shared/cases/events';
import type { CaseDetail } from '../services/cases';
import { messageOf } from '../services/http';
import { actPath, planActions, type AllowedEvent } from './case-actions.model';
import './case-actions.scss';

export interface CaseActionsProps {
  detail: CaseDetail;
  /** The signed-in account's role; undefined for the public. */
  viewerRole: string | undefined;
  /** Sends one event with the version shown; resolves once the page shows the case after it. */
  onSubmit: (type: CaseEventType, body: Record<string, unknown>) => Promise<void>;
  onFollow: () => Promise<void>;
}

/**
 * What the viewer may do now, exactly the server's `allowedEvents`: staff steps open their form
 * page; a resident rates, asks to reopen or follows right here.
 */
export function CaseActions({ detail, viewerRole, onSubmit, onFollow }: CaseActionsProps) {
  const plan = planActions(detail, viewerRole);
  if (plan.inline.length === 0 && plan.staff.length === 0 && !plan.follow && !plan.following) return null;
  return (
    <View className='case-actions'>
      {plan.staff.length > 0 && (
        <View className='case-actions__card' ariaLabel='办理操作'>
          <Text className='case-actions__title'>办理操作</Text>
          <View className='case-actions__buttons'>
            {plan.staff.map((event, index) => (
              <Button
                key={event.type}
                type={index === 0 ? 'primary' : 'default'}
                size='normal'
                className='case-actions__button'
                onClick={() => void Taro.navigateTo({ url: actPath(detail.id, event.type, detail.version) })}
              >
                {event.label}
              </Button>
            ))}
          </View>
        </View>
      )}
      {plan.inline.map((event) => (
        <InlineForm key={event.type} event={event} onSubmit={onSubmit} />
      ))}
      {plan.follow && <FollowButton onFollow={onFollow} />}
      {plan.following && <Text className='case-actions__following'>已关注，办理进展会通知你</Text>}
    </View>
  );
}

function FollowButton({ onFollow }: { onFollow: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const follow = async () => {
    setBusy(true);
    setError('');
    try {
      await onFollow();
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='case-actions__card'>
      <Text className='case-actions__hint'>你也遇到这个问题？关注后办理进展会通知你，不必重复上报。</Text>
      <Button type='primary' block loading={busy} onClick={() => void follow()}>
        我也遇到，关注进展
      </Button>
      {error && <Text className='case-actions__error'>{error}</Text>}
    </View>
  );
}

type InlineValues = { resolved?: string; satisfaction: number; comment: string; reason: string; note: string };

const resolvedOptions = [
  { value: 'yes', label: '已解决' },
  { value: 'partly', label: '部分解决' },
  { value: 'no', label: '未解决' },
];

const inlineIntro: Partial<Record<CaseEventType, string>> = {
  rate: '评价办理结果',
  reopen: '问题没有解决？申请重办',
  urge: '催办',
};

function bodyOf(type: CaseEventType, values: InlineValues): Record<string, unknown> {
  if (type === 'rate') {
    return { resolved: values.resolved, satisfaction: values.satisfaction, ...(values.comment.trim() ? { comment: values.comment } : {}) };
  }
  if (type === 'reopen') return { reason: values.reason };
  return values.note.trim() ? { note: values.note } : {};
}

/** A resident's own step, checked with the shared schema before it is sent; what was typed stays on failure. */
function InlineForm({ event, onSubmit }: { event: AllowedEvent; onSubmit: CaseActionsProps['onSubmit'] }) {
  const [open, setOpen] = useState(event.type === 'rate');
  const [values, setValues] = useState<InlineValues>({ satisfaction: 0, comment: '', reason: '', note: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<InlineValues>) => setValues((current) => ({ ...current, ...patch }));

  const submit = async () => {
    const body = bodyOf(event.type, values);
    const parsed = caseEventBodySchemas[event.type].safeParse(body);
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const issue of parsed.error.issues) found[String(issue.path[0] ?? 'form')] ??= issue.message;
      setErrors(found);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await onSubmit(event.type, body);
    } catch (caught) {
      const fields = (caught as { details?: { fields?: Record<string, string[]> } }).details?.fields ?? {};
      const found: Record<string, string> = { form: messageOf(caught) };
      for (const [path, messages] of Object.entries(fields)) found[path.split('.')[0]] ??= messages[0];
      setErrors(found);
    } finally {
      setBusy(false);
    }
  };

  if (!open) {
    return (
      <View className='case-actions__card'>
        <Button block fill='outline' type='primary' onClick={() => setOpen(true)}>
          {inlineIntro[event.type] ?? event.label}
        </Button>
      </View>
    );
  }

  return (
    <View className='case-actions__card' ariaLabel={event.label}>
      <Text className='case-actions__title'>{inlineIntro[event.type] ?? event.label}</Text>
      {event.type === 'rate' && (
        <>
          <Text className='case-actions__label'>问题是否解决</Text>
          <Radio.Group direction='horizontal' value={values.resolved} onChange={(value) => set({ resolved: String(value) })}>
            {resolvedOptions.map((option) => (
              <Radio key={option.value} value={option.value} ariaLabel={option.label}>
                {option.label}
              </Radio>
            ))}
          </Radio.Group>
          <FieldError message={errors.resolved} />
          <Text className='case-actions__label'>满意度</Text>
          <Rate value={values.satisfaction} onChange={(value) => set({ satisfaction: value })} aria-label='满意度，1到5星' />
          <FieldError message={errors.satisfaction} />
          <TextArea value={values.comment} onChange={(value) => set({ comment: value })} placeholder='说说办理的情况（选填）' maxLength={500} showCount />
          <FieldError message={errors.comment} />
        </>
      )}
      {event.type === 'reopen' && (
        <>
          <TextArea value={values.reason} onChange={(value) => set({ reason: value })} placeholder='说明问题仍存在的情况' maxLength={500} showCount />
          <FieldError message={errors.reason} />
        </>
      )}
      {event.type === 'urge' && (
        <>
          <TextArea value={values.note} onChange={(value) => set({ note: value })} placeholder='催办说明（选填）' maxLength={2000} />
          <FieldError message={errors.note} />
        </>
      )}
      <FieldError message={errors.form} />
      <Button type='primary' block loading={busy} onClick={() => void submit()}>
        {event.type === 'rate' ? '提交评价' : `提交${event.label}`}
      </Button>
    </View>
  );
}

function FieldError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <Text className='case-actions__error'>
      {message}
    </Text>
  );
}
