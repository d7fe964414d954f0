export default definePageConfig({ navigationBarTitleText: '议题管理', enablePullDownRefresh: true, backgroundColor: '#f3f6f9' });
