export default definePageConfig({ navigationBarTitleText: '走访记录', backgroundColor: '#f3f6f9' });
