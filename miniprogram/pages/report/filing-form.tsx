import { useEffect, useMemo, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { Button, Popup, Switch, TextArea } from '@nutui/nutui-react-taro';
import type { Catalog } from '../../../shared/catalog/types';
import { CategoryPicker } from '../../components/category-picker';
import { findPickable } from '../../components/category-picker.model';
import { PhotoPicker, type PickedPhoto } from '../../components/photo-picker';
import { PlacePicker } from '../../components/place-picker';
import { usePreferences } from '../../components/page-shell';
import { fileCase, followCase, nearbyCases, type CaseSummary } from '../../services/cases';
import { getCatalog } from '../../services/catalog';
import { clearDraft, loadDraft, noteSubcategoryUsed, readSubcategoryUsage, saveDraft, type DraftKind, type DraftPlace, type FilingDraft } from '../../services/drafts';
import { ApiError, messageOf } from '../../services/http';
import { askForConsents, getSubscriptions, templatesAbout } from '../../services/messages';
import { DESCRIPTION_MAX, fieldErrorsFrom, filingPreview, filingRequest, hasErrors, validateFiling, type FieldErrors } from './form';
import { draftPhotosOf, pickedFromDraft } from '../../components/photo-picker.model';
import './filing-form.scss';

export interface FilingFormProps {
  /** Which draft the form keeps (a resident's report and a patrol report are kept apart). */
  kind: DraftKind;
  /** `patrol`: photo first, located at once, no anonymity or contact phone (a grid member files under their own name). */
  variant: 'resident' | 'patrol';
  /** The grid member's grid: the compound list shows its compounds. */
  gridCode?: string;
}

const insideWeChat = process.env.TARO_ENV === 'weapp';

/** A point to look for duplicates near: the phone's, else the picked compound's gate. */
const pointOf = (place: DraftPlace | undefined) => place?.point ?? place?.compoundPoint;

/**
 * The filing form of 我要反映 and 巡查上报. Every change is kept in the draft at once; the draft's
 * idempotency key goes with every attempt, and the draft is dropped only once the server has
 * answered with the new case.
 */
export function FilingForm({ kind, variant, gridCode }: FilingFormProps) {
  const { elder } = usePreferences();
  const [draft, setDraft] = useState<FilingDraft>(() => loadDraft(kind));
  const [photos, setPhotos] = useState<PickedPhoto[]>(() => pickedFromDraft(draft.photos));
  const [catalog, setCatalog] = useState<Catalog>();
  const [catalogError, setCatalogError] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [duplicates, setDuplicates] = useState<CaseSummary[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [usage] = useState(readSubcategoryUsage);
  const subscriptionTemplates = useRef<string[]>([]);

  const subcategory = findPickable(catalog, draft.subcategoryCode);

  const loadCatalog = () => {
    setCatalogError('');
    getCatalog()
      .then(setCatalog)
      .catch((error: unknown) => setCatalogError(messageOf(error)));
  };
  useEffect(loadCatalog, []);

  useEffect(() => {
    // Fetched ahead: WeChat shows its consent dialog only from the tap itself, with no wait before it.
    if (!insideWeChat) return;
    getSubscriptions()
      .then((answer) => (subscriptionTemplates.current = templatesAbout(answer, 'case')))
      .catch(() => undefined);
  }, []);

  const update = (changes: Partial<FilingDraft>) => {
    setDraft((current) => {
      const next = { ...current, ...changes };
      saveDraft(kind, next);
      return next;
    });
    const touched = Object.keys(changes).map((key) => (key === 'place' ? 'place' : key)) as (keyof FieldErrors)[];
    setErrors((current) => (touched.some((key) => current[key]) ? { ...current, ...Object.fromEntries(touched.map((key) => [key, undefined])) } : current));
  };

  const changePhotos = (next: PickedPhoto[]) => {
    setPhotos(next);
    update({ photos: draftPhotosOf(next) });
  };

  const point = pointOf(draft.place);
  useEffect(() => {
    if (!draft.subcategoryCode || !point) {
      setDuplicates([]);
      return;
    }
    let current = true;
    nearbyCases(draft.subcategoryCode, point.lng, point.lat)
      .then((answer) => current && setDuplicates(answer.items.slice(0, 3)))
      .catch(() => current && setDuplicates([]));
    return () => {
      current = false;
    };
  }, [draft.subcategoryCode, point?.lng, point?.lat]);

  const follow = async (item: CaseSummary) => {
    try {
      await followCase(item.id);
      void Taro.showToast({ title: '已关注', icon: 'success' });
      void Taro.navigateTo({ url: `/pages/case/index?id=${encodeURIComponent(item.id)}` });
    } catch (error) {
      void Taro.showToast({ title: messageOf(error), icon: 'none' });
    }
  };

  const review = () => {
    const found = validateFiling(draft, photos, subcategory);
    setErrors(found);
    if (hasErrors(found)) {
      void Taro.showToast({ title: '请检查标红的内容', icon: 'none' });
      return;
    }
    setConfirming(true);
  };

  const askForSubscriptions = async () => {
    const tmplIds = subscriptionTemplates.current;
    if (!insideWeChat || tmplIds.length === 0) return;
    try {
      await askForConsents(tmplIds);
    } catch {
      // Declining or a failed record must never stand between a resident and their report.
    }
  };

  const submit = async () => {
    setSubmitting(true);
    await askForSubscriptions();
    try {
      const filed = await fileCase(filingRequest(draft, photos, subcategory), draft.idempotencyKey);
      if (draft.subcategoryCode) noteSubcategoryUsed(draft.subcategoryCode);
      clearDraft(kind);
      setConfirming(false);
      void Taro.showToast({ title: '提交成功', icon: 'success' });
      void Taro.redirectTo({ url: `/pages/case/index?id=${encodeURIComponent(filed.id)}` });
    } catch (error) {
      // The draft stays as it is, key included: 重新提交 sends the same filing again.
      setConfirming(false);
      const fields = error instanceof ApiError ? (error.details as { fields?: Record<string, string[]> } | undefined)?.fields : undefined;
      setErrors({ ...fieldErrorsFrom(fields), form: messageOf(error) });
      // The reason is in the banner at the top of the form, far above the button that was tapped.
      void Promise.resolve(Taro.pageScrollTo({ scrollTop: 0, duration: 200 })).catch(() => undefined);
    } finally {
      setSubmitting(false);
    }
  };

  const photoSection = (
    <View className='filing-card'>
      <Text className='filing-card__title'>{variant === 'patrol' ? '现场照片' : '照片'}</Text>
      <Text className='filing-card__hint'>{subcategory?.photoRequiredToFile ? '这类问题须附照片，最多9张' : '选填，最多9张，有照片处理更快'}</Text>
      <PhotoPicker value={photos} onChange={changePhotos} max={9} error={errors.photos} addLabel={variant === 'patrol' ? '拍照' : '添加照片'} />
    </View>
  );

  const descriptionSection = (
    <View className={`filing-card ${errors.description ? 'filing-card--error' : ''}`}>
      <Text className='filing-card__title'>问题描述</Text>
      <TextArea
        value={draft.description}
        onChange={(text) => update({ description: text })}
        maxLength={DESCRIPTION_MAX}
        showCount
        rows={elder ? 4 : 5}
        autoSize
        placeholder={variant === 'patrol' ? '现场情况，如“路口东侧三处井盖缺失，已设警示”' : '请描述问题：在哪里、什么情况、持续多久了'}
        aria-label='问题描述'
      />
      {errors.description ? <View className='field-error' role='alert'>{errors.description}</View> : null}
    </View>
  );

  return (
    <View className={`filing ${elder ? 'filing--elder' : ''}`}>
      {errors.form ? (
        <View className='filing-banner' role='alert'>
          <Text className='filing-banner__text'>{`提交没有成功：${errors.form}`}</Text>
          <Text className='filing-banner__hint'>已填写的内容都保存着，可以直接重新提交，不会重复上报。</Text>
        </View>
      ) : null}

      {variant === 'patrol' ? photoSection : null}

      <View className='filing-card filing-card--rows'>
        <CategoryPicker catalog={catalog} value={draft.subcategoryCode} usage={usage} onChange={(code) => update({ subcategoryCode: code, ...(findPickable(catalog, code)?.anonymousAllowed ? {} : { anonymous: false }) })} error={errors.subcategoryCode} unavailableText={catalogError || '正在加载问题分类…'} />
        {catalogError ? (
          <Button size='small' fill='none' type='primary' onClick={loadCatalog}>
            重新加载分类
          </Button>
        ) : null}
      </View>

      {variant === 'patrol' ? (
        <>
          <View className='filing-card filing-card--rows'>
            <PlacePicker value={draft.place} onChange={(place) => update({ place })} error={errors.place} gridCode={gridCode} locateOnShow />
          </View>
          {descriptionSection}
        </>
      ) : (
        <>
          {descriptionSection}
          {photoSection}
          <View className='filing-card filing-card--rows'>
            <PlacePicker value={draft.place} onChange={(place) => update({ place })} error={errors.place} />
          </View>
        </>
      )}

      {duplicates.length > 0 ? (
        <View className='filing-card filing-duplicates' aria-label='附近已有的相同问题'>
          <Text className='filing-card__title'>这个问题已有人反映，关注它</Text>
          <Text className='filing-card__hint'>附近已有同类问题在办理中。关注后可随时看到进度，不必重复上报。</Text>
          {duplicates.map((item) => (
            <View key={item.id} className='duplicate'>
              <View className='duplicate__body'>
                <Text className='duplicate__title'>{item.title}</Text>
                <Text className='duplicate__meta'>{`${item.statusLabel} · ${item.street.name} · 编号${item.number}`}</Text>
              </View>
              <Button size='small' type='primary' onClick={() => void follow(item)}>
                关注
              </Button>
            </View>
          ))}
        </View>
      ) : null}

      {variant === 'resident' ? (
        <View className='filing-card filing-card--rows'>
          {subcategory?.anonymousAllowed ? (
            <View className='form-row'>
              <View>
                <Text className='form-row__label'>匿名反映</Text>
                <Text className='form-row__note'>处理人员看不到您的姓名，仅街镇和区中心可见</Text>
              </View>
              <Switch checked={draft.anonymous} onChange={(on) => update({ anonymous: on })} ariaLabel='匿名反映' />
            </View>
          ) : null}
          <View className={`form-row ${errors.contactPhone ? 'form-row--error' : ''}`}>
            <Text className='form-row__label'>联系电话</Text>
            <Input
              className='form-row__input'
              type='number'
              maxlength={11}
              value={draft.contactPhone}
              placeholder='选填，便于工作人员联系您'
              aria-label='联系电话（选填）'
              onInput={(event) => update({ contactPhone: event.detail.value })}
            />
          </View>
          {errors.contactPhone ? <View className='field-error' role='alert'>{errors.contactPhone}</View> : null}
        </View>
      ) : null}

      <View className='filing-submit'>
        <Button type='primary' size='large' block loading={submitting} disabled={submitting} onClick={review}>
          {errors.form ? '重新提交' : variant === 'patrol' ? '上报' : '提交'}
        </Button>
        <Text className='filing-submit__note'>内容已自动保存为草稿，关闭后再打开可继续填写</Text>
      </View>

      <Popup visible={confirming} position='bottom' round closeable title='提交前确认' onClose={() => setConfirming(false)}>
        {confirming && subcategory ? <ConfirmSheet draft={draft} photos={photos} subcategory={subcategory} submitting={submitting} onBack={() => setConfirming(false)} onSubmit={() => void submit()} /> : null}
      </Popup>
    </View>
  );
}

function ConfirmSheet({ draft, photos, subcategory, submitting, onBack, onSubmit }: { draft: FilingDraft; photos: PickedPhoto[]; subcategory: NonNullable<ReturnType<typeof findPickable>>; submitting: boolean; onBack: () => void; onSubmit: () => void }) {
  const preview = useMemo(() => filingPreview(draft, photos, subcategory), [draft, photos, subcategory]);
  return (
    <View className='confirm-sheet'>
      <Text className='confirm-sheet__caption'>公开后大家能看到</Text>
      {preview.shown.map((row) => (
        <View key={row.label} className='confirm-sheet__row'>
          <Text className='confirm-sheet__label'>{row.label}</Text>
          <Text className='confirm-sheet__value'>{row.value}</Text>
        </View>
      ))}
      <View className='confirm-sheet__row'>
        <Text className='confirm-sheet__label'>摘要预览（需审核）</Text>
        <Text className='confirm-sheet__value'>{preview.maskedDescription}</Text>
      </View>
      {preview.photoCount > 0 ? (
        <View className='confirm-sheet__row'>
          <Text className='confirm-sheet__label'>照片</Text>
          <Text className='confirm-sheet__value'>{`${preview.photoCount}张，需审核后公开`}</Text>
        </View>
      ) : null}
      <Text className='confirm-sheet__caption'>仅处理人员可见</Text>
      <Text className='confirm-sheet__hidden'>{preview.hiddenFromPublic.join('、')}</Text>
      <Text className={`confirm-sheet__notice ${preview.personalDataFound.length ? 'confirm-sheet__notice--warn' : ''}`}>{preview.notice}</Text>
      <View className='confirm-sheet__actions'>
        <Button size='large' fill='outline' onClick={onBack}>
          返回修改
        </Button>
        <Button size='large' type='primary' loading={submitting} disabled={submitting} onClick={onSubmit}>
          确认提交
        </Button>
      </View>
    </View>
  );
}
