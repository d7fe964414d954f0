import { useCallback, useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow, usePullDownRefresh, useRouter, useUnload } from '@tarojs/taro';
import { Button, ImagePreview, Skeleton, Tag, TextArea, Toast } from '@nutui/nutui-react-taro';
import { pollCommentSchema } from '../../../shared/api/polls';
import { ListFooter } from '../../components/list-footer';
import { PageShell, usePreferences } from '../../components/page-shell';
import { PollBallot } from '../../components/poll-ballot';
import { phaseClock, phaseTag, votesPerLabel, windowText } from '../../components/poll-phase';
import { PollReceiptCheck } from '../../components/poll-receipt-check';
import { PollResults } from '../../components/poll-results';
import { CasePhoto } from '../../components/timeline.photo';
import { ApiError, messageOf } from '../../services/http';
import { photoSource } from '../../services/photos';
import { getPoll, getPollResults, listPollComments, postPollComment, type PollCommentView, type PollView } from '../../services/polls';
import { formatDateTime, formatTime } from '../../utils/format';
import { loginUrl } from '../../pages/login/redirect';
import { openPage } from '../../pages/login/navigate';
import { usePagedList } from '../use-paged-list';
import './index.scss';

const TOAST_ID = 'poll-toast';
/** Live results move as ballots are counted (within minutes): read again while the page shows. */
const LIVE_RESULTS_EVERY_MS = 20_000;

/**
 * One poll: what is asked and why, the vote (or why not), the receipt check, the results when
 * they may be shown, the decision and the cases it became, and the comments. Without signing in
 * it is the public results page of an ended poll that allows it.
 */
export default function PollPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const { elder } = usePreferences();
  const [poll, setPoll] = useState<PollView>();
  const [error, setError] = useState<{ message: string; signIn: boolean }>();
  const [now, setNow] = useState(() => new Date());
  const [preview, setPreview] = useState<{ urls: string[]; index: number }>();
  const [watching, setWatching] = useState(false);
  /** The receipt just received: the check below starts with it (it is shown this once and kept nowhere). */
  const [receipt, setReceipt] = useState('');

  const load = useCallback(async () => {
    if (!id) {
      setError({ message: '没有指定要查看的议题', signIn: false });
      return;
    }
    try {
      setPoll(await getPoll(id));
      setNow(new Date());
      setError(undefined);
    } catch (caught) {
      const status = caught instanceof ApiError ? caught.status : 0;
      setError({ message: status === 401 ? '登录并认证房屋后可查看本小区议题' : messageOf(caught), signIn: status === 401 });
    }
  }, [id]);

  useDidShow(() => {
    setWatching(true);
    void load();
  });
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));
  useDidHide(() => setWatching(false));
  useUnload(() => setWatching(false));

  const live = watching && poll?.phase === 'voting' && poll.results !== null;
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => {
      getPollResults(id).then(
        (results) => setPoll((current) => (current ? { ...current, results } : current)),
        () => undefined,
      );
    }, LIVE_RESULTS_EVERY_MS);
    return () => clearInterval(timer);
  }, [live, id]);

  if (!poll) {
    return (
      <PageShell className='poll-page'>
        {error ? (
          <View className='poll-page__failed'>
            <Text>{error.message}</Text>
            {error.signIn ? (
              <Button type='primary' onClick={() => openPage(loginUrl(`/community/poll/index?id=${id}`))}>
                去登录
              </Button>
            ) : (
              <Button type='primary' fill='outline' onClick={() => void load()}>
                重试
              </Button>
            )}
          </View>
        ) : (
          <View className='poll-page__card'>
            <Skeleton rows={6} animated />
          </View>
        )}
      </PageShell>
    );
  }

  const tag = phaseTag(poll.phase);
  const clock = phaseClock(poll.phase, poll.opensAt, poll.closesAt, now);
  const showPhotos = (index: number) => void Promise.all(poll.photos.map((photo) => photoSource(photo.url))).then((urls) => setPreview({ urls, index }));

  return (
    <PageShell className={`poll-page ${elder ? 'poll-page--elder' : ''}`}>
      <View className='poll-page__card poll-page__head'>
        <View className='poll-page__tags'>
          <Tag type={tag.tone}>{tag.label}</Tag>
          {poll.me?.voted && (
            <Tag type='success' plain>
              已投票
            </Tag>
          )}
          {clock && <Text className='poll-page__clock'>{clock}</Text>}
        </View>
        <Text className='poll-page__title'>{poll.title}</Text>
        <Row label='投票时间' value={windowText(poll.opensAt, poll.closesAt)} />
        <Row label='投票范围' value={`${poll.scopeLabel} · ${votesPerLabel(poll.votesPer)}`} />
        {!elder && <Row label='发起' value={poll.author.unit && poll.author.unit.name !== poll.author.name ? `${poll.author.unit.name} ${poll.author.name}` : poll.author.name} />}
        {!elder && <Row label='已投' value={`${poll.votes}${poll.votesPer === 'household' ? '户' : '人'}`} />}
        {poll.phase === 'cancelled' && poll.cancelReason && <Text className='poll-page__warn'>议题已取消：{poll.cancelReason}</Text>}
        {poll.me?.canManage && (
          <Button type='primary' fill='outline' size='small' onClick={() => openPage(`/staff/poll-manage/index?id=${encodeURIComponent(poll.id)}`)}>
            管理议题
          </Button>
        )}
      </View>

      <Section title='背景说明'>
        <Text className='poll-page__text'>{poll.background}</Text>
        {poll.photos.length > 0 && (
          <View className='poll-page__photos'>
            {poll.photos.map((photo, index) => (
              <CasePhoto key={photo.id} path={photo.thumbnailUrl} className='poll-page__photo' label={`查看背景照片${index + 1}`} onClick={() => showPhotos(index)} />
            ))}
          </View>
        )}
      </Section>

      {poll.me ? (
        <Section title={poll.me.voted || receipt ? '我的投票' : '参与投票'}>
          <PollBallot
            poll={poll}
            elder={elder}
            onCast={(code) => {
              setReceipt(code);
              void load();
            }}
          />
        </Section>
      ) : (
        poll.phase === 'voting' && (
          <Section title='参与投票'>
            <Text className='poll-page__weak'>登录并认证房屋后可参与投票</Text>
            <Button type='primary' onClick={() => openPage(loginUrl(`/community/poll/index?id=${id}`))}>
              登录投票
            </Button>
          </Section>
        )
      )}

      {poll.me?.voted && (
        <Section title='查验我的选票'>
          <PollReceiptCheck key={receipt} pollId={poll.id} questions={poll.questions} initial={receipt} />
        </Section>
      )}

      {poll.results ? (
        <Section title={poll.results.final ? '投票结果' : '实时结果'}>
          <PollResults poll={poll} results={poll.results} />
        </Section>
      ) : (
        poll.phase !== 'cancelled' && (
          <Section title='投票结果'>
            <Text className='poll-page__weak'>{poll.resultsVisibility === 'after_close' ? '结果将在投票结束后公布' : '结果暂不可见'}</Text>
          </Section>
        )
      )}

      {poll.decision && (
        <Section title='决定'>
          <Text className='poll-page__decision'>{poll.decision.decision}</Text>
          {poll.decision.meeting && (
            <Row label='议事会' value={`${formatDateTime(poll.decision.meeting.heldAt)} · ${poll.decision.meeting.place} · 到会${poll.decision.meeting.attendance}人`} />
          )}
          {poll.decision.minutes && !elder && <Text className='poll-page__text'>{poll.decision.minutes}</Text>}
          <Text className='poll-page__weak'>{formatDateTime(poll.decision.decidedAt)} 记录</Text>
          {poll.decision.cases.length > 0 && (
            <View className='poll-page__cases'>
              <Text className='poll-page__weak'>由此立案办理：</Text>
              {poll.decision.cases.map((item) => (
                <View key={item.id} className='poll-page__case' role='button' ariaLabel={`查看诉求 ${item.title}`} onClick={() => openPage(`/pages/case/index?id=${encodeURIComponent(item.id)}`)}>
                  <Text className='poll-page__case-title'>{item.title}</Text>
                  <Text className='poll-page__case-meta'>
                    {item.number} · {item.status} ›
                  </Text>
                </View>
              ))}
            </View>
          )}
        </Section>
      )}

      {!elder && poll.me && <Comments poll={poll} now={now} />}

      <ImagePreview visible={preview !== undefined} images={(preview?.urls ?? []).map((src) => ({ src }))} defaultValue={preview?.index ?? 0} closeOnContentClick onClose={() => setPreview(undefined)} />
      <Toast id={TOAST_ID} />
    </PageShell>
  );
}

