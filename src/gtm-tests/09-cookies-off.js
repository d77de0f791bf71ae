// Cookie handling off writes no cookie
mockData.cookiesEnabled = false;
runCode(mockData);

assertApi('setCookie').wasNotCalled();
assertApi('getCookieValues').wasNotCalled();
