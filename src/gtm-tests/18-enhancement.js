// Event enhancement (opt-in, consent granted) stores hashes and adds them to a later event
mockData.enhancement = true;
mockData.cookiesEnabled = false;
mock('getAllEventData', { event_name: 'sign_up', 'x-ga-gcs': 'G111', user_data: { email_address: 'test@example.com' } });
runCode(mockData);
mock('getCookieValues', (name) => name === '_tt_enhanced' ? ['v1~e.' + SHA256_TEST_EMAIL] : []);
mock('getAllEventData', { event_name: 'page_view', 'x-ga-gcs': 'G111' });
runCode(mockData);

callLater(() => {
  assertApi('setCookie').wasCalledWith('_tt_enhanced', 'v1~e.' + SHA256_TEST_EMAIL, {
    domain: 'auto',
    path: '/',
    'max-age': 2592000,
    secure: true,
    httpOnly: true,
    sameSite: 'lax'
  });
  assertThat(JSON.parse(sent[1].body).data[0].user).isEqualTo({ email: SHA256_TEST_EMAIL });
});