function Comments({ poll, now }: { poll: PollView; now: Date }) {
  const comments = usePagedList<PollCommentView>((cursor) => listPollComments(poll.id, { limit: 20, cursor }));
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const [sending, setSending] = useState(false);

  useEffect(() => {
    void comments.reload();
    // The comments of this poll, once; a post reloads them.
  }, [poll.id]);

  const post = async () => {
    const parsed = pollCommentSchema.safeParse({ text });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '请填写留言');
      return;
    }
    setSending(true);
    setError('');
    try {
      await postPollComment(poll.id, parsed.data.text);
      setText('');
      Toast.show(TOAST_ID, { content: '已发表', icon: 'success', duration: 1 });
      await comments.reload();
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setSending(false);
    }
  };

  return (
    <Section title='留言'>
      {poll.me?.canComment && (
        <View className='poll-page__post'>
          <TextArea value={text} onChange={(value) => setText(value)} placeholder='说说您的看法（2–500字），所有住户可见' maxLength={500} showCount rows={3} className='poll-page__textarea' />
          {error && (
            <View className='poll-page__error' role='alert'>
              {error}
            </View>
          )}
          <Button type='primary' size='small' loading={sending} disabled={sending} onClick={() => void post()}>
            发表留言
          </Button>
        </View>
      )}
      {comments.loaded && comments.items.length === 0 && !comments.error && <Text className='poll-page__weak'>还没有留言</Text>}
      {comments.items.map((comment) => (
        <View key={comment.id} className='poll-comment'>
          <View className='poll-comment__head'>
            <Text className='poll-comment__author'>
              {comment.author}
              {comment.mine ? '（我）' : ''}
            </Text>
            <Text className='poll-comment__time'>{formatTime(comment.at, now)}</Text>
          </View>
          {comment.hidden ? <Text className='poll-comment__hidden'>该留言已被隐藏：{comment.hidden.reason}</Text> : <Text className='poll-comment__text'>{comment.text}</Text>}
        </View>
      ))}
      <ListFooter error={comments.error || null} loadingMore={comments.loading && comments.loaded} hasItems={comments.items.length > 0} hasMore={comments.hasMore} onRetry={() => void comments.reload()} onMore={() => void comments.loadMore()} />
    </Section>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <View className='poll-page__card'>
      <Text className='poll-page__section-title'>{title}</Text>
      {children}
    </View>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className='poll-page__row'>
      <Text className='poll-page__row-label'>{label}</Text>
      <Text className='poll-page__row-value'>{value}</Text>
    </View>
  );
}
