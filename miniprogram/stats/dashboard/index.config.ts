export default definePageConfig({ navigationBarTitleText: '统计分析', enablePullDownRefresh: true, backgroundColor: '#f3f6f9' });
