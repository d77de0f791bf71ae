// GTM monitoring pings are skipped with reason monitoring_ping
const logged = [];
mock('logToConsole', (line) => { logged.push(JSON.parse(line)); });
mock('getAllEventData', { event_name: 'page_view', page_location: 'https://gtm-msr.appspot.com/render?id=GTM-XYZ' });
runCode(mockData);

callLater(() => {
  assertApi('sendHttpRequest').wasNotCalled();
  assertApi('gtmOnSuccess').wasCalled();
  assertThat(logged.filter((line) => line.type === 'result')[0].skip_reason).isEqualTo('monitoring_ping');
});
