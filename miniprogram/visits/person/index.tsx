import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Button, Skeleton, Tag } from '@nutui/nutui-react-taro';
import { archiveReasonLabels, restoreReasonLabels } from '../../../shared/api/visits';
import type { SensitivePersonField } from '../../../shared/policies/visits';
import { unitTypeLabels, type UnitType } from '../../../shared/domain/places';
import { riskLabels, visitMethodLabels } from '../../../shared/visits/types';
import { PageShell } from '../../components/page-shell';
import { messageOf } from '../../services/http';
import { currentAccount } from '../../services/session';
import { archiveVisitPerson, getPersonRecord, restoreVisitPerson, signVisitRecord, unmaskField, unmaskVisits, visitCategoriesFor, type PersonRecord, type VisitCategoryView, type VisitRecordView } from '../../services/visits';
import { formatDateTime } from '../../utils/format';
import { findVisitDraft } from '../draft-store';
import { dueLine, lastVisitLine, riskShort, riskColor } from '../labels';
import { canRegisterVisitPeople, canVisit, visitRecordPage } from '../../components/visit-roles';
import { ReasonForm } from './reason-form';
import { ChangeForm } from './change-form';
import { UnmaskPrompt } from '../unmask-prompt';
import { LoadFailed } from '../load-failed';
import './index.scss';

const fieldLabels: Record<SensitivePersonField, string> = { name: '姓名', idNumber: '身份证号', phone: '电话', address: '住址', notes: '备注' };

/**
 * 人员档案: the person masked, when the next visit is owed, and the last visits. Each field is
 * shown in clear only on 查看 with a reason; so are the visits' answers. A department signs here
 * the danger-finding visits its unit type must sign (会签).
 */
