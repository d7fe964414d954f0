import { useEffect, useState, type ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { Button, Checkbox, DatePicker, Radio, Switch, TextArea } from '@nutui/nutui-react-taro';
import { ApiError, messageOf } from '../services/http';
import type { PollDraft } from '../services/polls';
import type { Me } from '../services/session';
import { formatDateTime } from '../utils/format';
import { PhotoPicker, uploadedIds, type PickedPhoto } from './photo-picker';
import {
  formErrorsFrom,
  hasErrors,
  newOption,
  newQuestion,
  passPresets,
  pollRequestBody,
  staffConflictMessage,
  validatePollForm,
  withoutQuestionErrors,
  type FormErrors,
  type PassPreset,
  type PollForm,
  type QuestionForm,
} from './poll-editor.model';
import { useScopeChoices } from './poll-editor.scope';
import './poll-editor.scss';

export interface PollEditorProps {
  account: Pick<Me, 'role' | 'scope'>;
  initial: PollForm;
  initialPhotos?: PickedPhoto[];
  /** Sends the body; throws what the API answered (an ApiError with field errors, a stale version…). */
  onSave: (body: PollDraft) => Promise<void>;
  saveLabel: string;
}

const MAX_QUESTIONS = 20;
const MAX_OPTIONS = 20;
/** How far ahead a window may be picked in the wheel. */
const PICKABLE_DAYS = 180;

/**
 * 发起议题 / 编辑草稿: the whole poll on one page. Everything typed stays when the API refuses;
 * each refusal shows beside its field and the reason in the banner on top.
 */
export function PollEditor({ account, initial, initialPhotos = [], onSave, saveLabel }: PollEditorProps) {
  const [form, setForm] = useState(initial);
  const [photos, setPhotos] = useState(initialPhotos);
  const [errors, setErrors] = useState<FormErrors>({});
  const [saving, setSaving] = useState(false);
  const [picking, setPicking] = useState<'opensAt' | 'closesAt' | null>(null);
  const scope = useScopeChoices(account);

  // The only compound the author may ask is chosen for them.
  useEffect(() => {
    if (form.scope.compoundCode === '' && scope.compounds.length === 1) update({ scope: { ...form.scope, compoundCode: scope.compounds[0].code } }, ['scope.compoundCode']);
  }, [scope.compounds.length]);
  useEffect(() => {
    if (form.scope.kind === 'buildings') scope.loadBuildings(form.scope.compoundCode);
  }, [form.scope.kind, form.scope.compoundCode, scope.compounds.length]);

  function update(changes: Partial<PollForm>, touched: string[]) {
    setForm((current) => ({ ...current, ...changes }));
    setErrors((current) => (touched.some((key) => current[key]) ? Object.fromEntries(Object.entries(current).filter(([key]) => !touched.includes(key))) : current));
  }
  const setScope = (changes: Partial<PollForm['scope']>) => update({ scope: { ...form.scope, ...changes } }, ['scope', 'scope.compoundCode', 'scope.buildingCodes', 'scope.gridCode']);
  const setQuestion = (index: number, changes: Partial<QuestionForm>, touched: string[]) =>
    update({ questions: form.questions.map((question, at) => (at === index ? { ...question, ...changes } : question)) }, touched.map((key) => `questions.${index}.${key}`));
  const restructure = (questions: QuestionForm[]) => {
    setForm((current) => ({ ...current, questions, pass: { ...current.pass, optionIndex: Math.min(current.pass.optionIndex, Math.max(0, (questions[0]?.options.length ?? 1) - 1)) } }));
    setErrors(withoutQuestionErrors);
  };

  const save = async () => {
    const found = validatePollForm(form, photos);
    setErrors(found);
    if (hasErrors(found)) {
      void Taro.showToast({ title: '请检查标红的内容', icon: 'none' });
      return;
    }
    setSaving(true);
    try {
      await onSave(pollRequestBody(form, uploadedIds(photos)));
    } catch (error) {
      const fields = error instanceof ApiError ? (error.details as { fields?: Record<string, string[]> } | undefined)?.fields : undefined;
      setErrors({ ...formErrorsFrom(fields), form: staffConflictMessage(error) ?? messageOf(error) });
      void Promise.resolve(Taro.pageScrollTo({ scrollTop: 0, duration: 200 })).catch(() => undefined);
    } finally {
      setSaving(false);
    }
  };

  const chosenCompound = scope.compounds.find((compound) => compound.code === form.scope.compoundCode);
  const firstOptions = form.questions[0]?.options ?? [];
  const now = new Date();

  return (
    <View className='poll-editor'>
      {errors.form ? (
        <View className='pe-banner' role='alert'>
          <Text className='pe-banner__text'>{`没有保存：${errors.form}`}</Text>
          <Text className='pe-banner__hint'>填写的内容都还在，改好后再保存即可。</Text>
        </View>
      ) : null}

      <View className='pe-card'>
        <Text className='pe-card__title'>议题</Text>
        <Field label='标题' error={errors.title}>
          <Input className='pe-input' value={form.title} maxlength={60} placeholder='如：是否在3栋北侧建设电动自行车充电车棚' aria-label='标题' onInput={(event) => update({ title: event.detail.value }, ['title'])} />
        </Field>
        <Field label='背景说明' error={errors.background}>
          <TextArea value={form.background} onChange={(text) => update({ background: text }, ['background'])} maxLength={3000} showCount autoSize rows={4} placeholder='为什么要议、有哪些方案、费用由谁承担' aria-label='背景说明' />
        </Field>
        <Field label='照片' optional error={errors.photoIds}>
          <PhotoPicker value={photos} onChange={(next) => {
            setPhotos(next);
            setErrors((current) => ({ ...current, photoIds: '' }));
          }} max={9} />
        </Field>
      </View>

      <View className='pe-card'>
        <Text className='pe-card__title'>投票范围</Text>
        {scope.error ? <Text className='pe-error'>{scope.error}</Text> : null}
        <Radio.Group value={form.scope.kind} direction='horizontal' onChange={(kind) => setScope({ kind: kind as PollForm['scope']['kind'] })}>
          <Radio value='compound'>整个小区</Radio>
          <Radio value='buildings'>部分楼栋</Radio>
          {scope.gridCode ? <Radio value='grid'>本网格</Radio> : null}
        </Radio.Group>
        {form.scope.kind === 'grid' ? (
          <Field label='网格' error={errors['scope.gridCode']}>
            <Text className='pe-value'>{scope.gridCode ? `${scope.gridCode}（网格内已认证住户）` : '—'}</Text>
          </Field>
        ) : (
          <Field label='小区' error={errors['scope.compoundCode']}>
            {scope.loading ? (
              <Text className='pe-hint'>正在加载可选小区…</Text>
            ) : scope.compounds.length === 0 ? (
              <Text className='pe-hint'>没有可发起议题的小区</Text>
            ) : (
              <Radio.Group value={form.scope.compoundCode} onChange={(code) => setScope({ compoundCode: String(code), buildingCodes: [] })}>
                {scope.compounds.map((compound) => (
                  <Radio key={compound.code} value={compound.code}>
                    {compound.name}
                  </Radio>
                ))}
              </Radio.Group>
            )}
          </Field>
        )}
        {form.scope.kind === 'buildings' && chosenCompound ? (
          <Field label='楼栋' error={errors['scope.buildingCodes']}>
            {chosenCompound.buildings ? (
              <Checkbox.Group className='pe-buildings' value={form.scope.buildingCodes} direction='horizontal' onChange={(codes) => setScope({ buildingCodes: codes })}>
                {chosenCompound.buildings.map((building) => (
                  <Checkbox key={building.code} value={building.code} label={building.name} />
                ))}
              </Checkbox.Group>
            ) : (
              <Text className='pe-hint'>正在加载楼栋…</Text>
            )}
          </Field>
        ) : null}
        <Field label='计票方式' error={errors.votesPer}>
          <Radio.Group value={form.votesPer} direction='horizontal' onChange={(value) => update({ votesPer: value as PollForm['votesPer'] }, ['votesPer'])}>
            <Radio value='household'>每户一票</Radio>
            <Radio value='resident'>每人一票</Radio>
          </Radio.Group>
        </Field>
        <Text className='pe-hint'>只有范围内已认证的住户可以投票{form.votesPer === 'household' ? '；同一房屋的住户共用一票' : ''}</Text>
      </View>

      {form.questions.map((question, index) => (
        <QuestionEditor
          key={question.key}
          index={index}
          question={question}
          errors={errors}
          removable={form.questions.length > 1}
          onChange={(changes, touched) => setQuestion(index, changes, touched)}
          onRemove={() => restructure(form.questions.filter((_, at) => at !== index))}
          onOptions={(options) => restructure(form.questions.map((candidate, at) => (at === index ? { ...candidate, options } : candidate)))}
        />
      ))}
      {errors.questions ? <Text className='pe-error pe-error--page'>{errors.questions}</Text> : null}
      {form.questions.length < MAX_QUESTIONS ? (
        <View className='pe-add-question'>
          <Button block fill='dashed' onClick={() => restructure([...form.questions, newQuestion()])}>
            ＋ 添加问题
          </Button>
        </View>
      ) : null}

      <View className='pe-card'>
        <Text className='pe-card__title'>投票时间与结果</Text>
        <Field label='开始时间' error={errors.opensAt}>
          <View className='pe-picker' role='button' ariaLabel='选择开始时间' onClick={() => setPicking('opensAt')}>
            <Text>{form.opensAt ? formatDateTime(form.opensAt) : '请选择'}</Text>
            <Text className='pe-picker__arrow'>›</Text>
          </View>
        </Field>
        <Field label='截止时间' error={errors.closesAt}>
          <View className='pe-picker' role='button' ariaLabel='选择截止时间' onClick={() => setPicking('closesAt')}>
            <Text>{form.closesAt ? formatDateTime(form.closesAt) : '请选择'}</Text>
            <Text className='pe-picker__arrow'>›</Text>
          </View>
        </Field>
        <DatePicker
          title={picking === 'opensAt' ? '开始时间' : '截止时间'}
          type='datetime'
          visible={picking !== null}
          startDate={now}
          endDate={new Date(now.getTime() + PICKABLE_DAYS * 86_400_000)}
          defaultValue={(picking && form[picking]) || now}
          onClose={() => setPicking(null)}
          onConfirm={(_options, selected) => {
            const [year, month, day, hour, minute] = selected.map(Number);
            if (picking) update({ [picking]: new Date(year, month - 1, day, hour ?? 0, minute ?? 0) }, [picking, 'closesAt']);
          }}
        />
        <Field label='结果公布' error={errors.resultsVisibility}>
          <Radio.Group value={form.resultsVisibility} direction='horizontal' onChange={(value) => update({ resultsVisibility: value as PollForm['resultsVisibility'] }, ['resultsVisibility'])}>
            <Radio value='after_close'>投票结束后</Radio>
            <Radio value='live'>实时公布</Radio>
          </Radio.Group>
        </Field>
        <View className='pe-switch-row'>
          <View>
            <Text className='pe-label'>公开结果</Text>
            <Text className='pe-hint'>结束后在公开页展示结果，未登录也可查看</Text>
          </View>
          <Switch checked={form.publicResults} onChange={(on) => update({ publicResults: on }, ['publicResults'])} ariaLabel='公开结果' />
        </View>
      </View>

      <View className='pe-card'>
        <Text className='pe-card__title'>通过规则</Text>
        <Field label='最低参与率' optional error={errors.quorum}>
          <View className='pe-percent'>
            <Input className='pe-input pe-input--short' type='digit' value={form.quorumPercent} placeholder='如 50' aria-label='最低参与率（百分比）' onInput={(event) => update({ quorumPercent: event.detail.value }, ['quorum'])} />
            <Text>%</Text>
          </View>
          <Text className='pe-hint'>参与投票的户数（人数）占可投票总数的比例，不填则不设</Text>
        </Field>
        <View className='pe-switch-row'>
          <View>
            <Text className='pe-label'>设置通过条件</Text>
            <Text className='pe-hint'>按第1个问题的某个选项得票比例判定是否通过</Text>
          </View>
          <Switch checked={form.pass.enabled} onChange={(on) => update({ pass: { ...form.pass, enabled: on } }, ['pass.threshold', 'pass.optionIndex'])} ariaLabel='设置通过条件' />
        </View>
        {form.pass.enabled ? (
          <>
            <Field label='决定结果的选项' error={errors['pass.optionIndex']}>
              <Radio.Group value={String(form.pass.optionIndex)} direction='horizontal' onChange={(value) => update({ pass: { ...form.pass, optionIndex: Number(value) } }, ['pass.optionIndex'])}>
                {firstOptions.map((option, at) => (
                  <Radio key={option.key} value={String(at)}>
                    {option.text || `选项${at + 1}`}
                  </Radio>
                ))}
              </Radio.Group>
            </Field>
            <Field label='通过比例' error={errors['pass.threshold']}>
              <Radio.Group value={form.pass.preset} direction='horizontal' onChange={(value) => update({ pass: { ...form.pass, preset: value as PassPreset } }, ['pass.threshold'])}>
                <Radio value='majority'>{passPresets.majority.label}</Radio>
                <Radio value='two_thirds'>{passPresets.two_thirds.label}</Radio>
                <Radio value='custom'>自定义</Radio>
              </Radio.Group>
              {form.pass.preset === 'custom' ? (
                <View className='pe-percent'>
                  <Input className='pe-input pe-input--short' type='digit' value={form.pass.customPercent} placeholder='如 60' aria-label='通过比例（百分比）' onInput={(event) => update({ pass: { ...form.pass, customPercent: event.detail.value } }, ['pass.threshold'])} />
                  <Text>%</Text>
                  <Radio.Group value={form.pass.customRule} direction='horizontal' onChange={(value) => update({ pass: { ...form.pass, customRule: value as 'at_least' | 'more_than' } }, ['pass.threshold'])}>
                    <Radio value='at_least'>以上（含）</Radio>
                    <Radio value='more_than'>超过</Radio>
                  </Radio.Group>
                </View>
              ) : null}
            </Field>
          </>
        ) : null}
      </View>

      <View className='pe-submit'>
        <Button type='primary' size='large' block loading={saving} disabled={saving} onClick={() => void save()}>
          {saveLabel}
        </Button>
        <Text className='pe-hint pe-hint--center'>保存后为草稿，发布前可随时修改；发布后问题不能再改</Text>
      </View>
    </View>
  );
}

function Field({ label, optional, error, children }: { label: string; optional?: boolean; error?: string; children: ReactNode }) {
  return (
    <View className={`pe-field ${error ? 'pe-field--error' : ''}`}>
      <Text className='pe-label'>
        {label}
        {optional ? <Text className='pe-optional'>（选填）</Text> : null}
      </Text>
      {children}
      {error ? (
        <View className='pe-error' role='alert'>
          {error}
        </View>
      ) : null}
    </View>
  );
}

function QuestionEditor({
  index,
  question,
  errors,
  removable,
  onChange,
  onRemove,
  onOptions,
}: {
  index: number;
  question: QuestionForm;
  errors: FormErrors;
  removable: boolean;
  onChange: (changes: Partial<QuestionForm>, touched: string[]) => void;
  onRemove: () => void;
  onOptions: (options: QuestionForm['options']) => void;
}) {
  const error = (field: string) => errors[`questions.${index}.${field}`];
  return (
    <View className='pe-card' aria-label={`问题${index + 1}`}>
      <View className='pe-card__head'>
        <Text className='pe-card__title'>{`问题 ${index + 1}`}</Text>
        {removable ? (
          <Button size='small' fill='none' onClick={onRemove}>
            删除问题
          </Button>
        ) : null}
      </View>
      <Field label='问题' error={error('text')}>
        <Input className='pe-input' value={question.text} maxlength={200} placeholder={`问题${index + 1}，如：您是否同意建设充电车棚？`} aria-label={`问题${index + 1}`} onInput={(event) => onChange({ text: event.detail.value }, ['text'])} />
      </Field>
      <Field label='题型' error={error('kind') ?? error('maxChoices')}>
        <View className='pe-kind'>
          <Radio.Group value={question.kind} direction='horizontal' onChange={(kind) => onChange({ kind: kind as QuestionForm['kind'] }, ['kind', 'maxChoices'])}>
            <Radio value='single'>单选</Radio>
            <Radio value='multiple'>多选</Radio>
          </Radio.Group>
          {question.kind === 'multiple' ? (
            <View className='pe-percent'>
              <Text>最多选</Text>
              <Input className='pe-input pe-input--tiny' type='number' value={question.maxChoices} placeholder={String(question.options.length)} aria-label={`问题${index + 1}最多可选几项`} onInput={(event) => onChange({ maxChoices: event.detail.value }, ['maxChoices'])} />
              <Text>项</Text>
            </View>
          ) : null}
        </View>
      </Field>
      <Field label='选项' error={error('options')}>
        {question.options.map((option, at) => (
          <View key={option.key} className='pe-option'>
            <View className='pe-option__row'>
              <Text className='pe-option__index'>{at + 1}</Text>
              <Input
                className={`pe-input ${errors[`questions.${index}.options.${at}`] ? 'pe-input--error' : ''}`}
                value={option.text}
                maxlength={100}
                placeholder={`选项${at + 1}`}
                aria-label={`问题${index + 1}选项${at + 1}`}
                onInput={(event) => onChange({ options: question.options.map((candidate) => (candidate.key === option.key ? { ...candidate, text: event.detail.value } : candidate)) }, [`options.${at}`, 'options'])}
              />
              {question.options.length > 2 ? (
                <View className='pe-option__remove' role='button' ariaLabel={`删除选项${at + 1}`} onClick={() => onOptions(question.options.filter((candidate) => candidate.key !== option.key))}>
                  <Text>删除</Text>
                </View>
              ) : null}
            </View>
            {errors[`questions.${index}.options.${at}`] ? <Text className='pe-error'>{errors[`questions.${index}.options.${at}`]}</Text> : null}
          </View>
        ))}
        {question.options.length < MAX_OPTIONS ? (
          <View className='pe-add-option' role='button' ariaLabel={`问题${index + 1}添加选项`} onClick={() => onOptions([...question.options, newOption()])}>
            <Text>＋ 添加选项</Text>
          </View>
        ) : null}
      </Field>
    </View>
  );
}
