// Denied ad_storage consent skips the event and still succeeds
mockData.consentMode = 'ad_storage';
mock('getAllEventData', { event_name: 'purchase', 'x-ga-gcs': 'G100' });
runCode(mockData);

callLater(() => {
  assertApi('sendHttpRequest').wasNotCalled();
  assertApi('gtmOnSuccess').wasCalled();
});
