export default definePageConfig({ navigationBarTitleText: '全区数据', enablePullDownRefresh: true });
