export default definePageConfig({ navigationBarTitleText: '议事管理', enablePullDownRefresh: true, backgroundColor: '#f3f6f9' });