export default function VisitPerson() {
  const id = useRouter().params.id ?? '';
  const account = currentAccount();
  const [record, setRecord] = useState<PersonRecord>();
  const [category, setCategory] = useState<VisitCategoryView>();
  const [error, setError] = useState('');
  const [asking, setAsking] = useState<SensitivePersonField | 'visits'>();
  const [opened, setOpened] = useState<Partial<Record<SensitivePersonField, string>>>({});
  const [openedVisits, setOpenedVisits] = useState<VisitRecordView[]>();
  const [signing, setSigning] = useState('');
  const [signError, setSignError] = useState('');
  const [archiving, setArchiving] = useState(false);
  const [changing, setChanging] = useState(false);
  const now = new Date();

  const load = async () => {
    setError('');
    try {
      const answer = await getPersonRecord(id);
      setRecord(answer);
      if (account) {
        const categories = await visitCategoriesFor(account.id).catch(() => undefined);
        setCategory(categories?.categories.find((c) => c.code === answer.person.category.code));
      }
    } catch (caught) {
      setError(messageOf(caught));
    }
  };
  useDidShow(() => void load());

  if (error) return <LoadFailed className='visit-person-page' title='无法打开人员档案' message={error} onRetry={() => void load()} />;
  if (!record) {
    return (
      <PageShell className='visit-person-page'>
        <View className='visit-card'>
          <Skeleton rows={6} animated />
        </View>
      </PageShell>
    );
  }

  const { person } = record;
  const due = dueLine(person.schedule, now);
  const draft = account ? findVisitDraft(account.id, person.id) : undefined;
  const maySee = (field: SensitivePersonField) => field !== 'notes' || person.hasNotes;
  const shown: Record<SensitivePersonField, string> = { name: person.name, idNumber: person.idNumber, phone: person.phone ?? '未登记', address: person.address, notes: person.hasNotes ? '（已登记，已隐藏）' : '无' };
  const visits = openedVisits ?? record.visits;

  const reveal = async (field: SensitivePersonField | 'visits', reason: string) => {
    if (field === 'visits') setOpenedVisits((await unmaskVisits(person.id, reason)).value);
    else {
      const { value } = await unmaskField(person.id, field, reason);
      setOpened((current) => ({ ...current, [field]: value ?? '未登记' }));
    }
    setAsking(undefined);
  };

  const sign = async (visit: VisitRecordView) => {
    setSigning(visit.id);
    setSignError('');
    try {
      const signed = await signVisitRecord(visit.id);
      setRecord((current) => current && { ...current, visits: current.visits.map((v) => (v.id === signed.id ? { ...v, signOff: signed.signOff } : v)) });
    } catch (caught) {
      setSignError(messageOf(caught));
    } finally {
      setSigning('');
    }
  };

  return (
    <PageShell className='visit-person-page'>
      <View className={`visit-card visit-person-page__who visit-person-page__who--${person.risk}`}>
        <View className='visit-person-page__title'>
          <Tag background={riskColor[person.risk]}>{riskShort[person.risk]}</Tag>
          <Text className='visit-card__title'>{opened.name || person.name}</Text>
          <Text className='visit-card__text'>{person.category.name}</Text>
        </View>
        <Text className='visit-card__text'>{`${riskLabels[person.risk]} · ${person.compoundName}`}</Text>
        {person.status === 'archived' ? <Text className='visit-error'>已归档：不再走访，仅社区可查阅</Text> : null}
        {(Object.keys(fieldLabels) as SensitivePersonField[]).map((field) => (
          <View key={field} className='visit-field'>
            <Text className='visit-field__label'>{fieldLabels[field]}</Text>
            <Text className='visit-field__value'>{opened[field] || shown[field]}</Text>
            {maySee(field) && !opened[field] && (field !== 'phone' || person.phone) ? (
              <View className='visit-field__reveal' role='button' ariaLabel={`查看${fieldLabels[field]}`} onClick={() => setAsking(field)}>
                <Text>查看</Text>
              </View>
            ) : null}
          </View>
        ))}
        {asking && asking !== 'visits' ? <UnmaskPrompt what={fieldLabels[asking]} onConfirm={(reason) => reveal(asking, reason)} onCancel={() => setAsking(undefined)} /> : null}
      </View>

      <View className='visit-card'>
        <Text className='visit-card__title'>走访安排</Text>
        {person.status === 'archived' ? <Text className='visit-card__text'>已归档，不再安排走访</Text> : <Text className={`visit-person__due visit-person__due--${due.tone}`}>{due.text}</Text>}
        <Text className='visit-card__text'>{lastVisitLine(person.lastVisitAt, now)}</Text>
        {account && canRegisterVisitPeople(account.role) && person.status === 'active' && !archiving && !changing ? (
          <View className='visit-person-page__manage'>
            <View className='visit-field__reveal' role='button' ariaLabel='登记变化' onClick={() => setChanging(true)}>
              <Text>登记变化</Text>
            </View>
            <View className='visit-field__reveal' role='button' ariaLabel='归档' onClick={() => setArchiving(true)}>
              <Text>已不属于该类人群？归档</Text>
            </View>
          </View>
        ) : null}
        {changing ? (
          <ChangeForm
            person={person}
            onCancel={() => setChanging(false)}
            onChanged={(changed) => {
              setChanging(false);
              setRecord((current) => current && { ...current, person: changed });
            }}
          />
        ) : null}
        {archiving && person.status === 'active' ? (
          <ReasonForm
            title='归档（已不属于该类人群）'
            hint='归档后不再提醒走访，仅社区可查阅；保存期满后个人信息将被清除。'
            reasons={archiveReasonLabels}
            confirmText='确认归档'
            danger
            onCancel={() => setArchiving(false)}
            onConfirm={async (reason) => {
              const archived = await archiveVisitPerson(person.id, { version: person.version, reason, leftAt: new Date().toISOString() });
              setArchiving(false);
              setRecord((current) => current && { ...current, person: archived });
            }}
          />
        ) : null}
        {person.status === 'archived' && account?.role === 'community' && !archiving ? (
          <View className='visit-field__reveal' role='button' ariaLabel='恢复' onClick={() => setArchiving(true)}>
            <Text>恢复到名册</Text>
          </View>
        ) : null}
        {person.status === 'archived' && archiving ? (
          <ReasonForm
            title='恢复到名册'
            hint='恢复后重新进入名册和待走访，须尽快走访。'
            reasons={restoreReasonLabels}
            confirmText='确认恢复'
            onCancel={() => setArchiving(false)}
            onConfirm={async (reason) => {
              const restored = await restoreVisitPerson(person.id, { version: person.version, reason });
              setArchiving(false);
              setRecord((current) => current && { ...current, person: restored });
            }}
          />
        ) : null}
        {account && canVisit(account.role) && person.status === 'active' ? (
          <Button type='primary' block onClick={() => void Taro.navigateTo({ url: visitRecordPage(person.id) })}>
            {draft ? (draft.status === 'editing' ? '继续填写走访记录' : '查看未发送的走访') : '记录走访'}
          </Button>
        ) : null}
      </View>

      <View className='visit-card'>
        <View className='visit-person-page__visits-head'>
          <Text className='visit-card__title'>最近走访</Text>
          {record.visits.length > 0 && !openedVisits ? (
            <View className='visit-field__reveal' role='button' ariaLabel='查看走访内容' onClick={() => setAsking('visits')}>
              <Text>查看走访内容</Text>
            </View>
          ) : null}
        </View>
        {asking === 'visits' ? <UnmaskPrompt what='走访内容' onConfirm={(reason) => reveal('visits', reason)} onCancel={() => setAsking(undefined)} /> : null}
        {visits.length === 0 ? <Text className='visit-card__text'>还没有走访记录</Text> : null}
        {visits.map((visit) => (
          <VisitEntry key={visit.id} visit={visit} category={category} department={account?.role === 'department'} signing={signing === visit.id} onSign={() => void sign(visit)} />
        ))}
        {signError ? <Text className='visit-error'>{signError}</Text> : null}
      </View>
      <Text className='visit-person-page__privacy'>本页的每次查看都已记入审计。请勿截屏或转发。</Text>
    </PageShell>
  );
}

