// Purchase is sent to TikTok with mapped name, hashed email and contents
runCode(mockData);

callLater(() => {
  assertApi('gtmOnSuccess').wasCalled();
  assertApi('gtmOnFailure').wasNotCalled();
  assertThat(sent.length).isEqualTo(1);
  assertThat(sent[0].url).isEqualTo(ENDPOINT);
  assertThat(sent[0].options.method).isEqualTo('POST');
  assertThat(sent[0].options.headers['Access-Token']).isEqualTo('test-access-token-0123456789');
  assertThat(JSON.parse(sent[0].body)).isEqualTo({
    event_source: 'web',
    event_source_id: 'CTEST123PIXEL',
    data: [{
      event: 'Purchase',
      event_time: 1764070000,
      event_id: 'T-1001',
      user: {
        email: SHA256_TEST_EMAIL,
        ttclid: 'CLICK123',
        ip: '203.0.113.7',
        user_agent: 'Mozilla/5.0'
      },
      page: { url: 'https://shop.example/checkout?ttclid=CLICK123' },
      properties: {
        contents: [{ content_id: 'SKU-1', content_name: 'Runner', price: 64.95, quantity: 2 }],
        content_type: 'product',
        currency: 'USD',
        value: 129.9,
        order_id: 'T-1001'
      }
    }]
  });
});
