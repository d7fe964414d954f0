import { useCallback, useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow, useRouter, useUnload } from '@tarojs/taro';
import { Button, ImagePreview, Rate, Skeleton, Tag, Toast } from '@nutui/nutui-react-taro';
import type { CaseEventType } from '../../../shared/cases/events';
import { CaseActions } from '../../components/case-actions';
import { isVersionConflict, VERSION_CONFLICT_MESSAGE } from '../../components/case-actions.model';
import { PageShell, usePreferences } from '../../components/page-shell';
import { Timeline } from '../../components/timeline';
import { CasePhoto } from '../../components/timeline.photo';
import { lastSeq, mergeSteps } from '../../components/timeline.steps';
import { actOnCase, followCase, getCase, type CaseDetail, type TimelineStep } from '../../services/cases';
import { messageOf } from '../../services/http';
import { live } from '../../services/live';
import { photoSource } from '../../services/photos';
import { currentAccount } from '../../services/session';
import { formatDateTime, statusTone } from '../../utils/format';
import { clockLine } from './clocks';
import './index.scss';

const TOAST_ID = 'case-toast';
const toast = (content: string, icon: 'success' | 'fail' | 'warn' = 'fail') => Toast.show(TOAST_ID, { content, icon, duration: 2 });

type Photo = { id: string; url: string; thumbnailUrl: string };

/**
 * One case for whoever opens it: the public see the reviewed public view, the filer and staff the
 * full one. The timeline follows the live channel while the page shows; every step anyone takes
 * arrives here without a reload.
 */
