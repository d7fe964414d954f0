export default definePageConfig({
  navigationBarTitleText: '共治包河',
  enablePullDownRefresh: true,
});
