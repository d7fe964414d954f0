export default definePageConfig({ navigationBarTitleText: '我的诉求', enablePullDownRefresh: true, backgroundColor: '#f3f6f9' });
