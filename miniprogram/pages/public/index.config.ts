export default definePageConfig({ navigationBarTitleText: '公开案件', enablePullDownRefresh: true });
