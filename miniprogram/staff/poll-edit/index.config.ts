export default definePageConfig({ navigationBarTitleText: '发起议题', backgroundColor: '#f3f6f9' });
