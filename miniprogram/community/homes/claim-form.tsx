import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { Button, Cell, Popup, Radio } from '@nutui/nutui-react-taro';
import { membershipRelationLabels, membershipRelations, type MembershipRelation } from '../../../shared/api/membership';
import { ApiError, messageOf } from '../../services/http';
import { claimMembership, type MembershipView } from '../../services/membership';
import { SearchList } from '../../components/search-list';
import { getCompound, listCompounds, type CompoundSummary } from '../../services/places';
import { checkClaim, claimErrorsFrom, claimRequest, emptyClaim, type ClaimDraft, type ClaimErrors } from './claim-form.model';
import './claim-form.scss';

/**
 * 认证房屋: the compound (searched), its building, unit and room, the relation, and optionally
 * name and phone, which let the community's roster verify the claim at once. Errors stand beside
 * their fields; nothing typed is lost on a refusal.
 */
export function ClaimForm({ onClaimed }: { onClaimed: (membership: MembershipView) => void }) {
  const [draft, setDraft] = useState<ClaimDraft>(emptyClaim);
  const [errors, setErrors] = useState<ClaimErrors>({});
  const [buildings, setBuildings] = useState<{ code: string; name: string }[]>([]);
  const [buildingsError, setBuildingsError] = useState('');
  const [choosingCompound, setChoosingCompound] = useState(false);
  const [sending, setSending] = useState(false);

  const update = (change: Partial<ClaimDraft>) => {
    setDraft((current) => ({ ...current, ...change }));
    setErrors((current) => {
      const next = { ...current };
      for (const key of Object.keys(change)) delete next[key === 'compound' ? 'compoundCode' : (key as keyof ClaimErrors)];
      delete next.form;
      return next;
    });
  };

  const loadBuildings = (code: string) => {
    setBuildings([]);
    setBuildingsError('');
    getCompound(code).then(
      (compound) => setBuildings(compound.buildings),
      (error: unknown) => setBuildingsError(messageOf(error)),
    );
  };

  const pickCompound = (compound: CompoundSummary) => {
    setChoosingCompound(false);
    update({ compound: { code: compound.code, name: compound.name }, buildingCode: '' });
    loadBuildings(compound.code);
  };

  const submit = async () => {
    const found = checkClaim(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setSending(true);
    try {
      const membership = await claimMembership(claimRequest(draft));
      setDraft(emptyClaim);
      setBuildings([]);
      onClaimed(membership);
    } catch (caught) {
      setErrors(caught instanceof ApiError ? claimErrorsFrom(caught.details, caught.message) : { form: messageOf(caught) });
    } finally {
      setSending(false);
    }
  };

  return (
    <View className='claim-form'>
      <Field label='小区' error={errors.compoundCode}>
        <View className='claim-form__pick' role='button' ariaLabel={draft.compound ? `小区 ${draft.compound.name}，点击更换` : '选择小区'} onClick={() => setChoosingCompound(true)}>
          <Text className={draft.compound ? 'claim-form__value' : 'claim-form__placeholder'}>{draft.compound?.name ?? '请选择小区'}</Text>
          <Text className='claim-form__arrow'>›</Text>
        </View>
      </Field>

      {draft.compound && (
        <Field label='楼栋' error={errors.buildingCode ?? (buildingsError || undefined)}>
          {buildingsError ? (
            <Button size='small' fill='outline' onClick={() => draft.compound && loadBuildings(draft.compound.code)}>
              重新加载楼栋
            </Button>
          ) : buildings.length === 0 ? (
            <Text className='claim-form__placeholder'>正在加载楼栋…</Text>
          ) : (
            <View className='claim-form__chips'>
              {buildings.map((building) => (
                <View
                  key={building.code}
                  className={`claim-form__chip ${draft.buildingCode === building.code ? 'claim-form__chip--on' : ''}`}
                  role='button'
                  ariaLabel={`${building.name}${draft.buildingCode === building.code ? '，已选' : ''}`}
                  onClick={() => update({ buildingCode: building.code })}
                >
                  {building.name}
                </View>
              ))}
            </View>
          )}
        </Field>
      )}

      <View className='claim-form__pair'>
        <Field label='单元' error={errors.unit}>
          <Input className='claim-form__input' value={draft.unit} maxlength={8} placeholder='如 1' aria-label='单元' onInput={(event) => update({ unit: event.detail.value })} />
        </Field>
        <Field label='房号' error={errors.room}>
          <Input className='claim-form__input' value={draft.room} maxlength={12} placeholder='如 302' aria-label='房号' onInput={(event) => update({ room: event.detail.value })} />
        </Field>
      </View>

      <Field label='与房屋关系' error={errors.relation}>
        <Radio.Group value={draft.relation} direction='horizontal' onChange={(value) => update({ relation: value as MembershipRelation })}>
          {membershipRelations.map((relation) => (
            <Radio key={relation} value={relation} ariaLabel={membershipRelationLabels[relation]}>
              {membershipRelationLabels[relation]}
            </Radio>
          ))}
        </Radio.Group>
      </Field>

      <Field label='姓名（选填）' error={errors.name}>
        <Input className='claim-form__input' value={draft.name} maxlength={30} placeholder='与社区登记一致' aria-label='姓名（选填）' onInput={(event) => update({ name: event.detail.value })} />
      </Field>
      <Field label='手机号（选填）' error={errors.phone}>
        <Input className='claim-form__input' type='number' value={draft.phone} maxlength={11} placeholder='与社区登记一致' aria-label='手机号（选填）' onInput={(event) => update({ phone: event.detail.value })} />
      </Field>
      <Text className='claim-form__note'>填写与社区住户名册一致的姓名和手机号，可立即认证；否则由居委会或网格员审核，一般1–3个工作日。</Text>

      {errors.form && (
        <View className='claim-form__error' role='alert'>
          {errors.form}
        </View>
      )}
      <Button type='primary' size='large' block loading={sending} disabled={sending} onClick={() => void submit()}>
        提交认证
      </Button>

      <Popup visible={choosingCompound} position='bottom' round closeable title='选择小区' onClose={() => setChoosingCompound(false)}>
        {choosingCompound && <CompoundSearch onPick={pickCompound} />}
      </Popup>
    </View>
  );
}

function Field({ label, error, children }: { label: string; error?: string; children: React.ReactNode }) {
  return (
    <View className={`claim-form__field ${error ? 'claim-form__field--error' : ''}`}>
      <Text className='claim-form__label'>{label}</Text>
      {children}
      {error && (
        <View className='claim-form__field-error' role='alert'>
          {error}
        </View>
      )}
    </View>
  );
}

/** The district's compounds by name, a page at a time. */
function CompoundSearch({ onPick }: { onPick: (compound: CompoundSummary) => void }) {
  return (
    <SearchList
      className='compound-search'
      placeholder='搜索小区名称'
      emptyText='没有找到小区，换个名称试试'
      fetchPage={(word, after) => listCompounds({ ...(word ? { q: word } : {}), after, limit: 30 })}
      renderItem={(compound) => <Cell key={compound.code} title={compound.name} description={`${compound.kindLabel} · ${compound.buildingCount}栋`} clickable onClick={() => onPick(compound)} />}
    />
  );
}
