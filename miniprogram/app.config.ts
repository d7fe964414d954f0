export default defineAppConfig({
  // The first page is the home page.
  pages: ['pages/index/index'],
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: '#f3f6f9',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '共治包河',
    navigationBarTextStyle: 'black',
  },
});
