import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { CaseCard } from '../../components/case-card';
import { GridTeamCard } from '../../components/grid-team';
import { PollCard } from '../../components/poll-card';
import { HOMES_PAGE, pollPageUrl, POLLS_PAGE } from '../../components/poll-phase';
import { PageShell, usePreferences } from '../../components/page-shell';
import { canReadStats, PUBLIC_FIGURES_PAGE, STATS_DASHBOARD_PAGE } from '../../components/stats-roles';
import { listCases, type CasePage, type CaseSummary } from '../../services/cases';
import { getPublicStats, type PublicStats } from '../../services/stats';
import { getHealth, isHealthy } from '../../services/health';
import { myGrids, myMemberships, type MyGrids } from '../../services/membership';
import { listPolls, type PollPage } from '../../services/polls';
import { getCompound } from '../../services/places';
import { currentAccount, isStaff, type Me } from '../../services/session';
import { formatRate } from '../../utils/format';
import { loginUrl } from '../login/redirect';
import { openPage } from '../login/navigate';
import { useUnreadCount } from '../messages/unread';
import { greeting, homeKind, pageCount, patrols, scopeLine } from './home-model';
import { loading, settle, type Remote } from './remote';
import { streetNames } from './street-names';
import './index.scss';

const REPORT = '/pages/report/index';
const MINE = '/pages/mine/index';
const INBOX = '/staff/inbox/index';
const PATROL = '/staff/patrol/index';

function openCase(item: CaseSummary) {
  void Taro.navigateTo({ url: `/pages/case/index?id=${encodeURIComponent(item.id)}` });
}

/** Where the resident lives, when her account names a compound: public cases are shown for her street. */
interface HomeStreet {
  code: string;
  name: string;
}

interface HomeData {
  service: Remote<boolean>;
  myOpen: Remote<CasePage> | null;
  publicCases: Remote<{ page: CasePage; street: HomeStreet | null }>;
  figures: Remote<PublicStats>;
  inbox: Remote<CasePage> | null;
  overdue: Remote<CasePage> | null;
  scope: string | null;
  /** A resident's open polls and whether she has a verified home (why the list may be empty). */
  polls: Remote<{ page: PollPage; verifiedHome: boolean; pendingHome: boolean }> | null;
  grids: Remote<MyGrids> | null;
}

const initial: HomeData = { service: loading, myOpen: null, publicCases: loading, figures: loading, inbox: null, overdue: null, scope: null, polls: null, grids: null };

async function loadPolls() {
  const [page, homes] = await Promise.all([listPolls({ view: 'mine', phase: 'voting', limit: 3 }), myMemberships()]);
  return { page, verifiedHome: homes.items.some((home) => home.status === 'verified'), pendingHome: homes.items.some((home) => home.status === 'pending') };
}

async function homeStreet(account: Me | undefined): Promise<HomeStreet | null> {
  const compoundCode = account?.role === 'resident' ? account.scope.compoundCodes?.[0] : undefined;
  if (!compoundCode) return null;
  try {
    const compound = await getCompound(compoundCode);
    const names = await streetNames();
    return { code: compound.streetCode, name: names.get(compound.streetCode) ?? compound.streetCode };
  } catch {
    // Without the street the district-wide list is still worth showing.
    return null;
  }
}

async function loadPublic(account: Me | undefined) {
  const street = await homeStreet(account);
  const page = await listCases({ view: 'public', limit: 5, ...(street ? { streetCode: street.code } : {}) });
  return { page, street };
}

async function loadScope(account: Me): Promise<string> {
  const names = account.scope.streetCode ? await streetNames().catch(() => new Map<string, string>()) : new Map<string, string>();
  return scopeLine(account, account.scope.streetCode ? names.get(account.scope.streetCode) : undefined);
}

