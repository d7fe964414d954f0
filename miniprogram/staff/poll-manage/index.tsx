import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button, Dialog, Popup, Skeleton, Tag, TextArea } from '@nutui/nutui-react-taro';
import { pollPhaseLabels } from '../../../shared/api/polls';
import { EmptyState } from '../../components/empty-state';
import { ListFooter } from '../../components/list-footer';
import { PageShell } from '../../components/page-shell';
import { passRuleLabel, staffConflictMessage } from '../../components/poll-editor.model';
import { PollResults } from '../../components/poll-results';
import { messageOf } from '../../services/http';
import { saveResultsCsv } from '../../services/poll-admin';
import { cancelPoll, closePoll, getPoll, hidePollComment, listPollComments, listPollVoters, openPoll, type PollCommentView, type PollView } from '../../services/polls';
import { formatDateTime } from '../../utils/format';
import { phaseTone } from '../polls/phase-tone';
import { usePagedList } from '../polls/use-paged';
import { manageActions, manageActionLabels, type ManageAction } from './actions';
import { DecisionCaseForm } from './case-form';
import { DecisionForm } from './decision-form';
import './index.scss';

type Loaded = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; poll: PollView };
type Asking = { action: 'open' | 'close' } | { action: 'cancel' } | { action: 'hide'; comment: PollCommentView } | null;

/**
 * One poll for those who manage it: where it stands, who has voted (never what), the buttons its
 * phase allows (each sent with the version shown), the results and their CSV, the decision and
 * the case it became, and the comments to moderate.
 */
