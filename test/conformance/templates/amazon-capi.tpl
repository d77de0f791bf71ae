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
  "displayName": "Amazon Conversions Lookalike",
  "categories": [
    "ADVERTISING",
    "AFFILIATE_MARKETING"
  ],
  "brand": {
    "id": "brand_dummy",
    "displayName": ""
  },
  "description": "Fires a conversion pixel server side, follows one redirect by hand and forwards the ad cookie.",
  "containerContexts": [
    "SERVER"
  ]
}


___TEMPLATE_PARAMETERS___

[
  {
    "type": "TEXT",
    "name": "tagId",
    "displayName": "Tag ID",
    "simpleValueType": true,
    "valueValidators": [
      {
        "type": "NON_EMPTY"
      }
    ]
  },
  {
    "type": "TEXT",
    "name": "eventName",
    "displayName": "Event name",
    "simpleValueType": true,
    "defaultValue": "Off-AmazonPurchases"
  }
]


___SANDBOXED_JS_FOR_SERVER___

const sendHttpGet = require('sendHttpGet');
const getRequestQueryParameter = require('getRequestQueryParameter');
const getRemoteAddress = require('getRemoteAddress');
const getRequestHeader = require('getRequestHeader');
const getCookieValues = require('getCookieValues');
const setCookie = require('setCookie');
const encodeUriComponent = require('encodeUriComponent');
const getEventData = require('getEventData');
const makeString = require('makeString');

const params = {
  tag: data.tagId,
  ev: data.eventName,
  ip: getRemoteAddress(),
  ua: getRequestHeader('user-agent'),
  aaid: getRequestQueryParameter('aaid') || getCookieValues('ad-id')[0],
  value: getEventData('value')
};

let query = '';
Object_keys(params).forEach((key) => {
  if (params[key] === undefined || params[key] === null) return;
  query += (query === '' ? '?' : '&') + key + '=' + encodeUriComponent(makeString(params[key]));
});

fire('https://s.amazon-adsystem.com/iu3' + query, 0);

function fire(url, redirects) {
  sendHttpGet(url, (statusCode, headers) => {
    if ((statusCode === 301 || statusCode === 302) && redirects < 1 && headers.location) {
      fire(headers.location, redirects + 1);
      return;
    }
    if (statusCode >= 200 && statusCode < 300) {
      const setCookieHeaders = headers['set-cookie'];
      if (setCookieHeaders && setCookieHeaders.length > 0) {
        const adId = setCookieHeaders[0].split(';')[0].split('=')[1];
        setCookie('ad-id', adId, {domain: 'auto', path: '/', 'max-age': 34128000, secure: true, sameSite: 'none', httpOnly: true}, true);
      }
      data.gtmOnSuccess();
    } else {
      data.gtmOnFailure();
    }
  }, {timeout: 2500});
}

function Object_keys(obj) {
  const keys = [];
  for (const key in obj) keys.push(key);
  return keys;
}


___SERVER_PERMISSIONS___

[
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
            "string": "specific"
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
                    "string": "user-agent"
                  }
                ]
              }
            ]
          }
        },
        {
          "key": "queryParameterWhitelist",
          "value": {
            "type": 2,
            "listItem": [
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "queryParameter"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "aaid"
                  }
                ]
              }
            ]
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
          "key": "queryParametersAllowed",
          "value": {
            "type": 8,
            "boolean": true
          }
        },
        {
          "key": "remoteAddressAllowed",
          "value": {
            "type": 8,
            "boolean": true
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
        "publicId": "read_event_data",
        "versionId": "1"
      },
      "param": [
        {
          "key": "eventDataAccess",
          "value": {
            "type": 1,
            "string": "specific"
          }
        },
        {
          "key": "keyPatterns",
          "value": {
            "type": 2,
            "listItem": [
              {
                "type": 1,
                "string": "value"
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
                "string": "ad-id"
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
                    "string": "ad-id"
                  },
                  {
                    "type": 1,
                    "string": "*"
                  },
                  {
                    "type": 1,
                    "string": "/"
                  },
                  {
                    "type": 1,
                    "string": "secure"
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
                "string": "https://s.amazon-adsystem.com/*"
              },
              {
                "type": 1,
                "string": "https://*.amazon-adsystem.com/*"
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
- name: Follows one redirect and forwards the ad-id cookie
  code: |-
    runCode(mockData);

    // The redirect's response arrives in a second callLater round.
    callLater(() => callLater(() => {
        assertThat(urls).isEqualTo([
          'https://s.amazon-adsystem.com/iu3?tag=amzn-tag-1&ev=Off-AmazonPurchases&ip=192.0.2.10&ua=Mozilla%2F5.0%20(Mac)&aaid=stored-id&value=30.5',
          'https://eu.amazon-adsystem.com/iu3?r=1'
        ]);
        assertApi('setCookie').wasCalledWith('ad-id', 'NEW-ID-9', {domain: 'auto', path: '/', 'max-age': 34128000, secure: true, sameSite: 'none', httpOnly: true}, true);
        assertApi('gtmOnSuccess').wasCalled();
    }));
- name: Only one redirect is followed
  code: |-
    responses[1] = {status: 302, headers: {location: 'https://loop.amazon-adsystem.com/'}};

    runCode(mockData);

    // The redirect's response arrives in a second callLater round.
    callLater(() => callLater(() => {
        assertThat(urls).hasLength(2);
        assertApi('gtmOnFailure').wasCalled();
        assertApi('setCookie').wasNotCalled();
    }));
- name: Query parameter wins over the cookie and missing values are skipped
  code: |-
    mock('getRequestQueryParameter', (name) => name === 'aaid' ? 'from-query' : undefined);
    mock('getEventData', () => undefined);
    responses[0] = {status: 204, headers: {}};

    runCode(mockData);

    callLater(() => {
      assertThat(urls[0]).isEqualTo('https://s.amazon-adsystem.com/iu3?tag=amzn-tag-1&ev=Off-AmazonPurchases&ip=192.0.2.10&ua=Mozilla%2F5.0%20(Mac)&aaid=from-query');
      assertThat(urls[0]).contains('aaid=from-query');
      assertThat(urls[0]).doesNotContain('value=');
      assertApi('gtmOnSuccess').wasCalled();
    });
- name: Nothing is decided before the deferred callback runs
  code: |-
    runCode(mockData);

    assertApi('gtmOnSuccess').wasNotCalled();
    assertApi('gtmOnFailure').wasNotCalled();
    assertThat(urls).hasLength(1);
setup: |-
  const callLater = require('callLater');

  const mockData = {tagId: 'amzn-tag-1', eventName: 'Off-AmazonPurchases'};

  mock('getRemoteAddress', '192.0.2.10');
  mock('getRequestHeader', (name) => name === 'user-agent' ? 'Mozilla/5.0 (Mac)' : undefined);
  mock('getRequestQueryParameter', () => undefined);
  mock('getCookieValues', ['stored-id']);
  mock('getEventData', (key) => key === 'value' ? 30.5 : undefined);

  const urls = [];
  const responses = [
    {status: 302, headers: {location: 'https://eu.amazon-adsystem.com/iu3?r=1'}},
    {status: 200, headers: {'content-type': 'image/gif', 'set-cookie': ['ad-id=NEW-ID-9; Max-Age=34128000; Path=/; Secure']}}
  ];
  mock('sendHttpGet', (url, callback, options) => {
    urls.push(url);
    const response = responses[urls.length - 1];
    callLater(() => callback(response.status, response.headers, ''));
  });


___NOTES___

Created on 11/25/2026, 12:00:00


