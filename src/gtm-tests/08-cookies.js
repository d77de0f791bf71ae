// The ttclid from the page URL is stored in a first-party cookie
runCode(mockData);

assertApi('setCookie').wasCalledWith('ttclid', 'CLICK123', {
  domain: 'auto',
  path: '/',
  'max-age': 2592000,
  secure: true,
  httpOnly: false,
  sameSite: 'lax'
});
