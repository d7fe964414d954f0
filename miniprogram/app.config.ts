export default defineAppConfig({
  // The first page is the home page; the tab pages must live in the main package.
  pages: [
    'pages/index/index',
    'pages/public/index',
    'pages/messages/index',
    'pages/me/index',
    'pages/report/index',
    'pages/mine/index',
    'pages/case/index',
    'pages/login/index',
  ],
  // Staff pages load only when staff open them: residents never download them (weapp budget).
  subPackages: [
    { root: 'staff', pages: ['inbox/index', 'act/index', 'patrol/index', 'roster/index', 'polls/index', 'poll-edit/index', 'poll-manage/index'] },
    { root: 'community', pages: ['homes/index', 'polls/index', 'poll/index'] },
    // The charts (ECharts) load only with the statistics pages, public figures included.
    { root: 'stats', pages: ['dashboard/index', 'public/index'] },
    // Home visits: the most sensitive pages, for grid teams, committees and owning departments only.
    { root: 'visits', pages: ['worklist/index', 'person/index', 'record/index', 'register/index'] },
  ],
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: '#f3f6f9',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '共治包河',
    navigationBarTextStyle: 'black',
  },
  tabBar: {
    color: '#5f6b7a',
    selectedColor: '#07c160',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/public/index', text: '公开', iconPath: 'assets/tab/public.png', selectedIconPath: 'assets/tab/public-active.png' },
      { pagePath: 'pages/messages/index', text: '消息', iconPath: 'assets/tab/messages.png', selectedIconPath: 'assets/tab/messages-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-active.png' },
    ],
  },
});
