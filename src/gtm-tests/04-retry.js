// HTTP 503 is retried once and then succeeds
answers = [{ statusCode: 503, body: 'unavailable' }, { statusCode: 200, body: OK_BODY }];
runCode(mockData);

callLater(() => {
  assertThat(sent.length).isEqualTo(2);
  assertThat(sent[1].body).isEqualTo(sent[0].body);
  assertApi('gtmOnSuccess').wasCalled();
  assertApi('gtmOnFailure').wasNotCalled();
});
