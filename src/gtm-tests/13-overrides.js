// Override fields beat the event data; test_event_code comes from the event when the field is empty
mockData.eventIdOverride = 'tag-id-1';
mockData.ipOverride = '198.51.100.9';
mockData.userAgentOverride = 'TagUA/2';
mockData.pageUrlOverride = 'https://tag.example/b';
mock('getAllEventData', {
  event_name: 'sign_up',
  event_id: 'from-event',
  ip_override: '203.0.113.1',
  user_agent: 'EventUA/1',
  page_location: 'https://shop.example/a',
  test_event_code: 'TEST_FROM_EVENT'
});
runCode(mockData);

callLater(() => {
  assertThat(JSON.parse(sent[0].body)).isEqualTo({
    event_source: 'web',
    event_source_id: 'CTEST123PIXEL',
    test_event_code: 'TEST_FROM_EVENT',
    data: [{
      event: 'CompleteRegistration',
      event_time: 1764070000,
      event_id: 'tag-id-1',
      user: { ip: '198.51.100.9', user_agent: 'TagUA/2' },
      page: { url: 'https://tag.example/b' }
    }]
  });
});
