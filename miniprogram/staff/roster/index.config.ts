export default definePageConfig({ navigationBarTitleText: '住户审核', enablePullDownRefresh: true, backgroundColor: '#f3f6f9' });
