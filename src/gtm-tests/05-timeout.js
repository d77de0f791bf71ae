// Timeouts fail after the configured retries
answers = [{ reason: 'timed_out' }];
mockData.maxRetries = '2';
runCode(mockData);

callLater(() => {
  assertThat(sent.length).isEqualTo(3);
  assertApi('gtmOnFailure').wasCalled();
});
