export default definePageConfig({ navigationBarTitleText: '待办', enablePullDownRefresh: true, backgroundColor: '#f3f6f9' });
