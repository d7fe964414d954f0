import { useRef, useState } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { Button, DatePicker, Radio, Skeleton, Switch, TextArea } from '@nutui/nutui-react-taro';
import { riskLabels, riskLevels, visitMethodLabels, visitMethods, type RiskLevel, type VisitMethod } from '../../../shared/visits/types';
import { CategoryPicker } from '../../components/category-picker';
import { findPickable } from '../../components/category-picker.model';
import { EmptyState } from '../../components/empty-state';
import { PhotoPicker } from '../../components/photo-picker';
import { draftPhotosOf, pickedFromDraft, type PickedPhoto } from '../../components/photo-picker.model';
import { PageShell } from '../../components/page-shell';
import { getCatalog, type Catalog } from '../../services/catalog';
import { newIdempotencyKey } from '../../services/cases';
import { messageOf } from '../../services/http';
import { currentPoint } from '../../services/location';
import { currentAccount } from '../../services/session';
import { getPersonRecord, visitCategoriesFor, visitTeamFor, type RecordVisitResult, type VisitCategoryView, type VisitTeammate } from '../../services/visits';
import { formatDateTime } from '../../utils/format';
import { dropVisitDraft, findVisitDraft, keepVisitDraft } from '../draft-store';
import { riskShort } from '../labels';
import { canVisit, VISIT_WORKLIST_PAGE } from '../../components/visit-roles';
import { sendVisitDraft } from '../send-visit';
import { newVisitDraft, visitBodyOf, type DraftErrors, type VisitDraft } from '../visit-draft';
import { QuestionField } from './question-field';
import { LoadFailed } from '../load-failed';
import './index.scss';

/** A visit may be recorded up to a month late (a paper note typed in afterwards), never ahead. */
const BACKDATE_DAYS = 30;

/**
 * 走访记录: the form a grid member fills in at the door. Kept on the phone at every change and sent
 * once; without network it waits on the phone (the worklist shows it) and is sent again unchanged.
 */
