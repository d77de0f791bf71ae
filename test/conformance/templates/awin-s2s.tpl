___TERMS_OF_SERVICE___

By creating or modifying this file you agree to Google Tag Manager's Community
Template Gallery Developer Terms of Service available at
https://developers.google.com/tag-manager/gallery-tos (or such other URL as
Google may provide), as modified from time to time.


___INFO___

{
  "type": "TAG",
  "id": "cvt_temp_public_id",
  "version": 1,
  "securityGroups": [],
  "displayName": "Awin Lookalike",
  "categories": [
    "AFFILIATE_MARKETING",
    "CONVERSIONS"
  ],
  "brand": {
    "id": "github.com_stape-io",
    "displayName": "stape-io"
  },
  "description": "Stores the Awin click id and reports conversions server to server.",
  "containerContexts": [
    "SERVER"
  ]
}


___TEMPLATE_PARAMETERS___

[
  {
    "type": "RADIO",
    "name": "type",
    "displayName": "Type",
    "radioItems": [
      {
        "value": "page_view",
        "displayValue": "Page view (store awc)"
      },
      {
        "value": "conversion",
        "displayValue": "Conversion"
      }
    ],
    "simpleValueType": true,
    "defaultValue": "page_view"
  },
  {
    "type": "TEXT",
    "name": "advertiserId",
    "displayName": "Advertiser ID",
    "simpleValueType": true
  },
  {
    "type": "TEXT",
    "name": "commissionGroups",
    "displayName": "Commission groups (GROUP:amount|GROUP:amount)",
    "simpleValueType": true
  },
  {
    "type": "TEXT",
    "name": "voucher",
    "displayName": "Voucher code",
    "simpleValueType": true
  },
  {
    "type": "CHECKBOX",
    "name": "testMode",
    "checkboxText": "Test mode",
    "simpleValueType": true
  }
]


___SANDBOXED_JS_FOR_SERVER___

const getAllEventData = require('getAllEventData');
const getCookieValues = require('getCookieValues');
const setCookie = require('setCookie');
const parseUrl = require('parseUrl');
const computeEffectiveTldPlusOne = require('computeEffectiveTldPlusOne');
const encodeUriComponent = require('encodeUriComponent');
const sendHttpGet = require('sendHttpGet');
const getRequestHeader = require('getRequestHeader');
const makeNumber = require('makeNumber');
const makeString = require('makeString');
const Math = require('Math');
const Object = require('Object');

const eventData = getAllEventData();

if (data.type === 'page_view') {
  const url = eventData.page_location || getRequestHeader('referer');
  const parsed = url ? parseUrl(url) : undefined;
  const awc = parsed && parsed.searchParams.awc;
  const source = parsed && parsed.searchParams.source;
  if (awc) {
    setCookie('awin_awc', getType(awc) === 'array' ? awc[0] : awc, {
      domain: 'auto',
      path: '/',
      secure: true,
      httpOnly: true,
      'max-age': 31536000
    }, true);
  }
  if (source) {
    setCookie('awin_source', source, {domain: computeEffectiveTldPlusOne(url), path: '/', 'max-age': 31536000});
  }
  data.gtmOnSuccess();
  return;
}

const awcCookie = getCookieValues('awin_awc', true)[0];
const channel = getCookieValues('awin_source')[0] || 'aw';
const amount = toAmount(eventData.value);

const params = {
  tt: 'ss',
  tv: '2',
  merchant: data.advertiserId,
  amount: amount,
  ch: channel,
  parts: data.commissionGroups ? normaliseGroups(data.commissionGroups) : 'DEFAULT:' + amount,
  ref: eventData.transaction_id,
  cr: eventData.currency || 'GBP',
  vc: data.voucher,
  cks: awcCookie,
  testmode: data.testMode ? '1' : '0'
};

const query = [];
Object.keys(params).forEach((key) => {
  if (params[key] === undefined || params[key] === '') return;
  query.push(key + '=' + encodeUriComponent(params[key]));
});

sendHttpGet('https://www.awin1.com/sread.php?' + query.join('&'), {timeout: 2000}).then((response) => {
  if (response.statusCode >= 200 && response.statusCode < 400) {
    data.gtmOnSuccess();
  } else {
    data.gtmOnFailure();
  }
}, () => data.gtmOnFailure());

