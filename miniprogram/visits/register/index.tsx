import { useState } from 'react';
import { Input, Picker, Text, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { Button, Radio, TextArea } from '@nutui/nutui-react-taro';
import { registerPersonSchema } from '../../../shared/api/visits';
import { riskLabels, riskLevels, type RiskLevel } from '../../../shared/visits/types';
import { EmptyState } from '../../components/empty-state';
import { PageShell } from '../../components/page-shell';
import { canRegisterVisitPeople, visitPersonPage } from '../../components/visit-roles';
import { ApiError, messageOf } from '../../services/http';
import type { CompoundSummary } from '../../services/places';
import { currentAccount } from '../../services/session';
import { registerVisitPerson, visitCategoriesFor, type RegisterPersonBody, type VisitCategoryView } from '../../services/visits';
import { draftErrorsOf, type DraftErrors } from '../visit-draft';
import { registrableCompounds } from './compounds';
import { LoadFailed } from '../load-failed';
import './index.scss';

interface Form {
  categoryCode: string;
  risk: RiskLevel;
  compoundCode: string;
  name: string;
  idNumber: string;
  phone: string;
  address: string;
  notes: string;
}
const emptyForm: Form = { categoryCode: '', risk: 'blue', compoundCode: '', name: '', idNumber: '', phone: '', address: '', notes: '' };

/** The request body: blanks of the optional fields left out. */
function bodyOf(form: Form): RegisterPersonBody {
  const { phone, notes, ...required } = form;
  return { ...required, ...(phone.trim() ? { phone } : {}), ...(notes.trim() ? { notes } : {}) };
}

/**
 * 登记重点服务人员: the committee or the grid leader adds a person to the register. Nothing typed
 * here is kept on the phone: it goes to the server, which seals it, or stays on the screen.
 */
export default function RegisterVisitPerson() {
  const account = currentAccount();
  const allowed = !!account && canRegisterVisitPeople(account.role);
  const [categories, setCategories] = useState<VisitCategoryView[]>([]);
  const [compounds, setCompounds] = useState<CompoundSummary[]>([]);
  const [loadError, setLoadError] = useState('');
  const [form, setForm] = useState<Form>(emptyForm);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [formError, setFormError] = useState('');
  const [saving, setSaving] = useState(false);

  const load = async () => {
    if (!account || !allowed) return;
    setLoadError('');
    try {
      const [visible, places] = await Promise.all([visitCategoriesFor(account.id), registrableCompounds(account)]);
      setCategories(visible.categories);
      setCompounds(places);
    } catch (caught) {
      setLoadError(messageOf(caught));
    }
  };
  useLoad(() => void load());

  if (!allowed) {
    return (
      <PageShell className='register-page'>
        <EmptyState title='只有社区居委会和网格长可以登记' description={account ? `当前身份：${account.roleLabel}` : '请先登录工作账号'} />
      </PageShell>
    );
  }
  if (loadError) return <LoadFailed className='register-page' title='无法打开登记表' message={loadError} onRetry={() => void load()} />;

  const set = (patch: Partial<Form>) => {
    setForm((current) => ({ ...current, ...patch }));
    setErrors((current) => Object.fromEntries(Object.entries(current).filter(([key]) => !(key in patch))));
  };
  const category = categories.find((c) => c.code === form.categoryCode);
  const compound = compounds.find((c) => c.code === form.compoundCode);

  const save = async () => {
    setFormError('');
    const checked = registerPersonSchema.safeParse(bodyOf(form));
    if (!checked.success) {
      const found: DraftErrors = {};
      for (const issue of checked.error.issues) found[issue.path.join('.')] ??= issue.message;
      setErrors(found);
      setFormError('请按提示修改后再提交');
      return;
    }
    setSaving(true);
    try {
      const person = await registerVisitPerson(bodyOf(form));
      // The typed values leave the screen at once: the register shows them masked from now on.
      setForm(emptyForm);
      void Taro.redirectTo({ url: visitPersonPage(person.id) });
    } catch (caught) {
      setErrors(caught instanceof ApiError ? draftErrorsOf(caught.details) : {});
      setFormError(messageOf(caught));
    } finally {
      setSaving(false);
    }
  };

  const text = (key: 'name' | 'idNumber' | 'phone' | 'address', label: string, placeholder: string, optional = false) => (
    <View className='record-field' role='group' ariaLabel={label}>
      <Text className='record-field__label'>
        {label}
        {optional ? <Text className='record-field__optional'>（选填）</Text> : null}
      </Text>
      <Input className='record-input' value={form[key]} placeholder={placeholder} aria-label={label} onInput={(event) => set({ [key]: event.detail.value })} />
      {errors[key] ? <Text className='visit-error'>{errors[key]}</Text> : null}
    </View>
  );

  return (
    <PageShell className='register-page'>
      <View className='visit-card'>
        <View className='record-field' role='group' ariaLabel='人群类别'>
          <Text className='record-field__label'>人群类别</Text>
          <Picker mode='selector' range={categories.map((c) => c.name)} onChange={(event) => set({ categoryCode: categories[Number(event.detail.value)]?.code ?? '' })}>
            <View className='record-picker'>
              <Text>{category?.name ?? '请选择'}</Text>
              <Text className='record-picker__arrow'>›</Text>
            </View>
          </Picker>
          {errors.categoryCode ? <Text className='visit-error'>{errors.categoryCode}</Text> : null}
        </View>
        <View className='record-field' role='group' ariaLabel='风险等级'>
          <Text className='record-field__label'>风险等级</Text>
          <Radio.Group value={form.risk} direction='horizontal' onChange={(risk) => set({ risk: risk as RiskLevel })}>
            {riskLevels.map((risk) => (
              <Radio key={risk} value={risk}>
                {riskLabels[risk]}
              </Radio>
            ))}
          </Radio.Group>
        </View>
        <View className='record-field' role='group' ariaLabel='所在小区'>
          <Text className='record-field__label'>所在小区</Text>
          <Picker mode='selector' range={compounds.map((c) => c.name)} onChange={(event) => set({ compoundCode: compounds[Number(event.detail.value)]?.code ?? '' })}>
            <View className='record-picker'>
              <Text>{compound?.name ?? '请选择'}</Text>
              <Text className='record-picker__arrow'>›</Text>
            </View>
          </Picker>
          {errors.compoundCode ? <Text className='visit-error'>{errors.compoundCode}</Text> : null}
        </View>
      </View>
      <View className='visit-card'>
        <Text className='visit-card__text'>以下信息加密保存，登记后只显示脱敏内容；查看明文须说明原因并记入审计。</Text>
        {text('name', '姓名', '与身份证一致')}
        {text('idNumber', '身份证号', '18位')}
        {text('phone', '电话', '本人或家属电话', true)}
        {text('address', '住址', '楼栋、单元、门牌')}
        <View className='record-field' role='group' ariaLabel='备注'>
          <Text className='record-field__label'>
            备注<Text className='record-field__optional'>（选填）</Text>
          </Text>
          <View className='record-textarea'>
            <TextArea value={form.notes} onChange={(notes) => set({ notes })} maxLength={500} rows={2} autoSize placeholder='家属联系方式、注意事项' aria-label='备注' />
          </View>
          {errors.notes ? <Text className='visit-error'>{errors.notes}</Text> : null}
        </View>
      </View>
      <View className='record-page__submit'>
        {formError ? <Text className='visit-error'>{formError}</Text> : null}
        <Button type='primary' block loading={saving} disabled={saving} onClick={() => void save()}>
          登记
        </Button>
      </View>
    </PageShell>
  );
}
