import { js, type ConformanceSource } from '../lib/source';

/**
 * A GA4-to-Slack notifier tag (a community pattern): posts a Block Kit message to an incoming
 * webhook for purchases above a threshold. Exercises createRegex global replace for Slack
 * escaping, number formatting by hand (Math.round, toString, slice), array sort/reverse/slice/
 * splice/unshift/some/every, and `.then().catch()` on the promise form.
 */
const source: ConformanceSource = {
  file: 'ga4-slack-notifier',
  lookalikeOf: 'community ga4-to-slack notifier tag',
  type: 'TAG',
  displayName: 'GA4 to Slack Notifier Lookalike',
  description: 'Posts a Slack message for each purchase above a threshold.',
  categories: ['UTILITY'],
  brand: { id: 'brand_dummy', displayName: '' },
  parameters: [
    { type: 'TEXT', name: 'webhookUrl', displayName: 'Slack webhook URL', simpleValueType: true, valueValidators: [{ type: 'REGEX', args: ['^https://hooks\\.slack\\.com/services/.+$'] }] },
    { type: 'TEXT', name: 'minValue', displayName: 'Only purchases worth at least', simpleValueType: true, defaultValue: '0' },
    { type: 'TEXT', name: 'maxItems', displayName: 'Items to list', simpleValueType: true, defaultValue: '3' },
  ],
  code: js`
const sendHttpRequest = require('sendHttpRequest');
const getAllEventData = require('getAllEventData');
const createRegex = require('createRegex');
const JSON = require('JSON');
const Math = require('Math');
const makeNumber = require('makeNumber');
const makeInteger = require('makeInteger');
const makeString = require('makeString');
const getType = require('getType');

const eventData = getAllEventData();
const value = makeNumber(eventData.value || 0);

if (eventData.event_name !== 'purchase' || value < makeNumber(data.minValue || 0)) {
  data.gtmOnSuccess();
  return;
}

const items = getType(eventData.items) === 'array' ? eventData.items.slice() : [];
const top = items
  .filter((item) => item && item.item_name)
  .sort((a, b) => lineTotal(a) - lineTotal(b))
  .reverse()
  .slice(0, makeInteger(data.maxItems || 3));

const lines = top.map((item) => '• ' + escape(item.item_name) + ' × ' + (item.quantity || 1) + ' = ' + money(lineTotal(item), eventData.currency));
const hidden = items.length - top.length;
if (hidden > 0) lines.push('…and ' + hidden + ' more');
lines.unshift('*Order ' + escape(makeString(eventData.transaction_id)) + '*');

const blocks = [
  {type: 'header', text: {type: 'plain_text', text: 'New purchase: ' + money(value, eventData.currency)}},
  {type: 'section', text: {type: 'mrkdwn', text: lines.join('\n')}}
];
const flags = [];
if (items.some((item) => item.coupon)) flags.push('coupon used');
if (items.length > 0 && items.every((item) => (item.quantity || 1) === 1)) flags.push('single units');
if (flags.length) {
  blocks.splice(1, 0, {type: 'context', elements: flags.map((f) => ({type: 'mrkdwn', text: f}))});
}

sendHttpRequest(data.webhookUrl, {
  method: 'POST',
  headers: {'Content-Type': 'application/json'},
  timeout: 3000
}, JSON.stringify({text: 'New purchase', blocks: blocks})).then((response) => {
  if (response.statusCode === 200 && response.body === 'ok') {
    data.gtmOnSuccess();
  } else {
    data.gtmOnFailure();
  }
}).catch(() => {
  data.gtmOnFailure();
});

function lineTotal(item) {
  return makeNumber(item.price || 0) * makeNumber(item.quantity || 1);
}

function escape(text) {
  return text
    .replace(createRegex('&', 'g'), '&amp;')
    .replace(createRegex('<', 'g'), '&lt;')
    .replace(createRegex('>', 'g'), '&gt;');
}

function money(amount, currency) {
  const cents = Math.round(amount * 100);
  const whole = makeString(Math.floor(cents / 100));
  const fraction = ('0' + (cents % 100).toString()).slice(-2);
  let grouped = '';
  for (let i = 0; i < whole.length; i++) {
    const fromEnd = whole.length - i;
    grouped += whole.charAt(i) + (fromEnd > 1 && fromEnd % 3 === 1 ? ',' : '');
  }
  return grouped + '.' + fraction + ' ' + (currency || 'USD');
}
`,
  permissions: {
    read_event_data: { eventDataAccess: 'any' },
    send_http: { allowedUrls: 'specific', urls: ['https://hooks.slack.com/services/*'] },
  },
  testStyle: 'gtm',
  setup: js`const JSON = require('JSON');
const Promise = require('Promise');
const callLater = require('callLater');

const mockData = {webhookUrl: 'https://hooks.slack.com/services/T0/B0/xyz', minValue: '100', maxItems: '2'};
const eventData = {
  event_name: 'purchase',
  transaction_id: 'A<1>&2',
  currency: 'EUR',
  value: 1234567.895,
  items: [
    {item_name: 'Socks', price: 5, quantity: 2},
    {item_name: 'Boots & Laces', price: 120.5, quantity: 1, coupon: 'X'},
    {item_name: 'Hat', price: 30, quantity: 3},
    {price: 1}
  ]
};
mock('getAllEventData', eventData);

let posted;
mock('sendHttpRequest', (url, options, body) => {
  assertThat(url).isEqualTo('https://hooks.slack.com/services/T0/B0/xyz');
  assertThat(options).isEqualTo({method: 'POST', headers: {'Content-Type': 'application/json'}, timeout: 3000});
  posted = JSON.parse(body);
  return Promise.create((resolve) => resolve({statusCode: 200, headers: {}, body: 'ok'}));
});`,
  scenarios: [
    {
      name: 'Posts the biggest lines, escaped, with grouped money and context',
      expect: 'pass',
      code: js`runCode(mockData);

callLater(() => {
  assertThat(posted).isEqualTo({
    text: 'New purchase',
    blocks: [
      {type: 'header', text: {type: 'plain_text', text: 'New purchase: 1,234,567.90 EUR'}},
      {type: 'context', elements: [{type: 'mrkdwn', text: 'coupon used'}]},
      {type: 'section', text: {type: 'mrkdwn', text: '*Order A&lt;1&gt;&amp;2*\n• Boots &amp; Laces × 1 = 120.50 EUR\n• Hat × 3 = 90.00 EUR\n…and 2 more'}}
    ]
  });
  assertApi('gtmOnSuccess').wasCalled();
});`,
    },
    {
      name: 'Small purchases and other events are skipped',
      expect: 'pass',
      code: js`eventData.value = 99.99;
runCode(mockData);
eventData.value = 500;
eventData.event_name = 'add_to_cart';
runCode(mockData);

assertApi('sendHttpRequest').wasNotCalled();
assertApi('gtmOnSuccess').wasCalled();`,
    },
    {
      name: 'Single units without coupons get their own context line',
      expect: 'pass',
      code: js`eventData.value = 100;
eventData.currency = undefined;
eventData.items = [{item_name: 'A', price: 60}, {item_name: 'B', price: 40, quantity: 1}];

runCode(mockData);

callLater(() => {
  assertThat(posted.blocks[0].text.text).isEqualTo('New purchase: 100.00 USD');
  assertThat(posted.blocks[1]).isEqualTo({type: 'context', elements: [{type: 'mrkdwn', text: 'single units'}]});
  assertThat(posted.blocks[2].text.text).isEqualTo('*Order A&lt;1&gt;&amp;2*\n• A × 1 = 60.00 USD\n• B × 1 = 40.00 USD');
});`,
    },
    {
      name: 'A non-ok answer fails the tag',
      expect: 'pass',
      code: js`mock('sendHttpRequest', () => Promise.create((resolve) => resolve({statusCode: 404, headers: {}, body: 'no_service'})));
runCode(mockData);
callLater(() => {
  assertApi('gtmOnFailure').wasCalled();
  assertApi('gtmOnSuccess').wasNotCalled();
});`,
    },
    {
      name: 'A rejection reaches catch',
      expect: 'pass',
      code: js`mock('sendHttpRequest', () => Promise.create((resolve, reject) => reject({reason: 'failed'})));
runCode(mockData);
callLater(() => assertApi('gtmOnFailure').wasCalled());`,
    },
  ],
};

export default source;
