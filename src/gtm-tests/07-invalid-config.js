// A missing access token fails without sending
mockData.accessToken = '';
runCode(mockData);

assertApi('sendHttpRequest').wasNotCalled();
assertApi('gtmOnFailure').wasCalled();