export default function CaseDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const { elder } = usePreferences();
  const [detail, setDetail] = useState<CaseDetail>();
  const [steps, setSteps] = useState<TimelineStep[]>([]);
  const [error, setError] = useState('');
  const [readAt, setReadAt] = useState(Date.now());
  const [now, setNow] = useState(Date.now());
  const [preview, setPreview] = useState<{ urls: string[]; index: number }>();
  const shownVersion = useRef(0);
  const stopWatching = useRef<() => void>();
  const account = currentAccount();

  const load = useCallback(async () => {
    if (!id) {
      setError('没有指定要查看的诉求');
      return;
    }
    try {
      const fresh = await getCase(id);
      shownVersion.current = fresh.version;
      setDetail(fresh);
      setSteps((current) => mergeSteps(fresh.timeline, current.filter((step) => step.seq > lastSeq(fresh.timeline))));
      setReadAt(Date.now());
      setError('');
      return fresh;
    } catch (caught) {
      setError(messageOf(caught));
      return undefined;
    }
  }, [id]);

  const watch = useCallback(
    (after: number) => {
      stopWatching.current?.();
      stopWatching.current = live().watchCase(`case:${id}`, id, after, (update) => {
        setSteps((current) => mergeSteps(current, update.entries as unknown as TimelineStep[]));
        setDetail((current) => (current ? ({ ...current, status: update.status, statusLabel: update.statusLabel } as CaseDetail) : current));
        // A newer version changes what may be done next and the clocks: read those quietly, the timeline is already here.
        if (update.version > shownVersion.current) void load();
      });
    },
    [id, load],
  );

  useDidShow(() => {
    void load().then((fresh) => {
      if (fresh) watch(lastSeq(fresh.timeline));
    });
  });
  const unwatch = () => {
    stopWatching.current?.();
    stopWatching.current = undefined;
  };
  useDidHide(unwatch);
  useUnload(unwatch);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);

  const submit = async (type: CaseEventType, body: Record<string, unknown>) => {
    if (!detail) return;
    try {
      await actOnCase(id, type, body, detail.version);
    } catch (caught) {
      if (!isVersionConflict(caught)) throw caught;
      await load();
      toast(VERSION_CONFLICT_MESSAGE, 'warn');
      return;
    }
    await load();
    toast('已提交', 'success');
  };

  const follow = async () => {
    await followCase(id);
    await load();
    toast('已关注，办理进展会通知你', 'success');
  };

  const showPhotos = (paths: string[], index: number) => void Promise.all(paths.map(photoSource)).then((urls) => setPreview({ urls, index }));

  if (!detail) {
    return (
      <PageShell className='case-page'>
        {error ? (
          <View className='case-page__failed'>
            <Text>{error}</Text>
            <Button type='primary' onClick={() => void load()}>
              重试
            </Button>
          </View>
        ) : (
          <View className='case-page__card'>
            <Skeleton rows={6} animated />
          </View>
        )}
      </PageShell>
    );
  }

  const full = detail.view === 'full' ? detail : undefined;
  const late = detail.statusGroup !== 'closed' && (detail.overdue || detail.caseOverdue);
  const clocks = detail.statusGroup === 'closed' ? [] : [clockLine(detail.clock ? `${detail.clock.stageLabel}时限` : '本环节', detail.clock, readAt, now), clockLine('办结时限', detail.caseClock, readAt, now)].filter((line) => line !== null);
  const assignment = detail.assignment;
  const cohandlers = assignment.cohandlers.filter((unit) => unit !== null);
  const beforePhotos: Photo[] = full ? full.photos : detail.publicPhotos;
  const afterPhotos: Photo[] = full?.resolution?.photos ?? [];

  return (
    <PageShell className={`case-page ${elder ? 'case-page--elder' : ''}`}>
      <View className='case-page__card case-page__head'>
        <View className='case-page__tags'>
          <Tag type={statusTone(detail)}>{detail.statusLabel}</Tag>
          {late && <Tag type='danger'>已超时</Tag>}
          {detail.supervised && (
            <Tag type='warning' plain>
              督办
            </Tag>
          )}
          {!elder && (
            <Tag type='default' plain>
              {detail.priorityLabel}
            </Tag>
          )}
          <Text className='case-page__number'>{detail.number}</Text>
        </View>
        <Text className='case-page__title'>{detail.title}</Text>
        <Text className='case-page__meta'>
          {detail.category.name} / {detail.subcategory.name}
        </Text>
        <Text className='case-page__meta'>{detail.address}</Text>
        {clocks.length > 0 && (
          <View className='case-page__clocks'>
            {clocks.map((line) => (
              <View key={line.label} className='case-page__clock'>
                <Text className='case-page__clock-label'>{line.label}</Text>
                <Text className={`case-page__clock-value ${line.late ? 'case-page__clock-value--late' : ''}`}>{line.text}</Text>
                {line.deadline && !elder && <Text className='case-page__clock-deadline'>截止 {line.deadline}</Text>}
              </View>
            ))}
          </View>
        )}
      </View>

      <View className='case-page__card'>
        <Row label='承办单位' value={assignment.leadUnit?.name ?? detail.leadUnit?.name ?? '待派单'} />
        {cohandlers.length > 0 && <Row label='协办单位' value={cohandlers.map((unit) => unit.name).join('、')} />}
        <Row label='上报时间' value={formatDateTime(detail.filedAt)} />
        {full && <Row label='上报人' value={full.reporter.isYou ? '我' : `${full.reporter.name}${full.reporter.phone ? ` ${full.reporter.phone}` : ''}`} />}
        {full?.suspension && <Row label='挂起' value={`${full.suspension.reason}（至 ${formatDateTime(full.suspension.until)}）`} />}
        {detail.closingStandard && !elder && <Row label='结案标准' value={detail.closingStandard} />}
      </View>

      {(full || beforePhotos.length > 0) && (
        <Section title='问题描述'>
          {full && <Text className='case-page__text'>{full.description}</Text>}
          <Photos photos={beforePhotos} label='问题照片' onPreview={showPhotos} />
        </Section>
      )}

      {detail.resolution && (
        <Section title='处置结果'>
          {detail.resolution.note && <Text className='case-page__text'>{detail.resolution.note}</Text>}
          <Photos photos={afterPhotos} label='处置后照片' onPreview={showPhotos} />
          <Text className='case-page__weak'>{formatDateTime(detail.resolution.at)} 回单</Text>
        </Section>
      )}

      {full?.rating && (
        <Section title='居民评价'>
          <View className='case-page__rating'>
            <Text>{{ yes: '已解决', partly: '部分解决', no: '未解决' }[full.rating.resolved]}</Text>
            <Rate value={full.rating.satisfaction} readOnly aria-label={`满意度${full.rating.satisfaction}星`} />
          </View>
          {full.rating.comment && <Text className='case-page__text'>{full.rating.comment}</Text>}
        </Section>
      )}

      {detail.origin && (
        <Section title='来自议事协商'>
          <View
            className='case-page__text case-page__origin'
            role='link'
            ariaLabel={`查看议题：${detail.origin.title}`}
            onClick={() => Taro.navigateTo({ url: `/community/poll/index?id=${detail.origin!.id}` })}
          >
            <Text>本案件执行议题「{detail.origin.title}」的决定，点此查看投票结果 ›</Text>
          </View>
        </Section>
      )}

      {detail.publicSummary && (
        <Section title='公开摘要'>
          <Text className='case-page__text'>{detail.publicSummary}</Text>
        </Section>
      )}

      <CaseActions detail={detail} viewerRole={account?.role} onSubmit={submit} onFollow={follow} />

      <Section title='办理进度'>
        <Timeline steps={steps} onPreview={showPhotos} />
      </Section>

      {full?.publicPreview && !elder && (
        <Section title='公开后他人将看到…'>
          <Text className='case-page__weak'>{full.publicPreview.notice}</Text>
          {full.publicPreview.shown.map((line) => (
            <Row key={line.label} label={line.label} value={line.value} />
          ))}
          {full.publicPreview.hiddenFromPublic.length > 0 && <Text className='case-page__weak'>不公开：{full.publicPreview.hiddenFromPublic.join('、')}</Text>}
          {full.publicPreview.personalDataFound.length > 0 && <Text className='case-page__warn'>描述中的{full.publicPreview.personalDataFound.join('、')}会被打码</Text>}
        </Section>
      )}

      {detail.view === 'public' && !account && (
        <View className='case-page__signin'>
          <Button fill='outline' type='primary' onClick={() => void Taro.navigateTo({ url: `/pages/login/index?redirect=${encodeURIComponent(`/pages/case/index?id=${id}`)}` })}>
            登录后关注进展
          </Button>
        </View>
      )}

      <ImagePreview
        visible={preview !== undefined}
        images={(preview?.urls ?? []).map((src) => ({ src }))}
        defaultValue={preview?.index ?? 0}
        closeOnContentClick
        onClose={() => setPreview(undefined)}
      />
      <Toast id={TOAST_ID} />
    </PageShell>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <View className='case-page__card'>
      <Text className='case-page__section-title'>{title}</Text>
      {children}
    </View>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className='case-page__row'>
      <Text className='case-page__row-label'>{label}</Text>
      <Text className='case-page__row-value'>{value}</Text>
    </View>
  );
}

function Photos({ photos, label, onPreview }: { photos: Photo[]; label: string; onPreview: (urls: string[], index: number) => void }) {
  if (photos.length === 0) return null;
  const urls = photos.map((photo) => photo.url);
  return (
    <View className='case-page__photos'>
      {photos.map((photo, index) => (
        <CasePhoto key={photo.id} path={photo.thumbnailUrl} className='case-page__photo' label={`查看${label}${index + 1}`} onClick={() => onPreview(urls, index)} />
      ))}
    </View>
  );
}