/** The home page: what a resident can do and how her cases stand, or a staff member's work. */
export default function Index() {
  const { elder } = usePreferences();
  const [account, setAccount] = useState<Me | undefined>(currentAccount);
  const [data, setData] = useState<HomeData>(initial);
  const [now, setNow] = useState(() => new Date());
  const unread = useUnreadCount('home');
  const staff = isStaff(account);
  const kind = homeKind(account, staff, elder);

  const load = async () => {
    const who = currentAccount();
    setAccount(who);
    setNow(new Date());
    const signedInStaff = isStaff(who);
    const resident = who !== undefined && !signedInStaff;
    const [service, myOpen, publicCases, figures, inbox, overdue, scope, polls, grids] = await Promise.all([
      getHealth().then(isHealthy, () => false),
      who && !signedInStaff ? settle(listCases({ view: 'mine', group: 'open', limit: 3 })) : null,
      settle(loadPublic(who)),
      settle(getPublicStats()),
      signedInStaff ? settle(listCases({ view: 'inbox', limit: 20 })) : null,
      signedInStaff ? settle(listCases({ view: 'inbox', overdue: 'true', limit: 20 })) : null,
      who && signedInStaff ? loadScope(who) : null,
      resident ? settle(loadPolls()) : null,
      resident ? settle(myGrids()) : null,
    ]);
    setData({ service: { state: 'ready', value: service }, myOpen, publicCases, figures, inbox, overdue, scope, polls, grids });
  };

  useDidShow(() => {
    void load();
  });

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  const openMine = () => openPage(account ? MINE : loginUrl(MINE));

  return (
    <PageShell className='home'>
      <View className={`home__hero ${kind === 'elder' ? 'home__hero--elder' : ''}`}>
        {kind === 'staff' && account ? (
          <>
            <Text className='home__title'>
              {greeting(now)}，{account.name}
            </Text>
            <Text className='home__intro'>
              {account.roleLabel}
              {data.scope ? ` · ${data.scope}` : ''}
            </Text>
          </>
        ) : (
          <>
            <Text className='home__title'>共治包河</Text>
            <Text className='home__intro'>{account ? `${greeting(now)}，${account.name}` : '随手拍身边问题，全程看办理进度'}</Text>
          </>
        )}
        <ServiceStatus service={data.service} />
      </View>

      {kind === 'elder' && <ElderHome account={account} data={data} now={now} unread={unread} onMine={openMine} />}
      {kind === 'resident' && <ResidentHome account={account} data={data} now={now} unread={unread} onMine={openMine} />}
      {kind === 'staff' && account && <StaffHome account={account} data={data} now={now} />}
    </PageShell>
  );
}

function ElderHome({ account, data, now, unread, onMine }: { account: Me | undefined; data: HomeData; now: Date; unread: number | undefined; onMine: () => void }) {
  const openPolls = data.polls?.state === 'ready' ? data.polls.value.page.items.filter((poll) => poll.voted === false).length : 0;
  return (
    <View className='home__body'>
      <View className='elder-actions'>
        <BigButton label='我要反映' hint='拍照反映身边问题' tone='primary' onClick={() => openPage(REPORT)} />
        <BigButton label='我的诉求' hint='看看办到哪一步了' tone='plain' onClick={onMine} />
        <BigButton label={openPolls ? `小区议事（${openPolls}项待投票）` : '小区议事'} hint='参与本小区投票' tone='plain' onClick={() => openPage(account ? POLLS_PAGE : loginUrl(POLLS_PAGE))} />
        <BigButton label={unread ? `消息（${unread}条未读）` : '消息'} hint='办理进度通知' tone='plain' onClick={() => openPage('/pages/messages/index')} />
      </View>
      {account && <MyOpenCases myOpen={data.myOpen} now={now} />}
    </View>
  );
}

function ResidentHome({ account, data, now, unread, onMine }: { account: Me | undefined; data: HomeData; now: Date; unread: number | undefined; onMine: () => void }) {
  return (
    <View className='home__body'>
      <View className='home__card home__report'>
        <Button type='primary' size='xlarge' block className='home__report-button' onClick={() => openPage(REPORT)}>
          我要反映
        </Button>
        <Text className='home__report-hint'>拍照上报，网格员受理后按时限办理，全程可查</Text>
        <View className='home__entries'>
          <Entry label='我的诉求' hint='办理进度' onClick={onMine} />
          <Entry label='消息' hint={unread ? `${unread}条未读` : '办理通知'} badge={unread} onClick={() => openPage('/pages/messages/index')} />
          <Entry label='全区数据' hint='办结与满意度' onClick={() => openPage(PUBLIC_FIGURES_PAGE)} />
        </View>
      </View>

      {account ? (
        <MyOpenCases myOpen={data.myOpen} now={now} />
      ) : (
        <View className='home__card home__signin'>
          <Text className='home__signin-text'>登录后可查看你反映的问题和办理进度</Text>
          <Button type='primary' fill='outline' size='small' onClick={() => openPage(loginUrl('/pages/index/index'))}>
            登录
          </Button>
        </View>
      )}

      <CommunityPolls signedIn={account !== undefined} remote={data.polls} now={now} />
      {account && <MyGrid remote={data.grids} />}

      <PublicCases remote={data.publicCases} now={now} />
      <FiguresTeaser figures={data.figures} />
    </View>
  );
}