function answerText(value: string | number | boolean): string {
  return typeof value === 'boolean' ? (value ? '是' : '否') : String(value);
}

/** One visit: when, how, whether the person was met, the risk level after; its content once opened. */
function VisitEntry({ visit, category, department, signing, onSign }: { visit: VisitRecordView; category: VisitCategoryView | undefined; department: boolean; signing: boolean; onSign: () => void }) {
  const signOff = visit.signOff;
  const unsigned = signOff ? signOff.required.filter((type) => !signOff.signed.some((s) => s.unitType === type)) : [];
  const label = (key: string) => category?.questions.find((q) => q.key === key)?.label ?? key;
  return (
    <View className='visit-entry'>
      <Text className='visit-entry__when'>{`${formatDateTime(visit.visitedAt)} · ${visitMethodLabels[visit.method]} · ${visit.met ? '见到本人' : '未见到本人'}`}</Text>
      <Text className='visit-card__text'>{visit.riskBefore === visit.nextRisk ? `风险等级：${riskShort[visit.nextRisk]}` : `风险等级：${riskShort[visit.riskBefore]} → ${riskShort[visit.nextRisk]}`}</Text>
      {visit.caseId ? (
        <Text className='visit-entry__link' onClick={() => void Taro.navigateTo({ url: `/pages/case/index?id=${encodeURIComponent(visit.caseId!)}` })}>
          已上报案件，查看进度 ›
        </Text>
      ) : null}
      {visit.answers
        ? Object.entries(visit.answers).map(([key, value]) => <Text key={key} className='visit-entry__answer'>{`${label(key)}：${answerText(value)}`}</Text>)
        : null}
      {visit.findings ? <Text className='visit-entry__answer'>{`走访情况：${visit.findings}`}</Text> : null}
      {signOff ? (
        <Text className={signOff.complete ? 'visit-card__text' : 'visit-error'}>
          {signOff.complete ? '会签已完成' : `待会签：${unsigned.map((type) => unitTypeLabels[type as UnitType] ?? type).join('、')}`}
        </Text>
      ) : null}
      {department && signOff && !signOff.complete ? (
        <Button size='small' type='primary' loading={signing} disabled={signing} onClick={onSign}>
          会签
        </Button>
      ) : null}
    </View>
  );
}