export default function VisitRecordForm() {
  const personId = useRouter().params.id ?? '';
  const account = currentAccount();
  const [draft, setDraft] = useState<VisitDraft>();
  const [category, setCategory] = useState<VisitCategoryView>();
  const [loadError, setLoadError] = useState('');
  const [errors, setErrors] = useState<DraftErrors>({});
  const [formError, setFormError] = useState('');
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState<RecordVisitResult>();
  const [picking, setPicking] = useState(false);
  const [locating, setLocating] = useState(false);
  const [catalog, setCatalog] = useState<Catalog>();
  const [catalogError, setCatalogError] = useState('');
  const [team, setTeam] = useState<VisitTeammate[]>();
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  // Photo uploads answer after renders of their own: each change starts from the latest draft, not the one of that render.
  const latestDraft = useRef<VisitDraft>();
  latestDraft.current = draft;

  const load = async () => {
    if (!account || !canVisit(account.role)) return;
    setLoadError('');
    try {
      const kept = findVisitDraft(account.id, personId);
      const categories = await visitCategoriesFor(account.id);
      const current = kept ?? newVisitDraft((await getPersonRecord(personId)).person, account.id, newIdempotencyKey(), new Date());
      const found = categories.categories.find((c) => c.code === current.person.categoryCode);
      if (!found) throw new Error('当前身份不能走访该类别的人员');
      setCategory(found);
      setDraft(current);
      setPhotos(pickedFromDraft(current.casePhotos ?? []));
      // Optional: without it the form still works, a visit made alone.
      visitTeamFor(account.id).then(setTeam, () => setTeam([]));
      if (current.fileCase) loadCatalog();
    } catch (caught) {
      setLoadError(caught instanceof Error && !('code' in caught) ? caught.message : messageOf(caught));
    }
  };
  useLoad(() => void load());

  const loadCatalog = () => {
    if (catalog) return;
    getCatalog().then(setCatalog, (caught: unknown) => setCatalogError(messageOf(caught)));
  };

  if (!account || !canVisit(account.role)) {
    return (
      <PageShell className='record-page'>
        <EmptyState title='走访记录仅供网格员、网格长填写' description={account ? `当前身份：${account.roleLabel}` : '请先登录工作账号'} />
      </PageShell>
    );
  }
  if (loadError) return <LoadFailed className='record-page' title='无法打开走访表单' message={loadError} onRetry={() => void load()} />;
  if (sent) return <SentCard result={sent} />;
  if (!draft || !category) {
    return (
      <PageShell className='record-page'>
        <View className='visit-card'>
          <Skeleton rows={8} animated />
        </View>
      </PageShell>
    );
  }

  const update = (patch: Partial<VisitDraft>, touched: string[] = Object.keys(patch)) => {
    const next: VisitDraft = { ...(latestDraft.current ?? draft), ...patch, savedAt: new Date().toISOString() };
    latestDraft.current = next;
    setDraft(next);
    if (!keepVisitDraft(next)) setFormError('手机存储已满，草稿未能保存；请尽快提交');
    setErrors((current) => Object.fromEntries(Object.entries(current).filter(([key]) => !touched.some((t) => key === t || key.startsWith(`${t}.`)))));
  };
  const answer = (key: string, value: string | boolean) => update({ answers: { ...draft.answers, [key]: value } }, [`answers.${key}`]);
  const changePhotos = (next: PickedPhoto[]) => {
    setPhotos(next);
    update({ casePhotos: draftPhotosOf(next) }, ['case.photos']);
  };
  const companionChoices = [{ id: '', name: '', label: '无（独自走访）' }, ...(team ?? []).map((member) => ({ id: member.id, name: member.displayName, label: `${member.displayName}（${member.roleLabel}）` }))];

  const submit = async () => {
    setFormError('');
    const checked = visitBodyOf(draft, category, photos, findPickable(catalog, draft.caseSubcategoryCode));
    if ('errors' in checked) {
      setErrors(checked.errors);
      setFormError('请按提示修改后再提交');
      return;
    }
    setSending(true);
    const outcome = await sendVisitDraft(draft, checked.body);
    setSending(false);
    if (outcome.kind === 'sent') setSent(outcome.result);
    else if (outcome.kind === 'invalid') {
      setDraft(outcome.draft);
      setErrors(outcome.errors);
      setFormError(outcome.message);
    } else setDraft(outcome.draft);
  };

  const resend = async () => {
    if (!draft.body) return;
    setSending(true);
    const outcome = await sendVisitDraft(draft, draft.body);
    setSending(false);
    if (outcome.kind === 'sent') setSent(outcome.result);
    else setDraft(outcome.draft);
  };

  const discard = async () => {
    const { confirm } = await Taro.showModal({ title: '删除这条走访记录？', content: '删除后无法恢复，服务器没有这条记录。', confirmText: '删除', cancelText: '保留' });
    if (!confirm) return;
    dropVisitDraft(draft.accountId, draft.draftId);
    void Taro.navigateBack().catch(() => Taro.redirectTo({ url: VISIT_WORKLIST_PAGE }));
  };

  const locate = async () => {
    setLocating(true);
    try {
      update({ point: await currentPoint() });
    } catch {
      setErrors((current) => ({ ...current, point: '未能获取位置，请检查定位权限；位置可不填' }));
    } finally {
      setLocating(false);
    }
  };

  const header = (
    <View className='visit-card'>
      <Text className='visit-card__title'>{`${draft.person.name} · ${draft.person.categoryName}`}</Text>
      <Text className='visit-card__text'>{`${draft.person.compoundName} · 当前风险：${riskShort[draft.person.risk]}`}</Text>
    </View>
  );

  if (draft.status !== 'editing') {
    return (
      <PageShell className='record-page'>
        {header}
        <View className='visit-card record-page__waiting' role='status'>
          <Text className='visit-card__title'>{draft.status === 'queued' ? '已保存在本机，等待发送' : '服务器未接受这条走访记录'}</Text>
          <Text className='visit-card__text'>{draft.status === 'queued' ? `联网后点“立即发送”；重复发送只会记录一次。${draft.lastError ? `上次：${draft.lastError}` : ''}` : (draft.lastError ?? '')}</Text>
          <Text className='visit-card__text'>{`走访时间：${formatDateTime(draft.visitedAt)}`}</Text>
          {draft.status === 'queued' ? (
            <Button type='primary' block loading={sending} disabled={sending} onClick={() => void resend()}>
              立即发送
            </Button>
          ) : null}
          <Button block fill='outline' type='danger' onClick={() => void discard()}>
            删除这条记录
          </Button>
        </View>
      </PageShell>
    );
  }

  const now = new Date();
  return (
    <PageShell className='record-page'>
      {header}
      <View className='visit-card'>
        <View className='record-field'>
          <Text className='record-field__label'>走访时间</Text>
          <View className='record-picker' role='button' ariaLabel='修改走访时间' onClick={() => setPicking(true)}>
            <Text>{formatDateTime(draft.visitedAt)}</Text>
            <Text className='record-picker__arrow'>›</Text>
          </View>
          {errors.visitedAt ? <Text className='visit-error'>{errors.visitedAt}</Text> : null}
        </View>
        <View className='record-field' role='group' ariaLabel='走访方式'>
          <Text className='record-field__label'>走访方式</Text>
          <Radio.Group value={draft.method} direction='horizontal' onChange={(method) => update({ method: method as VisitMethod, ...(method === 'in_person' ? {} : { point: undefined }) }, ['method', 'point'])}>
            {visitMethods.map((method) => (
              <Radio key={method} value={method}>
                {visitMethodLabels[method]}
              </Radio>
            ))}
          </Radio.Group>
        </View>
        <View className='record-field' role='group' ariaLabel='是否见到本人'>
          <Text className='record-field__label'>是否见到本人</Text>
          <Radio.Group value={draft.met ? 'yes' : 'no'} direction='horizontal' onChange={(met) => update({ met: met === 'yes' })}>
            <Radio value='yes'>见到</Radio>
            <Radio value='no'>未见到</Radio>
          </Radio.Group>
        </View>
        <View className='record-field' role='group' ariaLabel='同行人员'>
          <Text className='record-field__label'>
            同行人员<Text className='record-field__optional'>（选填，本网格网格员、网格长）</Text>
          </Text>
          <Picker mode='selector' range={companionChoices.map((choice) => choice.label)} onChange={(event) => {
            const chosen = companionChoices[Number(event.detail.value)];
            update({ companion: chosen?.id ? { id: chosen.id, name: chosen.name } : undefined }, ['companionId']);
          }}>
            <View className='record-picker' role='button' ariaLabel='选择同行人员'>
              <Text>{draft.companion?.name ?? '无（独自走访）'}</Text>
              <Text className='record-picker__arrow'>›</Text>
            </View>
          </Picker>
          {team && team.length === 0 ? <Text className='visit-card__text'>未取得本网格其他人员名单（无网络或网格仅您一人）</Text> : null}
          {errors.companionId ? <Text className='visit-error'>{errors.companionId}</Text> : null}
        </View>
      </View>

      <View className='visit-card'>
        <Text className='visit-card__title'>{`${category.name}走访事项`}</Text>
        {category.questions.map((question) => (
          <QuestionField key={question.key} question={question} value={draft.answers[question.key]} error={errors[`answers.${question.key}`]} onChange={(value) => answer(question.key, value)} />
        ))}
        <View className='record-field' role='group' ariaLabel='走访情况'>
          <Text className='record-field__label'>
            走访情况<Text className='record-field__optional'>（选填，加密保存）</Text>
          </Text>
          <View className='record-textarea'>
            <TextArea value={draft.findings} onChange={(findings) => update({ findings })} maxLength={1000} showCount rows={3} autoSize placeholder='看到了什么、说了什么、还需要什么帮助' aria-label='走访情况' />
          </View>
          {errors.findings ? <Text className='visit-error'>{errors.findings}</Text> : null}
        </View>
        {draft.method === 'in_person' ? (
          <View className='record-field'>
            <Text className='record-field__label'>
              门口位置<Text className='record-field__optional'>（选填，只记录一个点）</Text>
            </Text>
            {draft.point ? (
              <View className='record-point'>
                <Text>{`已记录 ${draft.point.lng.toFixed(5)}, ${draft.point.lat.toFixed(5)}`}</Text>
                <Button size='small' fill='none' onClick={() => update({ point: undefined })}>
                  清除
                </Button>
              </View>
            ) : (
              <Button size='small' fill='outline' loading={locating} disabled={locating} onClick={() => void locate()}>
                记录当前位置
              </Button>
            )}
            {errors.point ? <Text className='visit-error'>{errors.point}</Text> : null}
          </View>
        ) : null}
        <View className='record-field' role='group' ariaLabel='走访后风险等级'>
          <Text className='record-field__label'>走访后风险等级</Text>
          <Radio.Group value={draft.nextRisk} direction='horizontal' onChange={(risk) => update({ nextRisk: risk as RiskLevel })}>
            {riskLevels.map((risk) => (
              <Radio key={risk} value={risk}>
                {riskLabels[risk]}
              </Radio>
            ))}
          </Radio.Group>
        </View>
      </View>

      <View className='visit-card'>
        <View className='record-switch' role='group' ariaLabel='上报案件'>
          <View>
            <Text className='visit-card__title'>发现问题，上报案件</Text>
            <Text className='visit-card__text'>如扶手松动、楼道堆物：地点为所在小区，不含门牌</Text>
          </View>
          <Switch checked={draft.fileCase} aria-label='上报案件' onChange={(fileCase) => {
            update({ fileCase }, ['case']);
            if (fileCase) loadCatalog();
          }} />
        </View>
        {draft.fileCase ? (
          <View className='record-case'>
            <CategoryPicker catalog={catalog} value={draft.caseSubcategoryCode} onChange={(code) => update({ caseSubcategoryCode: code }, ['case.subcategoryCode'])} error={errors['case.subcategoryCode']} unavailableText={catalogError || '正在加载问题分类…'} />
            <View className='record-textarea'>
              <TextArea value={draft.caseDescription} onChange={(caseDescription) => update({ caseDescription }, ['case.description'])} maxLength={1000} rows={3} autoSize placeholder='问题是什么、需要谁来处理' aria-label='问题描述' />
            </View>
            {errors['case.description'] ? <Text className='visit-error'>{errors['case.description']}</Text> : null}
            <Text className='visit-card__text'>照片只在问题需要时拍摄，勿拍到人员面部和门牌；经工作人员审核后才可能公开</Text>
            <PhotoPicker value={photos} onChange={changePhotos} max={6} addLabel='拍照' error={errors['case.photos']} />
          </View>
        ) : null}
        <View className='record-switch' role='group' ariaLabel='通知主管部门'>
          <View>
            <Text className='visit-card__title'>通知主管部门</Text>
            <Text className='visit-card__text'>消息只说明需要跟进，不含人员姓名和类别</Text>
          </View>
          <Switch checked={draft.notifyDepartment} aria-label='通知主管部门' onChange={(notifyDepartment) => update({ notifyDepartment })} />
        </View>
      </View>

      <View className='record-page__submit'>
        {formError ? <Text className='visit-error'>{formError}</Text> : null}
        <Button type='primary' block loading={sending} disabled={sending} onClick={() => void submit()}>
          提交走访记录
        </Button>
        <Text className='visit-card__text'>{`草稿已保存在本机 ${formatDateTime(draft.savedAt)}`}</Text>
      </View>
      <DatePicker
        title='走访时间'
        type='datetime'
        visible={picking}
        startDate={new Date(now.getTime() - BACKDATE_DAYS * 86_400_000)}
        endDate={now}
        defaultValue={new Date(draft.visitedAt)}
        onClose={() => setPicking(false)}
        onConfirm={(_options, selected) => {
          const [year, month, day, hour, minute] = selected.map(Number);
          update({ visitedAt: new Date(year, month - 1, day, hour ?? 0, minute ?? 0).toISOString() });
        }}
      />
    </PageShell>
  );
}