export default function PollManage() {
  const id = useRouter().params.id ?? '';
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [asking, setAsking] = useState<Asking>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');
  const [filingCase, setFilingCase] = useState(false);
  const [filed, setFiled] = useState<{ caseId: string; number: string } | null>(null);
  // NutUI's Dialog may call the handlers of an earlier render: they read what is typed now from here.
  const latest = useRef({ asking, reason });
  latest.current = { asking, reason };

  const load = async () => {
    try {
      setLoaded({ state: 'ready', poll: await getPoll(id) });
    } catch (error) {
      setLoaded((current) => (current.state === 'ready' ? current : { state: 'failed', message: messageOf(error) }));
      if (loaded.state === 'ready') setNotice(messageOf(error));
    }
  };
  useDidShow(() => void load());
  usePullDownRefresh(() => load().finally(() => void Taro.stopPullDownRefresh()));

  const poll = loaded.state === 'ready' ? loaded.poll : undefined;
  // Who voted is for those who run the poll only.
  const voters = usePagedList(`${id}:${poll?.votes ?? 0}`, (cursor) => listPollVoters(id, { limit: 20, ...(cursor ? { cursor } : {}) }), { enabled: Boolean(poll && poll.phase !== 'draft' && poll.me?.canManage), pageEvents: false });
  const comments = usePagedList(id, (cursor) => listPollComments(id, { limit: 20, ...(cursor ? { cursor } : {}) }), { enabled: Boolean(poll && poll.phase !== 'draft'), pageEvents: false });
  useEffect(() => {
    if (poll && poll.phase !== 'draft') {
      if (poll.me?.canManage) void voters.reload();
      void comments.reload();
    }
  }, [poll?.phase]);

  if (loaded.state === 'loading') {
    return (
      <PageShell className='manage-page'>
        <View className='manage-card'>
          <Skeleton rows={5} animated />
        </View>
      </PageShell>
    );
  }
  if (loaded.state === 'failed' || !poll) {
    return (
      <PageShell className='manage-page'>
        <EmptyState title='议题打不开' description={loaded.state === 'failed' ? loaded.message : ''}>
          <Button type='primary' size='small' onClick={() => void load()}>
            重新加载
          </Button>
        </EmptyState>
      </PageShell>
    );
  }

  const actions = manageActions(poll);
  const manages = poll.me?.canManage ?? false;
  const closeAsking = () => {
    setAsking(null);
    setReason('');
    setReasonError('');
  };

  /** Sends one step with the version shown; a conflict explains itself and shows the poll as it now is. */
  const act = async (step: () => Promise<PollView>, done: string) => {
    setBusy(true);
    setNotice('');
    try {
      setLoaded({ state: 'ready', poll: await step() });
      closeAsking();
      void Taro.showToast({ title: done, icon: 'success' });
    } catch (error) {
      const conflict = staffConflictMessage(error);
      closeAsking();
      setNotice(conflict ?? messageOf(error));
      if (conflict) void load();
    } finally {
      setBusy(false);
    }
  };

  const press = (action: ManageAction) => {
    if (action === 'edit') void Taro.navigateTo({ url: `/staff/poll-edit/index?id=${encodeURIComponent(poll.id)}` });
    else if (action === 'open' || action === 'close') setAsking({ action });
    else if (action === 'cancel') setAsking({ action: 'cancel' });
    else if (action === 'decide') void Taro.pageScrollTo({ selector: '#decision', duration: 200 }).catch(() => undefined);
    else if (action === 'file_case') setFilingCase(true);
  };

  /** Rejects while the reason is missing or refused, which keeps the dialog open (NutUI closes it when this resolves). */
  const confirmReason = async () => {
    const { asking: current, reason: typed } = latest.current;
    if (typed.trim().length < 2) {
      setReasonError(current?.action === 'hide' ? '请填写隐藏原因（至少2个字）' : '请填写取消原因（至少2个字）');
      throw new Error('reason required');
    }
    if (current?.action === 'cancel') await act(() => cancelPoll(poll.id, poll.version, typed.trim()), '议题已取消');
    else if (current?.action === 'hide') {
      setBusy(true);
      try {
        const hidden = await hidePollComment(poll.id, current.comment.id, typed.trim());
        comments.replace(hidden, (a, b) => a.id === b.id);
        closeAsking();
      } catch (error) {
        setReasonError(messageOf(error));
        throw error;
      } finally {
        setBusy(false);
      }
    }
  };

  const exportCsv = async () => {
    try {
      await saveResultsCsv(poll.id, `议题结果-${poll.title.slice(0, 20)}.csv`);
    } catch (error) {
      void Taro.showToast({ title: messageOf(error), icon: 'none' });
    }
  };

  const passOption = poll.pass ? poll.questions[0]?.options.find((option) => option.id === poll.pass!.optionId) : undefined;
  const turnoutShare = poll.results && poll.results.eligible > 0 ? Math.round((poll.votes / poll.results.eligible) * 1000) / 10 : null;

  return (
    <PageShell className='manage-page'>
      {notice ? (
        <View className='manage-notice' role='alert'>
          <Text>{notice}</Text>
        </View>
      ) : null}

      <View className='manage-card'>
        <View className='manage-card__tags'>
          <Tag type={phaseTone[poll.phase]} plain={poll.phase === 'draft'}>
            {pollPhaseLabels[poll.phase]}
          </Tag>
          <Text className='manage-meta'>{poll.scopeLabel}</Text>
        </View>
        <Text className='manage-card__headline'>{poll.title}</Text>
        <Text className='manage-meta'>{`投票时间 ${formatDateTime(poll.opensAt)} 至 ${formatDateTime(poll.closesAt)}`}</Text>
        <Text className='manage-meta'>{`${poll.votesPer === 'household' ? '每户一票' : '每人一票'} · ${poll.resultsVisibility === 'live' ? '实时公布结果' : '结束后公布结果'}${poll.publicResults ? ' · 结果公开' : ''}`}</Text>
        {poll.quorum !== null || passOption ? (
          <Text className='manage-meta'>{[poll.quorum !== null ? `参与率不低于${Math.round(poll.quorum * 1000) / 10}%` : '', passOption && poll.pass ? `${passRuleLabel(passOption.text, poll.pass.threshold, poll.pass.rule)}即通过` : ''].filter(Boolean).join(' · ')}</Text>
        ) : null}
        <Text className='manage-meta'>{`发起：${poll.author.unit?.name ?? poll.author.name}`}</Text>
        {poll.cancelReason ? <Text className='manage-cancelled'>{`已取消：${poll.cancelReason}`}</Text> : null}
      </View>

      {actions.length > 0 ? (
        <View className='manage-actions' aria-label='可执行的操作'>
          {actions.map((action) => (
            <Button key={action} type={action === 'cancel' ? 'default' : 'primary'} fill={action === 'cancel' || action === 'edit' ? 'outline' : 'solid'} disabled={busy} onClick={() => press(action)}>
              {manageActionLabels[action]}
            </Button>
          ))}
        </View>
      ) : null}

      {poll.phase !== 'draft' ? (
        <View className='manage-card' aria-label='投票情况'>
          <Text className='manage-card__title'>投票情况</Text>
          <View className='manage-turnout'>
            <View className='manage-turnout__figure'>
              <Text className='manage-turnout__number'>{poll.votes}</Text>
              <Text className='manage-meta'>{poll.votesPer === 'household' ? '户已投票' : '人已投票'}</Text>
            </View>
            {poll.results ? (
              <View className='manage-turnout__figure'>
                <Text className='manage-turnout__number'>{poll.results.eligible}</Text>
                <Text className='manage-meta'>{poll.votesPer === 'household' ? '户可投票' : '人可投票'}</Text>
              </View>
            ) : null}
            {turnoutShare !== null ? (
              <View className='manage-turnout__figure'>
                <Text className='manage-turnout__number'>{`${turnoutShare}%`}</Text>
                <Text className='manage-meta'>参与率</Text>
              </View>
            ) : null}
          </View>
          <Text className='manage-hint'>只显示谁投了票，不显示投了什么：选票计入后与投票人无法对应。</Text>
          {manages ? (
            <>
              <Text className='manage-subtitle'>已投票名单</Text>
              {voters.loaded && voters.items.length === 0 ? <Text className='manage-hint'>还没有人投票</Text> : null}
              {voters.items.map((voter) => (
                <View key={`${voter.householdId}:${voter.name ?? ''}`} className='manage-voter'>
                  <Text>{`${voter.building} ${voter.unit}单元 ${voter.room}`}</Text>
                  <Text className='manage-meta'>{voter.name ?? '本户已投票'}</Text>
                </View>
              ))}
              <ListFooter error={voters.error || null} loadingMore={voters.loaded && voters.loading} hasItems={voters.items.length > 0} hasMore={voters.hasMore} onRetry={() => void voters.reload()} onMore={() => void voters.loadMore()} />
            </>
          ) : null}
        </View>
      ) : (
        <View className='manage-card'>
          <Text className='manage-card__title'>草稿</Text>
          <Text className='manage-hint'>{!manages ? '草稿需由社区（居委会）审核后发布。' : '发布后，范围内已认证的住户会收到通知，到开始时间即可投票。发布后问题和选项不能再修改。'}</Text>
        </View>
      )}

      {poll.results ? (
        <View className='manage-card' aria-label='投票结果'>
          <View className='manage-card__head'>
            <Text className='manage-card__title'>{poll.results.final ? '最终结果' : '当前结果'}</Text>
            <Button size='small' fill='outline' type='primary' onClick={() => void exportCsv()}>
              导出CSV
            </Button>
          </View>
          <PollResults poll={poll} results={poll.results} />
        </View>
      ) : poll.phase === 'voting' || poll.phase === 'scheduled' ? (
        <View className='manage-card'>
          <Text className='manage-card__title'>投票结果</Text>
          <Text className='manage-hint'>本议题设置为投票结束后公布结果。</Text>
        </View>
      ) : null}

      {poll.decision ? (
        <View className='manage-card' id='decision' aria-label='议事决定'>
          <Text className='manage-card__title'>议事决定</Text>
          <Text className='manage-body'>{poll.decision.decision}</Text>
          {poll.decision.minutes ? (
            <>
              <Text className='manage-subtitle'>会议纪要</Text>
              <Text className='manage-body'>{poll.decision.minutes}</Text>
            </>
          ) : null}
          {poll.decision.meeting ? <Text className='manage-meta'>{`${formatDateTime(poll.decision.meeting.heldAt)} · ${poll.decision.meeting.place} · 到会${poll.decision.meeting.attendance}人`}</Text> : null}
          <Text className='manage-meta'>{`记录于 ${formatDateTime(poll.decision.decidedAt)}`}</Text>
          {poll.decision.cases.length > 0 ? <Text className='manage-subtitle'>落实案件</Text> : null}
          {poll.decision.cases.map((linked) => (
            <View key={linked.id} className='manage-case' role='button' ariaLabel={`查看案件${linked.number}`} onClick={() => void Taro.navigateTo({ url: `/pages/case/index?id=${encodeURIComponent(linked.id)}` })}>
              <View>
                <Text className='manage-case__title'>{linked.title}</Text>
                <Text className='manage-meta'>{`编号 ${linked.number} · ${linked.status}`}</Text>
              </View>
              <Text className='manage-case__arrow'>›</Text>
            </View>
          ))}
        </View>
      ) : actions.includes('decide') ? (
        <View id='decision'>
          <DecisionForm poll={poll} onDecided={(decided) => setLoaded({ state: 'ready', poll: decided })} />
        </View>
      ) : null}

      <View className='manage-card' aria-label='议题内容'>
        <Text className='manage-card__title'>议题内容</Text>
        <Text className='manage-body'>{poll.background}</Text>
        {poll.questions.map((question, index) => (
          <View key={question.id} className='manage-question'>
            <Text className='manage-question__text'>{`${index + 1}. ${question.text}${question.kind === 'multiple' ? `（多选，最多${question.maxChoices}项）` : ''}`}</Text>
            <Text className='manage-meta'>{question.options.map((option) => option.text).join(' / ')}</Text>
          </View>
        ))}
      </View>

      {poll.phase !== 'draft' ? (
        <View className='manage-card' aria-label='居民留言'>
          <Text className='manage-card__title'>居民留言</Text>
          {comments.loaded && comments.items.length === 0 ? <Text className='manage-hint'>还没有留言</Text> : null}
          {comments.items.map((comment) => (
            <View key={comment.id} className={`manage-comment ${comment.hidden ? 'manage-comment--hidden' : ''}`}>
              <View className='manage-comment__head'>
                <Text className='manage-comment__author'>{comment.author}</Text>
                <Text className='manage-meta'>{formatDateTime(comment.at)}</Text>
              </View>
              {comment.text ? <Text className='manage-body'>{comment.text}</Text> : null}
              {comment.hidden ? (
                <Text className='manage-meta'>{`已隐藏：${comment.hidden.reason}`}</Text>
              ) : !manages ? null : (
                <View className='manage-comment__hide' role='button' ariaLabel={`隐藏${comment.author}的留言`} onClick={() => setAsking({ action: 'hide', comment })}>
                  <Text>隐藏</Text>
                </View>
              )}
            </View>
          ))}
          <ListFooter error={comments.error || null} loadingMore={comments.loaded && comments.loading} hasItems={comments.items.length > 0} hasMore={comments.hasMore} onRetry={() => void comments.reload()} onMore={() => void comments.loadMore()} />
        </View>
      ) : null}

      <Dialog
        visible={asking?.action === 'open' || asking?.action === 'close'}
        title={asking?.action === 'open' ? '发布议题' : '提前结束投票'}
        content={asking?.action === 'open' ? `发布后问题和选项将冻结、不能再修改，范围内住户会收到通知，${formatDateTime(poll.opensAt)}开始投票。` : '结束后不能再投票，结果将按已投的票计算。确定现在结束吗？'}
        confirmText={asking?.action === 'open' ? '确认发布' : '结束投票'}
        cancelText='再想想'
        onConfirm={() => (latest.current.asking?.action === 'open' ? act(() => openPoll(poll.id, poll.version), '已发布') : act(() => closePoll(poll.id, poll.version), '投票已结束'))}
        onCancel={closeAsking}
        onClose={closeAsking}
      />
      <Dialog
        visible={asking?.action === 'cancel' || asking?.action === 'hide'}
        title={asking?.action === 'hide' ? '隐藏留言' : '取消议题'}
        content={
          <View className='manage-reason'>
            <Text className='manage-hint'>{asking?.action === 'hide' ? '留言将对居民隐藏，并显示隐藏原因。' : '取消后不能再投票，已投的票不再统计。居民会看到取消原因。'}</Text>
            <TextArea value={reason} onChange={(text) => {
              setReason(text);
              setReasonError('');
            }} maxLength={200} rows={3} placeholder={asking?.action === 'hide' ? '隐藏原因，如：含有他人电话号码' : '取消原因，居民可见'} aria-label={asking?.action === 'hide' ? '隐藏原因' : '取消原因'} />
            {reasonError ? <Text className='manage-error'>{reasonError}</Text> : null}
          </View>
        }
        confirmText={asking?.action === 'hide' ? '隐藏' : '确认取消'}
        cancelText='返回'
        disableConfirmButton={busy}
        onConfirm={confirmReason}
        onCancel={closeAsking}
        onClose={closeAsking}
      />
      <Popup visible={filingCase} position='bottom' round closeable title='转为案件' onClose={() => setFilingCase(false)}>
        {filingCase ? (
          <DecisionCaseForm
            poll={poll}
            onFiled={(created) => {
              setFiled(created);
              setFilingCase(false);
              void load();
            }}
          />
        ) : null}
      </Popup>
      <Dialog
        visible={filed !== null}
        title='案件已提交'
        content={filed ? `案件编号 ${filed.number}，已关联到本议题，居民可在议题页跟踪进度。` : ''}
        confirmText='查看案件'
        cancelText='留在此页'
        onConfirm={() => {
          const caseId = filed?.caseId;
          setFiled(null);
          if (caseId) void Taro.navigateTo({ url: `/pages/case/index?id=${encodeURIComponent(caseId)}` });
        }}
        onCancel={() => setFiled(null)}
        onClose={() => setFiled(null)}
      />
    </PageShell>
  );
}