function StaffHome({ account, data, now }: { account: Me; data: HomeData; now: Date }) {
  return (
    <View className='home__body'>
      <View className='staff-stats'>
        <StatTile label='待办' remote={data.inbox} tone='primary' onClick={() => openPage(INBOX)} />
        <StatTile label='已超时' remote={data.overdue} tone='danger' onClick={() => openPage(`${INBOX}?tab=overdue`)} />
      </View>
      {patrols(account) && (
        <View className='home__card'>
          <Button type='primary' size='large' block onClick={() => openPage(PATROL)}>
            巡查上报
          </Button>
          <Text className='home__report-hint'>巡查中发现的问题，拍照直接上报</Text>
        </View>
      )}
      <View className='home__card home__links'>
        <Entry label='待办案件' hint='受理、派单、办理' onClick={() => openPage(INBOX)} />
        <Entry label='公开案件' hint='全区公开进度' onClick={() => openPage('/pages/public/index')} />
        {canReadStats(account.role) ? (
          <Entry label='统计分析' hint='趋势、排行与导出' onClick={() => openPage(STATS_DASHBOARD_PAGE)} />
        ) : (
          <Entry label='全区数据' hint='办结与满意度' onClick={() => openPage(PUBLIC_FIGURES_PAGE)} />
        )}
      </View>
      <PublicCases remote={data.publicCases} now={now} />
    </View>
  );
}

function BigButton({ label, hint, tone, onClick }: { label: string; hint: string; tone: 'primary' | 'plain'; onClick: () => void }) {
  return (
    <View className={`big-button big-button--${tone}`} role='button' ariaLabel={label} hoverClass='big-button--pressed' onClick={onClick}>
      <Text className='big-button__label'>{label}</Text>
      <Text className='big-button__hint'>{hint}</Text>
    </View>
  );
}

function Entry({ label, hint, badge, onClick }: { label: string; hint: string; badge?: number; onClick: () => void }) {
  return (
    <View className='entry' role='button' ariaLabel={badge ? `${label}，${badge}条未读` : label} hoverClass='entry--pressed' onClick={onClick}>
      <Text className='entry__title'>{label}</Text>
      <Text className='entry__hint'>{hint}</Text>
      {badge ? <View className='entry__badge'>{badge > 99 ? '99+' : badge}</View> : null}
    </View>
  );
}

function StatTile({ label, remote, tone, onClick }: { label: string; remote: Remote<CasePage> | null; tone: 'primary' | 'danger'; onClick: () => void }) {
  const value = !remote || remote.state === 'loading' ? '…' : remote.state === 'failed' ? '—' : pageCount(remote.value);
  return (
    <View className={`stat stat--${tone}`} role='button' ariaLabel={`${label} ${value} 件，查看待办`} hoverClass='stat--pressed' onClick={onClick}>
      <Text className='stat__value'>{value}</Text>
      <Text className='stat__label'>{label}</Text>
      {remote?.state === 'failed' && <Text className='stat__error'>{remote.message}</Text>}
    </View>
  );
}

function MyOpenCases({ myOpen, now }: { myOpen: Remote<CasePage> | null; now: Date }) {
  return (
    <View className='section section--cards'>
      <View className='section__head'>
        <Text className='section__title'>我的办理中诉求</Text>
        <View className='section__more' role='button' ariaLabel='查看我的全部诉求' onClick={() => openPage(MINE)}>
          全部 ›
        </View>
      </View>
      <CaseList remote={myOpen ?? loading} now={now} empty='没有办理中的诉求' />
    </View>
  );
}

function CommunityPolls({ signedIn, remote, now }: { signedIn: boolean; remote: HomeData['polls']; now: Date }) {
  const body = () => {
    if (!signedIn) return <HomeLink text='登录并认证房屋后，可参与本小区的议事投票' action='登录' onClick={() => openPage(loginUrl(POLLS_PAGE))} />;
    if (!remote || remote.state === 'loading') return <Text className='section__note home__note'>正在加载…</Text>;
    if (remote.state === 'failed') return <Text className='section__note home__note home__note--error'>{remote.message}（下拉可重新加载）</Text>;
    const { page, verifiedHome, pendingHome } = remote.value;
    if (page.items.length > 0)
      return (
        <View className='home__cases'>
          {page.items.map((item) => (
            <PollCard key={item.id} item={item} now={now} onClick={(poll) => openPage(pollPageUrl(poll.id))} />
          ))}
        </View>
      );
    if (verifiedHome) return <Text className='section__note home__note'>现在没有正在投票的议题</Text>;
    return <HomeLink text={pendingHome ? '您的房屋认证正在审核，通过后即可参与本小区议事' : '认证房屋后，可参与本小区的议事投票'} action={pendingHome ? '查看' : '去认证'} onClick={() => openPage(HOMES_PAGE)} />;
  };
  return (
    <View className='section section--cards'>
      <View className='section__head'>
        <Text className='section__title'>小区议事</Text>
        {signedIn && (
          <View className='section__more' role='button' ariaLabel='查看全部小区议事' onClick={() => openPage(POLLS_PAGE)}>
            全部 ›
          </View>
        )}
      </View>
      {body()}
    </View>
  );
}