/** What the server answered: the visit recorded, the case filed, the departments told. */
function SentCard({ result }: { result: RecordVisitResult }) {
  return (
    <PageShell className='record-page'>
      <View className='visit-card record-page__sent' role='status'>
        <Text className='visit-card__title'>{result.replayed ? '这条走访此前已记录' : '走访已记录'}</Text>
        <Text className='visit-card__text'>{`走访时间：${formatDateTime(result.visit.visitedAt)}，风险等级：${riskShort[result.visit.nextRisk]}`}</Text>
        {result.case ? <Text className='visit-card__text'>{`已上报案件 ${result.case.number}`}</Text> : null}
        {result.notified.length ? <Text className='visit-card__text'>{`已通知：${result.notified.map((unit) => unit.name).join('、')}`}</Text> : null}
        {result.visit.signOff && !result.visit.signOff.complete ? <Text className='visit-card__text'>发现危险情况，已请相关部门会签</Text> : null}
        <Button type='primary' block onClick={() => void Taro.redirectTo({ url: VISIT_WORKLIST_PAGE })}>
          返回走访待办
        </Button>
        {result.case ? (
          <Button block fill='outline' onClick={() => void Taro.navigateTo({ url: `/pages/case/index?id=${encodeURIComponent(result.case!.id)}` })}>
            查看案件
          </Button>
        ) : null}
      </View>
    </PageShell>
  );
}
