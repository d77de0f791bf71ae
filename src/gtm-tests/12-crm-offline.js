// A CRM event sends the lead object; an offline event its order and store
mockData.eventSource = 'crm';
mockData.leadEventSource = 'HubSpot';
mock('getAllEventData', { event_name: 'Qualified', lead_id: 7001234567, user_data: { email_address: 'test@example.com' } });
runCode(mockData);
mockData.eventSource = 'offline';
mockData.leadEventSource = '';
mock('getAllEventData', { event_name: 'purchase', order_id: 'POS-1', store_id: 'STORE-12', value: 10, currency: 'EUR', page_location: 'https://shop.example/' });
runCode(mockData);

callLater(() => {
  assertThat(sent.length).isEqualTo(2);
  assertThat(JSON.parse(sent[0].body).data[0]).isEqualTo({
    event: 'Qualified',
    event_time: 1764070000,
    user: { email: SHA256_TEST_EMAIL },
    lead: { lead_id: '7001234567', lead_event_source: 'HubSpot' }
  });
  assertThat(JSON.parse(sent[1].body).data[0]).isEqualTo({
    event: 'Purchase',
    event_time: 1764070000,
    properties: { currency: 'EUR', value: 10, order_id: 'POS-1', shop_id: 'STORE-12' }
  });
});
