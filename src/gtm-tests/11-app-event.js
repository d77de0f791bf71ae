// An app event sends the app and ad objects and the device ids, and no page
mockData.eventSource = 'app';
mockData.appId = 'com.example.shop';
mockData.appOverrides = [{ name: 'campaign_id', value: '1800' }];
mock('getAllEventData', {
  event_name: 'app_open',
  app_name: 'Shop',
  app_version: '2.3.1',
  platform: 'IOS',
  advertising_id: '6D92078A-8246-4BA4-AE5B-76104861E7DC',
  att_status: 'authorized',
  ad: { ad_id: 42, is_retargeting: 'false', attribution_provider: 'AppsFlyer' },
  page_location: 'https://shop.example/never-sent'
});
runCode(mockData);

callLater(() => {
  assertApi('gtmOnSuccess').wasCalled();
  assertThat(JSON.parse(sent[0].body)).isEqualTo({
    event_source: 'app',
    event_source_id: 'CTEST123PIXEL',
    data: [{
      event: 'app_open',
      event_time: 1764070000,
      user: { idfa: '6D92078A-8246-4BA4-AE5B-76104861E7DC', att_status: 'AUTHORIZED' },
      app: { app_id: 'com.example.shop', app_name: 'Shop', app_version: '2.3.1' },
      ad: { campaign_id: '1800', ad_id: '42', is_retargeting: false, attribution_provider: 'AppsFlyer' }
    }]
  });
});
