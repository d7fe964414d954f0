export default definePageConfig({ navigationBarTitleText: '全区数据', enablePullDownRefresh: true, backgroundColor: '#f3f6f9' });
