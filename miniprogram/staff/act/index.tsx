import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { Button, Cell, DatePicker, Input, Skeleton, TextArea, Toast } from '@nutui/nutui-react-taro';
import { caseEventTypes, MAX_PHOTOS, type CaseEventType } from '../../../shared/cases/events';
import { isVersionConflict, VERSION_CONFLICT_MESSAGE } from '../../components/case-actions.model';
import { PageShell } from '../../components/page-shell';
import { actOnCase, getCase, type CaseDetail } from '../../services/cases';
import { messageOf } from '../../services/http';
import { formatDateTime } from '../../utils/format';
import { PhotoField } from '../forms/photo-field';
import { apiFieldErrors, checkForm, formSpec, latestSuspension, type Assignment, type FieldErrors, type FieldSpec, type FormValues } from '../forms/specs';
import { UnitPicker } from '../forms/unit-picker';
import './index.scss';

const TOAST_ID = 'act-toast';

/** The suggestion of the service list, as the unit picker holds it. */
function suggested(detail: CaseDetail | undefined): Assignment {
  const suggestion = detail?.view === 'full' ? detail.suggestedAssignment : undefined;
  return { lead: suggestion?.leadUnit ?? null, cohandlers: suggestion?.cohandlers ?? [] };
}

/**
 * Every staff step on one page: the spec of the event (staff/forms/specs.ts) decides the fields.
 * The version the detail showed goes as If-Match; values stay as typed whatever the answer.
 */
export default function StaffAct() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const type = (caseEventTypes as string[]).includes(params.type ?? '') ? (params.type as CaseEventType) : undefined;
  const version = Number(params.version) || undefined;
  const spec = type ? formSpec(type) : undefined;
  const [detail, setDetail] = useState<CaseDetail>();
  const [values, setValues] = useState<FormValues>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState('');
  const [loadError, setLoadError] = useState('');
  const [busy, setBusy] = useState(false);
  const [picking, setPicking] = useState<string>();

  useLoad(() => {
    if (!spec) return;
    if (spec) void Taro.setNavigationBarTitle({ title: spec.title }).catch(() => undefined);
    getCase(id).then(
      (found) => {
        setDetail(found);
        if (spec.fields.some((field) => field.kind === 'units')) setValues((current) => ({ assignment: suggested(found), ...current }));
      },
      (caught: unknown) => setLoadError(messageOf(caught)),
    );
  });

  if (!spec || !id) {
    return (
      <PageShell className='act-page'>
        <Text className='act-page__failed'>无法办理：链接不完整</Text>
      </PageShell>
    );
  }

  const set = (key: string, value: FormValues[string]) => setValues((current) => ({ ...current, [key]: value }));

  const submit = async () => {
    const checked = checkForm(spec, values);
    if (!checked.ok) {
      setErrors(checked.errors);
      setFormError('');
      return;
    }
    setErrors({});
    setFormError('');
    setBusy(true);
    try {
      await actOnCase(id, spec.type, checked.body, version);
      Toast.show(TOAST_ID, { content: `${spec.title}成功`, icon: 'success', duration: 1 });
      setTimeout(() => void Taro.navigateBack(), 900);
    } catch (caught) {
      if (isVersionConflict(caught)) {
        Toast.show(TOAST_ID, { content: VERSION_CONFLICT_MESSAGE, icon: 'warn', duration: 2 });
        setTimeout(() => void Taro.navigateBack(), 1800);
        return;
      }
      setErrors(apiFieldErrors(spec, caught));
      setFormError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  };

  const renderField = (field: FieldSpec) => {
    const value = values[field.key];
    switch (field.kind) {
      case 'units':
        return <UnitPicker value={(value as Assignment | undefined) ?? suggested(detail)} onChange={(next) => set(field.key, next)} streetCode={detail?.street.code} />;
      case 'photos':
        return <PhotoField value={(value as string[] | undefined) ?? []} onChange={(ids) => set(field.key, ids)} max={MAX_PHOTOS} />;
      case 'date': {
        const now = new Date();
        return (
          <>
            <Cell title={value instanceof Date ? formatDateTime(value) : '请选择时间'} extra='选择' clickable onClick={() => setPicking(field.key)} aria-label={`${field.label}，点击选择`} />
            <DatePicker
              title={field.label}
              type='datetime'
              visible={picking === field.key}
              startDate={now}
              endDate={latestSuspension(now)}
              defaultValue={value instanceof Date ? value : new Date(now.getTime() + 86_400_000)}
              onClose={() => setPicking(undefined)}
              onConfirm={(_options, selected) => {
                const [year, month, day, hour, minute] = selected.map(Number);
                set(field.key, new Date(year, month - 1, day, hour ?? 0, minute ?? 0));
              }}
            />
          </>
        );
      }
      case 'line':
        return <Input value={(value as string | undefined) ?? ''} onChange={(text) => set(field.key, text)} placeholder={field.placeholder} aria-label={field.label} />;
      default:
        return (
          <TextArea
            value={(value as string | undefined) ?? ''}
            onChange={(text) => set(field.key, text)}
            placeholder={field.placeholder}
            maxLength={field.maxLength}
            showCount={Boolean(field.maxLength)}
            status={errors[field.key] ? 'error' : 'default'}
            aria-label={field.label}
          />
        );
    }
  };

  return (
    <PageShell className='act-page'>
      <View className='act-page__case'>
        {detail ? (
          <>
            <Text className='act-page__number'>
              {detail.number} · {detail.statusLabel}
            </Text>
            <Text className='act-page__title'>{detail.title}</Text>
            <Text className='act-page__meta'>{detail.address}</Text>
          </>
        ) : loadError ? (
          <Text className='act-page__error'>{loadError}</Text>
        ) : (
          <Skeleton rows={2} animated />
        )}
      </View>
      {spec.hint && <Text className='act-page__hint'>{spec.hint}</Text>}
      <View className='act-page__form'>
        {spec.fields.map((field) => (
          <View key={field.key} className='act-page__field'>
            <Text className='act-page__label'>
              {field.label}
              {field.required ? <Text className='act-page__required'> *</Text> : <Text className='act-page__optional'>（选填）</Text>}
            </Text>
            {renderField(field)}
            {errors[field.key] && <Text className='act-page__error'>{errors[field.key]}</Text>}
          </View>
        ))}
        {(errors['(form)'] || formError) && <Text className='act-page__error'>{errors['(form)'] ?? formError}</Text>}
      </View>
      <View className='act-page__submit'>
        <Button type='primary' block size='large' loading={busy} disabled={busy} onClick={() => void submit()}>
          {spec.submitLabel}
        </Button>
      </View>
      <Toast id={TOAST_ID} />
    </PageShell>
  );
}
