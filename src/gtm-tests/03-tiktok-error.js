// HTTP 200 with a non-zero TikTok code is a failure
answers = [{ statusCode: 200, body: '{"code":40002,"message":"Invalid parameter","request_id":"r-2"}' }];
runCode(mockData);

callLater(() => {
  assertApi('gtmOnFailure').wasCalled();
  assertApi('gtmOnSuccess').wasNotCalled();
  assertThat(sent.length).isEqualTo(1);
});
