export default definePageConfig({ navigationBarTitleText: '登记重点服务人员', backgroundColor: '#f3f6f9' });
