const JSON = require('JSON');
const Promise = require('Promise');
const callLater = require('callLater');

const NOW_MS = 1764070000000;
const ENDPOINT = 'https://business-api.tiktok.com/open_api/v1.3/event/track/';
const OK_BODY = '{"code":0,"message":"OK","request_id":"r-1","data":{}}';
const SHA256_TEST_EMAIL = '973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b';

const mockData = {
  accessToken: 'test-access-token-0123456789',
  pixelCode: 'CTEST123PIXEL',
  eventSource: 'web',
  eventNameMode: 'inherit',
  timeoutMs: '5000',
  maxRetries: '1',
  cookiesEnabled: true,
  cookieDomain: 'auto',
  loggingLevel: 'standard'
};

const purchaseEvent = {
  event_name: 'purchase',
  transaction_id: 'T-1001',
  value: 129.9,
  currency: 'usd',
  page_location: 'https://shop.example/checkout?ttclid=CLICK123',
  ip_override: '203.0.113.7',
  user_agent: 'Mozilla/5.0',
  user_data: { email_address: ' Test@Example.com ' },
  items: [{ item_id: 'SKU-1', item_name: 'Runner', price: 64.95, quantity: 2 }]
};

// The HTTP answers for this scenario, in order; each call to sendHttpRequest takes the next one.
let answers = [{ statusCode: 200, body: OK_BODY }];
const sent = [];

mock('getTimestampMillis', NOW_MS);
mock('getAllEventData', purchaseEvent);
mock('sendHttpRequest', (url, options, body) => {
  sent.push({ url: url, options: options, body: body });
  const answer = answers.length > 1 ? answers.shift() : answers[0];
  return Promise.create((resolve, reject) => {
    if (answer.reason) reject({ reason: answer.reason });
    else resolve({ statusCode: answer.statusCode, headers: {}, body: answer.body });
  });
});
