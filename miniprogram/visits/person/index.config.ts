export default definePageConfig({ navigationBarTitleText: '人员档案', backgroundColor: '#f3f6f9' });