function MyGrid({ remote }: { remote: HomeData['grids'] }) {
  if (!remote || remote.state === 'loading') return null;
  return (
    <View className='section'>
      <View className='section__head'>
        <Text className='section__title'>我的网格</Text>
        <View className='section__more' role='button' ariaLabel='查看我的房屋' onClick={() => openPage(HOMES_PAGE)}>
          我的房屋 ›
        </View>
      </View>
      {remote.state === 'failed' ? (
        <Text className='section__note home__note home__note--error'>{remote.message}</Text>
      ) : remote.value.items.length === 0 ? (
        <HomeLink text='认证房屋后，可在这里联系您的网格长和网格员' action='去认证' onClick={() => openPage(HOMES_PAGE)} />
      ) : (
        remote.value.items.map((team) => (
          <View key={team.grid.code} className='home__card'>
            <GridTeamCard team={team} compact />
          </View>
        ))
      )}
    </View>
  );
}

function HomeLink({ text, action, onClick }: { text: string; action: string; onClick: () => void }) {
  return (
    <View className='home__card home__signin'>
      <Text className='home__signin-text'>{text}</Text>
      <Button type='primary' fill='outline' size='small' onClick={onClick}>
        {action}
      </Button>
    </View>
  );
}

function PublicCases({ remote, now }: { remote: HomeData['publicCases']; now: Date }) {
  const title = remote.state === 'ready' && remote.value.street ? `${remote.value.street.name}的公开案件` : '最新公开案件';
  const list: Remote<CasePage> = remote.state === 'ready' ? { state: 'ready', value: remote.value.page } : remote;
  return (
    <View className='section section--cards'>
      <View className='section__head'>
        <Text className='section__title'>{title}</Text>
        <View className='section__more' role='button' ariaLabel='查看更多公开案件' onClick={() => openPage('/pages/public/index')}>
          更多 ›
        </View>
      </View>
      <CaseList remote={list} now={now} empty='暂无公开案件' />
    </View>
  );
}

function CaseList({ remote, now, empty }: { remote: Remote<CasePage>; now: Date; empty: string }) {
  if (remote.state === 'loading') return <Text className='section__note home__note'>正在加载…</Text>;
  if (remote.state === 'failed') return <Text className='section__note home__note home__note--error'>{remote.message}（下拉可重新加载）</Text>;
  if (remote.value.items.length === 0) return <Text className='section__note home__note'>{empty}</Text>;
  return (
    <View className='home__cases'>
      {remote.value.items.map((item) => (
        <CaseCard key={item.id} item={item} now={now} onClick={openCase} />
      ))}
    </View>
  );
}

function FiguresTeaser({ figures }: { figures: Remote<PublicStats> }) {
  const month = figures.state === 'ready' ? figures.value.periods.find((period) => period.key === 'month')?.totals : undefined;
  return (
    <View className='section'>
      <View className='home__card figures-teaser' role='button' ariaLabel='查看全区数据' hoverClass='entry--pressed' onClick={() => openPage(PUBLIC_FIGURES_PAGE)}>
        <View className='figures-teaser__head'>
          <Text className='section__title'>全区数据</Text>
          <Text className='section__more'>查看 ›</Text>
        </View>
        {month ? (
          <View className='figures-teaser__numbers'>
            <Figure label='本月上报' value={String(month.filed)} />
            <Figure label='本月办结' value={String(month.closed)} />
            <Figure label='按时办结率' value={formatRate(month.onTimeRate)} />
          </View>
        ) : (
          <Text className='section__note'>全区上报、办结、按时办结率与满意度，每周每月公开</Text>
        )}
      </View>
    </View>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <View className='figure'>
      <Text className='figure__value'>{value}</Text>
      <Text className='figure__label'>{label}</Text>
    </View>
  );
}

function ServiceStatus({ service }: { service: Remote<boolean> }) {
  const [modifier, label] = service.state !== 'ready' ? ['checking', '正在检查服务状态…'] : service.value ? ['ok', '服务正常'] : ['down', '服务暂不可用'];
  return (
    <View className={`status status--${modifier}`} ariaLabel={label}>
      <View className='status__dot' />
      <Text className='status__label'>{label}</Text>
    </View>
  );
}