function toAmount(value) {
  const number = makeNumber(value || 0);
  return makeString(Math.round(number * 100) / 100);
}

function normaliseGroups(groups) {
  return groups
    .split('|')
    .map((group) => group.trim())
    .filter((group) => group.indexOf(':') > 0)
    .map((group) => {
      const pair = group.split(':');
      return pair[0].toUpperCase() + ':' + toAmount(pair[1]);
    })
    .join('|');
}

function getType(value) {
  return require('getType')(value);
}


___SERVER_PERMISSIONS___

[
  {
    "instance": {
      "key": {
        "publicId": "read_event_data",
        "versionId": "1"
      },
      "param": [
        {
          "key": "eventDataAccess",
          "value": {
            "type": 1,
            "string": "any"
          }
        }
      ]
    },
    "clientAnnotations": {
      "isEditedByUser": true
    },
    "isRequired": true
  },
  {
    "instance": {
      "key": {
        "publicId": "read_request",
        "versionId": "1"
      },
      "param": [
        {
          "key": "requestAccess",
          "value": {
            "type": 1,
            "string": "specific"
          }
        },
        {
          "key": "headerAccess",
          "value": {
            "type": 1,
            "string": "specific"
          }
        },
        {
          "key": "queryParameterAccess",
          "value": {
            "type": 1,
            "string": "any"
          }
        },
        {
          "key": "headersAllowed",
          "value": {
            "type": 8,
            "boolean": true
          }
        },
        {
          "key": "headerWhitelist",
          "value": {
            "type": 2,
            "listItem": [
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "headerName"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "referer"
                  }
                ]
              }
            ]
          }
        }
      ]
    },
    "clientAnnotations": {
      "isEditedByUser": true
    },
    "isRequired": true
  },
  {
    "instance": {
      "key": {
        "publicId": "get_cookies",
        "versionId": "1"
      },
      "param": [
        {
          "key": "cookieAccess",
          "value": {
            "type": 1,
            "string": "specific"
          }
        },
        {
          "key": "cookieNames",
          "value": {
            "type": 2,
            "listItem": [
              {
                "type": 1,
                "string": "awin_awc"
              },
              {
                "type": 1,
                "string": "awin_source"
              }
            ]
          }
        }
      ]
    },
    "clientAnnotations": {
      "isEditedByUser": true
    },
    "isRequired": true
  },
  {
    "instance": {
      "key": {
        "publicId": "set_cookies",
        "versionId": "1"
      },
      "param": [
        {
          "key": "allowedCookies",
          "value": {
            "type": 2,
            "listItem": [
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "name"
                  },
                  {
                    "type": 1,
                    "string": "domain"
                  },
                  {
                    "type": 1,
                    "string": "path"
                  },
                  {
                    "type": 1,
                    "string": "secure"
                  },
                  {
                    "type": 1,
                    "string": "session"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "awin_awc"
                  },
                  {
                    "type": 1,
                    "string": "*"
                  },
                  {
                    "type": 1,
                    "string": "*"
                  },
                  {
                    "type": 1,
                    "string": "any"
                  },
                  {
                    "type": 1,
                    "string": "any"
                  }
                ]
              },
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "name"
                  },
                  {
                    "type": 1,
                    "string": "domain"
                  },
                  {
                    "type": 1,
                    "string": "path"
                  },
                  {
                    "type": 1,
                    "string": "secure"
                  },
                  {
                    "type": 1,
                    "string": "session"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "awin_source"
                  },
                  {
                    "type": 1,
                    "string": "*"
                  },
                  {
                    "type": 1,
                    "string": "*"
                  },
                  {
                    "type": 1,
                    "string": "any"
                  },
                  {
                    "type": 1,
                    "string": "any"
                  }
                ]
              }
            ]
          }
        }
      ]
    },
    "clientAnnotations": {
      "isEditedByUser": true
    },
    "isRequired": true
  },
  {
    "instance": {
      "key": {
        "publicId": "send_http",
        "versionId": "1"
      },
      "param": [
        {
          "key": "allowedUrls",
          "value": {
            "type": 1,
            "string": "specific"
          }
        },
        {
          "key": "urls",
          "value": {
            "type": 2,
            "listItem": [
              {
                "type": 1,
                "string": "https://www.awin1.com/sread.php"
              }
            ]
          }
        }
      ]
    },
    "clientAnnotations": {
      "isEditedByUser": true
    },
    "isRequired": true
  }
]


___TESTS___

scenarios:
- name: Conversion query string is built, encoded and sent with a timeout
  code: |-
    runCode(mockData);

    assertThat(requested.url).isEqualTo('https://www.awin1.com/sread.php?tt=ss&tv=2&merchant=1001&amount=12.5&ch=aw&parts=SALE%3A10.01%7CVIP%3A2.5&ref=ORD%2355&cr=EUR&vc=SUMMER%2010%25&cks=1001_1700_abc%252Bdef&testmode=1');
    assertThat(requested.options).isEqualTo({timeout: 2000});
    const query = parseUrl(requested.url).searchParams;
    assertThat(query.parts).isEqualTo('SALE:10.01|VIP:2.5');
    assertThat(query.vc).isEqualTo('SUMMER 10%');
    assertApi('getCookieValues').wasCalledWith('awin_awc', true);
    callLater(() => assertApi('gtmOnSuccess').wasCalled());
- name: Without commission groups the whole amount goes to DEFAULT
  code: |-
    mockData.commissionGroups = '';
    mockData.voucher = undefined;
    mockData.testMode = false;
    eventData.currency = undefined;

    runCode(mockData);

    assertThat(parseUrl(requested.url).searchParams).isEqualTo({
      tt: 'ss', tv: '2', merchant: '1001', amount: '12.5', ch: 'aw', parts: 'DEFAULT:12.5', ref: 'ORD#55', cr: 'GBP', cks: '1001_1700_abc%2Bdef', testmode: '0'
    });
- name: Landing page stores the first awc raw and the source on the registrable domain
  code: |-
    mockData.type = 'page_view';

    runCode(mockData);

    assertApi('setCookie').wasCalledWith('awin_awc', '1001_1700_abc+def', {domain: 'auto', path: '/', secure: true, httpOnly: true, 'max-age': 31536000}, true);
    assertApi('setCookie').wasCalledWith('awin_source', 'affiliate', {domain: 'shop.co.uk', path: '/', 'max-age': 31536000});
    assertApi('sendHttpGet').wasNotCalled();
    assertApi('gtmOnSuccess').wasCalled();
- name: Landing page without awc falls back to the referer and sets nothing
  code: |-
    mockData.type = 'page_view';
    eventData.page_location = undefined;
    mock('getRequestHeader', (name) => name === 'referer' ? 'https://www.shop.co.uk/?utm_source=x' : undefined);

    runCode(mockData);

    assertApi('getRequestHeader').wasCalledWith('referer');
    assertApi('setCookie').wasNotCalled();
- name: A 500 answer fails the tag
  code: |-
    mock('sendHttpGet', () => Promise.create((resolve) => resolve({statusCode: 500})));

    runCode(mockData);

    callLater(() => {
      assertApi('gtmOnFailure').wasCalled();
      assertApi('gtmOnSuccess').wasNotCalled();
    });
setup: |-
  const Promise = require('Promise');
  const parseUrl = require('parseUrl');
  const callLater = require('callLater');

  const mockData = {type: 'conversion', advertiserId: '1001', commissionGroups: ' sale:10.005 | bad | vip:2.5', voucher: 'SUMMER 10%', testMode: true};
  const eventData = {transaction_id: 'ORD#55', value: '12.499', currency: 'EUR', page_location: 'https://www.shop.co.uk/landing?awc=1001_1700_abc%2Bdef&source=affiliate&awc=second'};
  mock('getAllEventData', eventData);
  mock('getCookieValues', (name, noDecode) => {
    if (name === 'awin_awc') return noDecode === true ? ['1001_1700_abc%2Bdef'] : ['1001_1700_abc+def'];
    return [];
  });

  let requested;
  mock('sendHttpGet', (url, options) => {
    requested = {url: url, options: options};
    return Promise.create((resolve) => resolve({statusCode: 200, headers: {}, body: ''}));
  });


___NOTES___

Created on 11/25/2026, 12:00:00


