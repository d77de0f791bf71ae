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
  "displayName": "TikTok Events API",
  "categories": [
    "ADVERTISING",
    "CONVERSIONS",
    "ANALYTICS"
  ],
  "brand": {
    "id": "brand_dummy",
    "displayName": "TikTok Events API"
  },
  "description": "Sends server-side conversions to the TikTok Events API v1.3: GA4 → TikTok event mapping, normalised and SHA-256 hashed user data, ttclid/_ttp cookies, consent, retries, and one structured health log line per event.",
  "containerContexts": [
    "SERVER"
  ]
}


___TEMPLATE_PARAMETERS___

[
  {
    "type": "TEXT",
    "name": "accessToken",
    "displayName": "Access Token",
    "simpleValueType": true,
    "help": "The Events API access token from TikTok Events Manager (Settings → Generate Access Token). Sent only in the Access-Token header; never logged.",
    "valueValidators": [
      {
        "type": "NON_EMPTY"
      },
      {
        "type": "REGEX",
        "args": [
          "^\\S+$"
        ],
        "errorMessage": "The access token cannot contain spaces or line breaks."
      }
    ]
  },
  {
    "type": "TEXT",
    "name": "pixelCode",
    "displayName": "Pixel Code / Event Set ID",
    "simpleValueType": true,
    "alwaysInSummary": true,
    "help": "The pixel code (web) or the App / Offline / CRM event set ID, sent as <code>event_source_id</code>.",
    "valueValidators": [
      {
        "type": "NON_EMPTY"
      },
      {
        "type": "REGEX",
        "args": [
          "^[A-Za-z0-9_-]{1,64}$"
        ],
        "errorMessage": "Letters, digits, \"_\" or \"-\" only, e.g. CABC123DEF456GHI789JK."
      }
    ]
  },
  {
    "type": "SELECT",
    "name": "eventSource",
    "displayName": "Event Source",
    "macrosInSelect": false,
    "selectItems": [
      {
        "value": "web",
        "displayValue": "Web (pixel)"
      },
      {
        "value": "app",
        "displayValue": "App"
      },
      {
        "value": "offline",
        "displayValue": "Offline"
      },
      {
        "value": "crm",
        "displayValue": "CRM"
      }
    ],
    "simpleValueType": true,
    "defaultValue": "web"
  },
  {
    "type": "RADIO",
    "name": "eventNameMode",
    "displayName": "Event Name",
    "radioItems": [
      {
        "value": "inherit",
        "displayValue": "Inherit from client (GA4 → TikTok mapping)",
        "help": "page_view, view_item, add_to_cart, begin_checkout, purchase, generate_lead, … become TikTok standard events. TikTok event names sent by the client pass through unchanged."
      },
      {
        "value": "standard",
        "displayValue": "Standard event",
        "subParams": [
          {
            "type": "SELECT",
            "name": "standardEventName",
            "displayName": "TikTok standard event",
            "macrosInSelect": true,
            "selectItems": [
              {
                "value": "AddPaymentInfo",
                "displayValue": "AddPaymentInfo"
              },
              {
                "value": "AddToCart",
                "displayValue": "AddToCart"
              },
              {
                "value": "AddToWishlist",
                "displayValue": "AddToWishlist"
              },
              {
                "value": "ApplicationApproval",
                "displayValue": "ApplicationApproval"
              },
              {
                "value": "CompleteRegistration",
                "displayValue": "CompleteRegistration"
              },
              {
                "value": "Contact",
                "displayValue": "Contact"
              },
              {
                "value": "CustomizeProduct",
                "displayValue": "CustomizeProduct"
              },
              {
                "value": "Download",
                "displayValue": "Download"
              },
              {
                "value": "FindLocation",
                "displayValue": "FindLocation"
              },
              {
                "value": "InitiateCheckout",
                "displayValue": "InitiateCheckout"
              },
              {
                "value": "Lead",
                "displayValue": "Lead"
              },
              {
                "value": "Purchase",
                "displayValue": "Purchase"
              },
              {
                "value": "Schedule",
                "displayValue": "Schedule"
              },
              {
                "value": "Search",
                "displayValue": "Search"
              },
              {
                "value": "StartTrial",
                "displayValue": "StartTrial"
              },
              {
                "value": "SubmitApplication",
                "displayValue": "SubmitApplication"
              },
              {
                "value": "Subscribe",
                "displayValue": "Subscribe"
              },
              {
                "value": "ViewContent",
                "displayValue": "ViewContent"
              }
            ],
            "simpleValueType": true,
            "defaultValue": "Purchase"
          }
        ]
      },
      {
        "value": "custom",
        "displayValue": "Custom event",
        "subParams": [
          {
            "type": "TEXT",
            "name": "customEventName",
            "displayName": "Custom event name",
            "simpleValueType": true,
            "valueValidators": [
              {
                "type": "NON_EMPTY"
              }
            ]
          }
        ]
      }
    ],
    "simpleValueType": true,
    "defaultValue": "inherit"
  },
  {
    "type": "GROUP",
    "name": "eventMappingGroup",
    "displayName": "Event Mapping",
    "groupStyle": "ZIPPY_CLOSED",
    "enablingConditions": [
      {
        "paramName": "eventNameMode",
        "paramValue": "inherit",
        "type": "EQUALS"
      }
    ],
    "subParams": [
      {
        "type": "SELECT",
        "name": "eventNameVersion",
        "displayName": "Event names",
        "macrosInSelect": false,
        "selectItems": [
          {
            "value": "current",
            "displayValue": "Current (Purchase, Lead)"
          },
          {
            "value": "legacy",
            "displayValue": "Legacy (CompletePayment, SubmitForm)"
          }
        ],
        "simpleValueType": true,
        "defaultValue": "current",
        "help": "TikTok renamed CompletePayment to Purchase and SubmitForm to Lead in 2025. Keep the legacy names only if your pixel and reports still use them."
      },
      {
        "type": "SELECT",
        "name": "pageViewEvent",
        "displayName": "page_view",
        "macrosInSelect": false,
        "selectItems": [
          {
            "value": "Pageview",
            "displayValue": "Send as Pageview"
          },
          {
            "value": "skip",
            "displayValue": "Do not send"
          }
        ],
        "simpleValueType": true,
        "defaultValue": "Pageview"
      },
      {
        "type": "SELECT",
        "name": "unmappedEvents",
        "displayName": "Events without a mapping",
        "macrosInSelect": false,
        "selectItems": [
          {
            "value": "custom",
            "displayValue": "Send with their own name (custom event)"
          },
          {
            "value": "skip",
            "displayValue": "Do not send"
          }
        ],
        "simpleValueType": true,
        "defaultValue": "custom"
      },
      {
        "type": "SIMPLE_TABLE",
        "name": "eventNameOverrides",
        "displayName": "Override the mapping",
        "help": "One row per GA4 event name. Leave the TikTok event empty to not send that event.",
        "simpleTableColumns": [
          {
            "defaultValue": "",
            "displayName": "GA4 event name",
            "name": "ga4Event",
            "type": "TEXT",
            "isUnique": true,
            "valueHint": "view_cart"
          },
          {
            "defaultValue": "",
            "displayName": "TikTok event name",
            "name": "tiktokEvent",
            "type": "TEXT",
            "valueHint": "ViewContent"
          }
        ],
        "newRowButtonText": "Add event"
      }
    ]
  },
  {
    "type": "TEXT",
    "name": "testEventCode",
    "displayName": "Test Event Code",
    "simpleValueType": true,
    "help": "From Events Manager → Test Events. Remove it before publishing: test events are not used for optimisation. When empty, a <code>test_event_code</code> in the event data is used (set it per request from the web container while testing)."
  },
  {
    "type": "GROUP",
    "name": "appGroup",
    "displayName": "App",
    "groupStyle": "ZIPPY_OPEN",
    "enablingConditions": [
      {
        "paramName": "eventSource",
        "paramValue": "app",
        "type": "EQUALS"
      }
    ],
    "subParams": [
      {
        "type": "TEXT",
        "name": "appId",
        "displayName": "App ID (app.app_id)",
        "simpleValueType": true,
        "valueHint": "com.example.shop",
        "help": "The app's store id (iOS App Store id or Android package name). Beats <code>app_id</code>, <code>app.app_id</code>, <code>app.id</code> and <code>app_info.id</code> in the event data."
      },
      {
        "type": "TEXT",
        "name": "appName",
        "displayName": "App name (app.app_name)",
        "simpleValueType": true,
        "help": "Beats <code>app_name</code>, <code>app.app_name</code>, <code>app.name</code>, <code>app_info.name</code>."
      },
      {
        "type": "TEXT",
        "name": "appVersion",
        "displayName": "App version (app.app_version)",
        "simpleValueType": true,
        "help": "Beats <code>app_version</code>, <code>app.app_version</code>, <code>app.version</code>, <code>app_info.version</code>."
      },
      {
        "type": "SIMPLE_TABLE",
        "name": "appOverrides",
        "displayName": "Ad, device and app values",
        "help": "Rows that beat the event data: the <code>ad</code> object (callback, campaign_id, ad_id, creative_id, is_retargeting, attributed, attribution_type, attribution_provider), the device ids sent in <code>user</code> (idfa, idfv, gaid as the device reports them; att_status AUTHORIZED, DENIED, NOT_DETERMINED, RESTRICTED or NOT_APPLICABLE) and app_id/app_name/app_version. Without a row each is read from the flat key or <code>ad.*</code> / <code>device.*</code> in the event data; <code>advertising_id</code> becomes idfa on iOS and gaid on Android (<code>platform</code>).",
        "simpleTableColumns": [
          {
            "defaultValue": "campaign_id",
            "displayName": "Field",
            "name": "name",
            "type": "SELECT",
            "isUnique": true,
            "selectItems": [
              {
                "value": "callback",
                "displayValue": "callback"
              },
              {
                "value": "campaign_id",
                "displayValue": "campaign_id"
              },
              {
                "value": "ad_id",
                "displayValue": "ad_id"
              },
              {
                "value": "creative_id",
                "displayValue": "creative_id"
              },
              {
                "value": "is_retargeting",
                "displayValue": "is_retargeting"
              },
              {
                "value": "attributed",
                "displayValue": "attributed"
              },
              {
                "value": "attribution_type",
                "displayValue": "attribution_type"
              },
              {
                "value": "attribution_provider",
                "displayValue": "attribution_provider"
              },
              {
                "value": "idfa",
                "displayValue": "idfa"
              },
              {
                "value": "idfv",
                "displayValue": "idfv"
              },
              {
                "value": "gaid",
                "displayValue": "gaid"
              },
              {
                "value": "att_status",
                "displayValue": "att_status"
              },
              {
                "value": "app_id",
                "displayValue": "app_id"
              },
              {
                "value": "app_name",
                "displayValue": "app_name"
              },
              {
                "value": "app_version",
                "displayValue": "app_version"
              }
            ],
            "macrosInSelect": false
          },
          {
            "defaultValue": "",
            "displayName": "Value",
            "name": "value",
            "type": "TEXT"
          }
        ],
        "newRowButtonText": "Add value"
      }
    ]
  },
  {
    "type": "GROUP",
    "name": "crmGroup",
    "displayName": "CRM lead",
    "groupStyle": "ZIPPY_OPEN",
    "enablingConditions": [
      {
        "paramName": "eventSource",
        "paramValue": "crm",
        "type": "EQUALS"
      }
    ],
    "subParams": [
      {
        "type": "TEXT",
        "name": "leadId",
        "displayName": "Lead ID (lead.lead_id)",
        "simpleValueType": true,
        "help": "The id of the lead exported from TikTok Instant Forms; TikTok needs it to attribute the CRM stage. Beats <code>lead_id</code> and <code>lead.lead_id</code> in the event data; a CRM event without it gets the <code>lead_id_missing</code> warning."
      },
      {
        "type": "TEXT",
        "name": "leadEventSource",
        "displayName": "CRM name (lead.lead_event_source)",
        "simpleValueType": true,
        "valueHint": "HubSpot",
        "help": "The CRM the stage comes from, e.g. HubSpot or Salesforce. Beats <code>lead_event_source</code> and <code>lead.lead_event_source</code>."
      }
    ]
  },
  {
    "type": "GROUP",
    "name": "eventOverridesGroup",
    "displayName": "Event overrides",
    "groupStyle": "ZIPPY_CLOSED",
    "help": "Each field, when not empty, beats the event data.",
    "subParams": [
      {
        "type": "TEXT",
        "name": "eventIdOverride",
        "displayName": "Event ID",
        "simpleValueType": true,
        "help": "Sent as <code>event_id</code> (deduplication with the pixel) instead of <code>event_id</code> / <code>transaction_id</code>."
      },
      {
        "type": "TEXT",
        "name": "eventTimeOverride",
        "displayName": "Event time",
        "simpleValueType": true,
        "help": "Unix seconds, milliseconds or microseconds, instead of <code>event_time</code> / <code>timestamp</code>."
      },
      {
        "type": "TEXT",
        "name": "pageUrlOverride",
        "displayName": "Page URL",
        "simpleValueType": true,
        "help": "Instead of <code>page_location</code>: sent as page.url (web), and read for the ttclid parameter."
      },
      {
        "type": "TEXT",
        "name": "pageReferrerOverride",
        "displayName": "Page referrer",
        "simpleValueType": true,
        "help": "Instead of <code>page_referrer</code>: sent as page.referrer (web)."
      },
      {
        "type": "TEXT",
        "name": "ipOverride",
        "displayName": "IP address",
        "simpleValueType": true,
        "help": "Instead of <code>ip_override</code>; also beats an \"ip\" row of User data overrides."
      },
      {
        "type": "TEXT",
        "name": "userAgentOverride",
        "displayName": "User agent",
        "simpleValueType": true,
        "help": "Instead of <code>user_agent</code>; also beats a \"user_agent\" row of User data overrides."
      }
    ]
  },
  {
    "type": "CHECKBOX",
    "name": "limitedDataUse",
    "displayName": "",
    "checkboxText": "Limited Data Use",
    "simpleValueType": true,
    "defaultValue": false,
    "help": "Sends <code>limited_data_use: true</code> with every event (US state privacy laws)."
  },
  {
    "type": "GROUP",
    "name": "consentGroup",
    "displayName": "Consent",
    "groupStyle": "ZIPPY_CLOSED",
    "subParams": [
      {
        "type": "SELECT",
        "name": "consentMode",
        "displayName": "Send events",
        "macrosInSelect": false,
        "selectItems": [
          {
            "value": "always",
            "displayValue": "Always"
          },
          {
            "value": "ad_storage",
            "displayValue": "Only when ad_storage is granted (consent_state or x-ga-gcs)"
          }
        ],
        "simpleValueType": true,
        "defaultValue": "always",
        "help": "With ad_storage, an event whose consent says ad_storage is denied is not sent and counts as skipped. Events without any consent signal are sent."
      },
      {
        "type": "TEXT",
        "name": "skipEvent",
        "displayName": "Skip this event when",
        "simpleValueType": true,
        "help": "A variable that is true (or \"true\") when this event must not be sent. The tag then succeeds without sending and logs it as skipped."
      }
    ]
  },
  {
    "type": "GROUP",
    "name": "userDataGroup",
    "displayName": "User Data",
    "groupStyle": "ZIPPY_CLOSED",
    "subParams": [
      {
        "type": "TEXT",
        "name": "defaultPhoneCountryCode",
        "displayName": "Default phone country code",
        "simpleValueType": true,
        "valueHint": "44",
        "help": "Used for phone numbers without \"+\" or \"00\", e.g. 44 turns 07911 123456 into +447911123456.",
        "valueValidators": [
          {
            "type": "REGEX",
            "args": [
              "^\\+?[0-9]{1,4}$"
            ],
            "errorMessage": "1 to 4 digits, e.g. 1 or 44."
          }
        ]
      },
      {
        "type": "SELECT",
        "name": "addressHashing",
        "displayName": "City, state and country",
        "macrosInSelect": false,
        "selectItems": [
          {
            "value": "plain",
            "displayValue": "Send normalised, unhashed (TikTok default)"
          },
          {
            "value": "hashed",
            "displayValue": "Send SHA-256 hashed"
          }
        ],
        "simpleValueType": true,
        "defaultValue": "plain"
      },
      {
        "type": "SIMPLE_TABLE",
        "name": "userDataOverrides",
        "displayName": "User data overrides",
        "help": "Values here win over the event data. Email, phone, external_id, names and zip_code are normalised and hashed unless already SHA-256.",
        "simpleTableColumns": [
          {
            "defaultValue": "email",
            "displayName": "Field",
            "name": "name",
            "type": "SELECT",
            "isUnique": true,
            "selectItems": [
              {
                "value": "email",
                "displayValue": "email"
              },
              {
                "value": "phone",
                "displayValue": "phone"
              },
              {
                "value": "external_id",
                "displayValue": "external_id"
              },
              {
                "value": "first_name",
                "displayValue": "first_name"
              },
              {
                "value": "last_name",
                "displayValue": "last_name"
              },
              {
                "value": "city",
                "displayValue": "city"
              },
              {
                "value": "state",
                "displayValue": "state"
              },
              {
                "value": "zip_code",
                "displayValue": "zip_code"
              },
              {
                "value": "country",
                "displayValue": "country"
              },
              {
                "value": "ttclid",
                "displayValue": "ttclid"
              },
              {
                "value": "ttp",
                "displayValue": "ttp"
              },
              {
                "value": "ip",
                "displayValue": "ip"
              },
              {
                "value": "user_agent",
                "displayValue": "user_agent"
              },
              {
                "value": "locale",
                "displayValue": "locale"
              }
            ],
            "macrosInSelect": false
          },
          {
            "defaultValue": "",
            "displayName": "Value",
            "name": "value",
            "type": "TEXT"
          }
        ],
        "newRowButtonText": "Add user data"
      },
      {
        "type": "SELECT",
        "name": "urlPersonalData",
        "displayName": "Emails and phone numbers in URLs",
        "macrosInSelect": false,
        "selectItems": [
          {
            "value": "remove",
            "displayValue": "Remove them from page URL and referrer (recommended)"
          },
          {
            "value": "keep",
            "displayValue": "Keep the URLs as they are"
          }
        ],
        "simpleValueType": true,
        "defaultValue": "remove",
        "help": "Query parameters of page.url and page.referrer whose value is an email address or a phone number (international, or written with spaces/dashes, or in a parameter named phone, tel, mobile…) are removed before sending, as GA4 redacts them."
      }
    ]
  },
  {
    "type": "GROUP",
    "name": "propertiesGroup",
    "displayName": "Properties",
    "groupStyle": "ZIPPY_CLOSED",
    "subParams": [
      {
        "type": "SELECT",
        "name": "contentType",
        "displayName": "content_type when items are present",
        "macrosInSelect": true,
        "selectItems": [
          {
            "value": "product",
            "displayValue": "product"
          },
          {
            "value": "product_group",
            "displayValue": "product_group"
          }
        ],
        "simpleValueType": true,
        "defaultValue": "product"
      },
      {
        "type": "SIMPLE_TABLE",
        "name": "propertyOverrides",
        "displayName": "Properties overrides",
        "help": "value, currency, contents, content_type, query, order_id, description, shop_id or any custom property. Values here win over the event data.",
        "simpleTableColumns": [
          {
            "defaultValue": "",
            "displayName": "Property",
            "name": "name",
            "type": "TEXT",
            "isUnique": true,
            "valueHint": "value"
          },
          {
            "defaultValue": "",
            "displayName": "Value",
            "name": "value",
            "type": "TEXT"
          }
        ],
        "newRowButtonText": "Add property"
      },
      {
        "type": "CHECKBOX",
        "name": "valueFromItems",
        "displayName": "",
        "checkboxText": "Value from items when missing",
        "simpleValueType": true,
        "defaultValue": true,
        "help": "Purchase, CompletePayment, PlaceAnOrder, InitiateCheckout, AddToCart, AddPaymentInfo, Subscribe and StartTrial without a usable value get Σ price × quantity of their items (quantity 1 when absent), rounded to cents, when every item has a price."
      }
    ]
  },
  {
    "type": "GROUP",
    "name": "cookiesGroup",
    "displayName": "Cookies",
    "groupStyle": "ZIPPY_CLOSED",
    "subParams": [
      {
        "type": "CHECKBOX",
        "name": "cookiesEnabled",
        "displayName": "",
        "checkboxText": "Read and write the ttclid and _ttp first-party cookies",
        "simpleValueType": true,
        "defaultValue": true,
        "help": "ttclid (from the ttclid URL parameter) is kept 30 days, _ttp 13 months; Secure, SameSite=Lax."
      },
      {
        "type": "TEXT",
        "name": "cookieDomain",
        "displayName": "Cookie domain",
        "simpleValueType": true,
        "defaultValue": "auto",
        "enablingConditions": [
          {
            "paramName": "cookiesEnabled",
            "paramValue": true,
            "type": "EQUALS"
          }
        ]
      },
      {
        "type": "CHECKBOX",
        "name": "enhancement",
        "displayName": "",
        "checkboxText": "Event enhancement: remember hashed identifiers for later events",
        "simpleValueType": true,
        "defaultValue": false,
        "help": "Off by default. Only with ad_storage consent granted in the event: the SHA-256 hashes of email, phone and external_id an event sent are kept in the first-party cookie <code>_tt_enhanced</code> (30 days, Secure, HttpOnly, SameSite=Lax, path /, the cookie domain above) and added to later events of the same browser that lack them. Only hashes are stored, never raw values. A denied ad_storage deletes the cookie."
      }
    ]
  },
  {
    "type": "GROUP",
    "name": "deliveryGroup",
    "displayName": "Delivery",
    "groupStyle": "ZIPPY_CLOSED",
    "subParams": [
      {
        "type": "TEXT",
        "name": "timeoutMs",
        "displayName": "Request timeout",
        "simpleValueType": true,
        "defaultValue": "5000",
        "valueUnit": "ms",
        "help": "Time budget for all attempts together (250 to 60000 ms).",
        "valueValidators": [
          {
            "type": "POSITIVE_NUMBER"
          }
        ]
      },
      {
        "type": "SELECT",
        "name": "maxRetries",
        "displayName": "Retries",
        "macrosInSelect": false,
        "selectItems": [
          {
            "value": "0",
            "displayValue": "None"
          },
          {
            "value": "1",
            "displayValue": "1"
          },
          {
            "value": "2",
            "displayValue": "2"
          },
          {
            "value": "3",
            "displayValue": "3"
          }
        ],
        "simpleValueType": true,
        "defaultValue": "1",
        "help": "Retries on timeouts, network errors, HTTP 5xx/429 and TikTok rate-limit or server codes, within the timeout."
      },
      {
        "type": "CHECKBOX",
        "name": "optimistic",
        "displayName": "",
        "checkboxText": "Optimistic: report success before TikTok answers",
        "simpleValueType": true,
        "defaultValue": false
      }
    ]
  },
  {
    "type": "GROUP",
    "name": "loggingGroup",
    "displayName": "Logging",
    "groupStyle": "ZIPPY_CLOSED",
    "subParams": [
      {
        "type": "SELECT",
        "name": "loggingLevel",
        "displayName": "Logs",
        "macrosInSelect": false,
        "selectItems": [
          {
            "value": "standard",
            "displayValue": "Result line per event; request and response in preview"
          },
          {
            "value": "debug",
            "displayValue": "Always log request and response too"
          },
          {
            "value": "off",
            "displayValue": "Off"
          }
        ],
        "simpleValueType": true,
        "defaultValue": "standard"
      },
      {
        "type": "TEXT",
        "name": "tagName",
        "displayName": "Tag name in logs",
        "simpleValueType": true,
        "defaultValue": "TikTok Events API"
      }
    ]
  }
]


___SANDBOXED_JS_FOR_SERVER___

// src/sandbox.ts
var getType = require("getType");
var JSON = require("JSON");
var sha256Sync = require("sha256Sync");
var parseUrl = require("parseUrl");
var getTimestampMillis = require("getTimestampMillis");
var getAllEventData = require("getAllEventData");
var getRequestHeader = require("getRequestHeader");
var getCookieValues = require("getCookieValues");
var sendHttpRequest = require("sendHttpRequest");
var logToConsole = require("logToConsole");
var getContainerVersion = require("getContainerVersion");
var makeNumberApi;
var encodeUriComponentApi;
var setCookieApi;
var makeNumber = (value) => {
  if (makeNumberApi === undefined) makeNumberApi = require("makeNumber");
  return makeNumberApi(value);
};
var encodeUriComponent = (value) => {
  if (encodeUriComponentApi === undefined) encodeUriComponentApi = require("encodeUriComponent");
  return encodeUriComponentApi(value);
};
var setCookie = (name, value, options, noEncode) => {
  if (setCookieApi === undefined) setCookieApi = require("setCookie");
  return setCookieApi(name, value, options, noEncode);
};

// src/values.ts
var MAX_STRING = 2048;
function kindOf(value) {
  const type = typeof value;
  if (type !== "object") return type;
  if (value === null) return "null";
  return getType(value);
}
function isObject(value) {
  return typeof value === "object" && value !== null && getType(value) === "object";
}
function isArray(value) {
  return typeof value === "object" && value !== null && getType(value) === "array";
}
function asObject(value) {
  return isObject(value) ? value : {};
}
function own(value, key) {
  return given(value[key]);
}
function given(value) {
  return typeof value === "function" ? undefined : value;
}
function field(value, key) {
  return isObject(value) ? own(value, key) : undefined;
}
function recordOf(value) {
  const kind = kindOf(value);
  if (kind === "object") return value;
  if (kind !== "array") return {};
  const list = value;
  return list.length > 0 ? asObject(list[0]) : {};
}
function firstItem(list) {
  if (typeof list !== "object" || list === null) return undefined;
  const items = list;
  return items.length > 0 ? own(items, "0") : undefined;
}
function isUnsafeKey(key) {
  return key === "__proto__" || key === "constructor" || key === "prototype";
}
function text(value, maxLength) {
  const type = typeof value;
  let result;
  if (type === "string") result = value.trim();
  else if (type === "number") {
    if (!isFiniteNumber(value)) return undefined;
    result = "" + value;
  } else if (type === "boolean") result = value ? "true" : "false";
  else return undefined;
  if (result === "" || result === "undefined" || result === "null") return undefined;
  return truncate(result, maxLength === undefined ? MAX_STRING : maxLength);
}
function wholePart(n) {
  return n - n % 1;
}
function roundHalfUp(n) {
  if (!isFiniteNumber(n)) return n;
  const whole = wholePart(n);
  const floor = n < whole ? whole - 1 : whole;
  return n - floor >= 0.5 ? floor + 1 : floor;
}
function isFiniteNumber(value) {
  return typeof value === "number" && value === value && value * 0 === 0;
}
function numeric(value) {
  const type = typeof value;
  if (type === "number") return isFiniteNumber(value) ? value : undefined;
  if (type !== "string") return undefined;
  const trimmed = value.trim();
  if (trimmed === "" || trimmed.length > 40) return undefined;
  const n = makeNumber(trimmed);
  return isFiniteNumber(n) ? n : undefined;
}
function firstDefined(values) {
  for (let i = 0; i < values.length; i++) {
    if (values[i] !== undefined) return values[i];
  }
  return undefined;
}
function contains(list, value) {
  return list.indexOf(value) !== -1;
}
function truncate(value, maxLength) {
  return value.length > maxLength ? value.substring(0, maxLength) : value;
}
function onlyChars(value, chars) {
  for (let i = 0; i < value.length; i++) {
    if (chars.indexOf(value.charAt(i)) === -1) return false;
  }
  return true;
}
function redact(value, secrets) {
  let out = value;
  let lower = out.toLowerCase();
  for (let i = 0; i < secrets.length; i++) {
    if (secrets[i].length < 3) continue;
    const needle = secrets[i];
    let at = lower.indexOf(needle);
    if (at === -1) continue;
    if (lower.length !== out.length) {
      out = lower.split(needle).join("[REDACTED]");
      lower = out.toLowerCase();
      continue;
    }
    let result = "";
    let from = 0;
    while (at !== -1) {
      result += out.substring(from, at) + "[REDACTED]";
      from = at + needle.length;
      at = lower.indexOf(needle, from);
    }
    out = result + out.substring(from);
    lower = out.toLowerCase();
  }
  return out;
}
function hasKeys(value) {
  for (const key in value) return true;
  return false;
}
function isTruthyFlag(value) {
  return value === true || value === "true" || value === 1 || value === "1";
}

// src/config.ts
var DEFAULT_TAG_NAME = "TikTok Events API";
var DEFAULT_TIMEOUT_MS = 5e3;
var MIN_TIMEOUT_MS = 250;
var MAX_TIMEOUT_MS = 6e4;
var MAX_RETRIES = 3;
var EVENT_SOURCES = ["web", "app", "offline", "crm"];
var ID_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";
function choice(value, allowed, fallback) {
  const chosen = text(value);
  return chosen !== undefined && contains(allowed, chosen) ? chosen : fallback;
}
function flag(value, fallback) {
  if (value === undefined || value === null || value === "") return fallback;
  return isTruthyFlag(value);
}
function isHeaderSafe(value) {
  for (let i = 0; i < value.length; i++) {
    const ch = value.charAt(i);
    if (ch <= " " || ch === "") return false;
  }
  return true;
}
function tableToMap(rows, keyColumn, valueColumn) {
  const out = {};
  if (!isArray(rows)) return out;
  for (let i = 0; i < rows.length && i < 200; i++) {
    const row = rows[i];
    if (!isObject(row)) continue;
    const key = text(own(row, keyColumn), 100);
    if (key === undefined || isUnsafeKey(key)) continue;
    out[key] = own(row, valueColumn);
  }
  return out;
}
function stringMap(map) {
  const out = {};
  for (const key in map) {
    const value = text(map[key], 100);
    out[key] = value === undefined ? "" : value;
  }
  return out;
}
function timeout(value) {
  const n = numeric(value);
  if (n === undefined || n <= 0) return DEFAULT_TIMEOUT_MS;
  if (n < MIN_TIMEOUT_MS) return MIN_TIMEOUT_MS;
  return n > MAX_TIMEOUT_MS ? MAX_TIMEOUT_MS : wholePart(n);
}
function retries(value) {
  const n = numeric(value);
  if (n === undefined || n < 0) return value === undefined ? 1 : 0;
  return n > MAX_RETRIES ? MAX_RETRIES : wholePart(n);
}
function readConfig(data2) {
  const received = typeof data2 === "object" && data2 !== null;
  const fields = received ? data2 : {};
  const accessToken = text(given(fields.accessToken), 1e3);
  const pixelCode = text(given(fields.pixelCode), 100);
  const mode = choice(given(fields.eventNameMode), ["inherit", "standard", "custom"], "inherit");
  const fixedEventName = mode === "standard" ? text(given(fields.standardEventName), 100) : mode === "custom" ? text(given(fields.customEventName), 100) : undefined;
  const pageView = text(given(fields.pageViewEvent), 100);
  const tagName = text(given(fields.tagName), 100);
  const config = {
    accessToken: accessToken === undefined ? "" : accessToken,
    pixelCode: pixelCode === undefined ? "" : pixelCode,
    eventSource: choice(given(fields.eventSource), EVENT_SOURCES, "web"),
    eventNameMode: mode,
    fixedEventName: fixedEventName,
    legacyNames: text(given(fields.eventNameVersion)) === "legacy",
    pageViewEvent: pageView === undefined ? "Pageview" : pageView === "skip" ? "" : pageView,
    unmappedEvents: choice(given(fields.unmappedEvents), ["custom", "skip"], "custom"),
    eventNameOverrides: stringMap(tableToMap(given(fields.eventNameOverrides), "ga4Event", "tiktokEvent")),
    testEventCode: text(given(fields.testEventCode), 100),
    limitedDataUse: flag(given(fields.limitedDataUse), false),
    consentMode: choice(given(fields.consentMode), ["always", "ad_storage"], "always"),
    skipRequested: isTruthyFlag(given(fields.skipEvent)),
    defaultPhoneCountryCode: text(given(fields.defaultPhoneCountryCode), 8),
    hashAddress: text(given(fields.addressHashing)) === "hashed",
    userDataOverrides: tableToMap(given(fields.userDataOverrides), "name", "value"),
    contentType: choice(given(fields.contentType), ["product", "product_group"], "product"),
    propertyOverrides: tableToMap(given(fields.propertyOverrides), "name", "value"),
    cookiesEnabled: flag(given(fields.cookiesEnabled), true),
    cookieDomain: text(given(fields.cookieDomain), 253) || "auto",
    timeoutMs: timeout(given(fields.timeoutMs)),
    maxRetries: retries(given(fields.maxRetries)),
    optimistic: flag(given(fields.optimistic), false),
    logging: choice(given(fields.loggingLevel), ["off", "standard", "debug"], "standard"),
    tagName: tagName === undefined ? DEFAULT_TAG_NAME : tagName,
    eventIdOverride: text(given(fields.eventIdOverride), 500),
    eventTimeOverride: given(fields.eventTimeOverride),
    pageUrlOverride: text(given(fields.pageUrlOverride), 8192),
    pageReferrerOverride: text(given(fields.pageReferrerOverride), 8192),
    ipOverride: text(given(fields.ipOverride), 1e3),
    userAgentOverride: text(given(fields.userAgentOverride), 2048),
    valueFromItems: flag(given(fields.valueFromItems), true),
    urlPersonalData: choice(given(fields.urlPersonalData), ["remove", "keep"], "remove"),
    appId: text(given(fields.appId), 200),
    appName: text(given(fields.appName), 200),
    appVersion: text(given(fields.appVersion), 100),
    appOverrides: tableToMap(given(fields.appOverrides), "name", "value"),
    leadId: text(given(fields.leadId), 200),
    leadEventSource: text(given(fields.leadEventSource), 200),
    enhancement: flag(given(fields.enhancement), false)
  };
  if (config.ipOverride !== undefined) config.userDataOverrides.ip = config.ipOverride;
  if (config.userAgentOverride !== undefined) config.userDataOverrides.user_agent = config.userAgentOverride;
  return { config: config, error: configError(config, received) };
}
function configError(config, received) {
  if (!received) return "the tag received no field values; check the tag configuration";
  if (config.accessToken === "") return "Access Token is empty; paste the token from TikTok Events Manager into the tag";
  if (!isHeaderSafe(config.accessToken)) return "Access Token contains spaces or control characters; paste it again without them";
  if (config.pixelCode === "") return "Pixel Code is empty; set the pixel code (or event set ID) from TikTok Events Manager";
  if (!onlyChars(config.pixelCode, ID_CHARS)) return 'Pixel Code may only contain letters, digits, "_" and "-"; check the value from Events Manager';
  if (config.eventNameMode !== "inherit" && config.fixedEventName === undefined) {
    return "Event Name is set to " + config.eventNameMode + " but no event name is given; pick or type one";
  }
  return undefined;
}

// src/consent.ts
function fromValue(value) {
  if (value === true) return "granted";
  if (value === false) return "denied";
  const word = text(value, 20);
  if (word === undefined) return "unknown";
  const lower = word.toLowerCase();
  if (lower === "granted" || lower === "true" || lower === "1") return "granted";
  if (lower === "denied" || lower === "false" || lower === "0") return "denied";
  return "unknown";
}
function adStorageConsent(value) {
  const eventData = typeof value === "object" && value !== null ? value : {};
  const fromState = fromValue(field(given(eventData.consent_state), "ad_storage"));
  if (fromState !== "unknown") return fromState;
  const gcs = text(given(eventData["x-ga-gcs"]), 10);
  if (gcs === undefined || gcs.length < 3 || gcs.substring(0, 2) !== "G1") return "unknown";
  const adStorage = gcs.charAt(2);
  if (adStorage === "1") return "granted";
  if (adStorage === "0") return "denied";
  return "unknown";
}
function consentAllowsSending(mode, adStorage) {
  return mode === "always" || adStorage !== "denied";
}

// src/cookie-names.ts
var TTCLID_COOKIE = "ttclid";
var TTP_COOKIE = "_ttp";
var ENHANCEMENT_COOKIE = "_tt_enhanced";

// src/cookies.ts
var TTCLID_MAX_AGE_S = 30 * 24 * 60 * 60;
var TTP_MAX_AGE_S = 395 * 24 * 60 * 60;
function firstCookie(name) {
  return text(firstItem(getCookieValues(name)), 500);
}
function readBrowserIds(ttclidFromUrl, useCookies) {
  return {
    ttclidFromUrl: ttclidFromUrl,
    ttclidCookie: useCookies ? firstCookie(TTCLID_COOKIE) : undefined,
    ttpCookie: useCookies ? firstCookie(TTP_COOKIE) : undefined
  };
}
function writeCookie(name, value, maxAge, domain) {
  setCookie(name, value, { domain: domain, path: "/", "max-age": maxAge, secure: true, httpOnly: false, sameSite: "lax" });
}
function writeBrowserIds(ttclid, ttp, domain) {
  const click = text(ttclid, 500);
  const browser = text(ttp, 500);
  if (click !== undefined) writeCookie(TTCLID_COOKIE, click, TTCLID_MAX_AGE_S, domain);
  if (browser !== undefined) writeCookie(TTP_COOKIE, browser, TTP_MAX_AGE_S, domain);
}

// src/tiktok-events.ts
var STANDARD_EVENTS = [
  "AddPaymentInfo",
  "AddToCart",
  "AddToWishlist",
  "ApplicationApproval",
  "CompleteRegistration",
  "Contact",
  "CustomizeProduct",
  "Download",
  "FindLocation",
  "InitiateCheckout",
  "Lead",
  "Purchase",
  "Schedule",
  "Search",
  "StartTrial",
  "SubmitApplication",
  "Subscribe",
  "ViewContent"
];
var LEGACY_EVENTS = ["CompletePayment", "SubmitForm", "ClickButton", "PlaceAnOrder", "Pageview"];
var USER_KEYS = [
  "email",
  "phone",
  "external_id",
  "first_name",
  "last_name",
  "city",
  "state",
  "zip_code",
  "country",
  "ttclid",
  "ttp",
  "ip",
  "user_agent",
  "locale"
];
var VALUE_EVENTS = [
  "Purchase",
  "CompletePayment",
  "PlaceAnOrder",
  "InitiateCheckout",
  "AddToCart",
  "AddPaymentInfo",
  "Subscribe",
  "StartTrial"
];
var CONTENT_EVENTS = [
  "ViewContent",
  "AddToCart",
  "AddToWishlist",
  "InitiateCheckout",
  "AddPaymentInfo",
  "Purchase",
  "CompletePayment",
  "PlaceAnOrder"
];

// src/data-quality.ts
function warning(code, field2, message) {
  if (field2 === undefined) return { code: code, message: message };
  return { code: code, field: field2, message: message };
}
function contentsWithoutId(properties) {
  const contents = given(properties.contents);
  if (contents === undefined) return -1;
  let missing = 0;
  for (let i = 0; i < contents.length; i++) {
    if (contents[i].content_id === undefined) missing++;
  }
  return missing;
}
function propertyWarnings(properties, inputs, warnings) {
  const sentCurrency = properties.currency !== undefined;
  const sentValue = properties.value !== undefined;
  if (text(inputs.rawCurrency) !== undefined && !sentCurrency) {
    warnings.push(warning("currency_invalid", "properties.currency", "currency is not a 3-letter ISO 4217 code (e.g. EUR, USD); the event was sent without currency"));
  } else if (sentValue && !sentCurrency) {
    warnings.push(warning("currency_missing", "properties.currency", "value is sent without currency; TikTok cannot report revenue without an ISO 4217 currency"));
  }
  if (text(inputs.rawValue) !== undefined && numeric(inputs.rawValue) === undefined) {
    const instead = sentValue ? "the sum of price × quantity of the items was sent instead" : "it was not sent";
    warnings.push(warning("value_invalid", "properties.value", "value is not a number (use a dot for decimals and no thousands separator, e.g. 1234.56); " + instead));
  } else if (!sentValue && VALUE_EVENTS.indexOf(inputs.eventName) !== -1) {
    const why = inputs.valueFromItems ? "and it could not be computed from the items (each needs a price)" : "and value from items is off";
    warnings.push(warning("value_missing", "properties.value", inputs.eventName + " has no value " + why + "; TikTok reports no revenue for it"));
  }
  if (CONTENT_EVENTS.indexOf(inputs.eventName) === -1) return;
  const missing = contentsWithoutId(properties);
  if (missing === -1) {
    warnings.push(warning("content_id_missing", "properties.contents", inputs.eventName + " has no items with an id; catalog ads match products by content_id (GA4 items[].item_id)"));
  } else if (missing > 0) {
    warnings.push(warning("content_id_missing", "properties.contents", missing + " of " + given(properties.contents).length + " items " + (missing === 1 ? "has" : "have") + " no id; catalog ads match products by content_id (GA4 items[].item_id)"));
  }
}

// src/normalize.ts
var HEX = "0123456789abcdef";
var LETTERS = "abcdefghijklmnopqrstuvwxyz";
function isSha256Hex(value) {
  return value.length === 64 && onlyChars(value.toLowerCase(), HEX);
}
function sha256Hex(value) {
  return sha256Sync(value, { outputEncoding: "hex" });
}
function hashNormalized(value) {
  if (value === undefined) return undefined;
  if (isSha256Hex(value)) return value.toLowerCase();
  return sha256Hex(value);
}
function normalizeEmail(raw) {
  const value = raw.trim().toLowerCase();
  if (isSha256Hex(value)) return value;
  const at = value.indexOf("@");
  if (at < 1 || at === value.length - 1 || value.length > 254) return undefined;
  if (value.indexOf(" ") !== -1) return undefined;
  return value;
}
function digitsOf(value) {
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const ch = value.charAt(i);
    if (ch >= "0" && ch <= "9") out += ch;
  }
  return out;
}
function hasCountryCode(raw) {
  const value = raw.trim();
  return value.charAt(0) === "+" || digitsOf(value).substring(0, 2) === "00" || isSha256Hex(value);
}
function normalizePhone(raw, defaultCountryCode) {
  const value = raw.trim();
  if (isSha256Hex(value)) return value.toLowerCase();
  let digits = digitsOf(value);
  let international = value.charAt(0) === "+";
  if (!international && digits.substring(0, 2) === "00") {
    international = true;
    digits = digits.substring(2);
  }
  if (!international) {
    const country = defaultCountryCode === undefined ? "" : digitsOf(defaultCountryCode);
    if (country !== "") {
      while (digits.charAt(0) === "0") digits = digits.substring(1);
      if (digits.substring(0, country.length) !== country || digits.length < 10) digits = country + digits;
    }
  }
  if (digits.length < 8 || digits.length > 15 || digits.charAt(0) === "0") return undefined;
  return "+" + digits;
}
function normalizeExternalId(raw) {
  const value = raw.trim().toLowerCase();
  return value === "" ? undefined : value;
}
function normalizeName(raw) {
  const value = raw.trim().toLowerCase();
  return value === "" ? undefined : value;
}
var ADDRESS_STRIP = " .,-'_/()	";
function stripChars(value, chars) {
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const ch = value.charAt(i);
    if (chars.indexOf(ch) === -1) out += ch;
  }
  return out;
}
function normalizeCityOrState(raw) {
  const value = stripChars(raw.trim().toLowerCase(), ADDRESS_STRIP);
  return value === "" ? undefined : value;
}
function normalizeZip(raw) {
  const value = stripChars(raw.trim().toLowerCase(), " -");
  return value === "" ? undefined : value;
}
function normalizeCountry(raw) {
  const value = raw.trim().toLowerCase();
  return value.length === 2 && onlyChars(value, LETTERS) ? value : undefined;
}
function normalizeLocale(raw) {
  const value = raw.trim();
  if (value === "" || value.length > 35) return undefined;
  const parts = value.split("_").join("-").split("-");
  let out = parts[0].toLowerCase();
  if (out.length < 2 || out.length > 3 || !onlyChars(out, LETTERS)) return undefined;
  for (let i = 1; i < parts.length; i++) {
    if (parts[i] === "") continue;
    out += "-" + (parts[i].length === 2 ? parts[i].toUpperCase() : parts[i]);
  }
  return out;
}
function normalizeIp(raw) {
  const comma = raw.indexOf(",");
  const value = (comma === -1 ? raw : raw.substring(0, comma)).trim();
  if (value.length < 3 || value.length > 45) return undefined;
  if (value.indexOf(".") === -1 && value.indexOf(":") === -1) return undefined;
  return onlyChars(value.toLowerCase(), "0123456789abcdef.:") ? value : undefined;
}

// src/enhancement.ts
var ENHANCEMENT_MAX_AGE_S = 30 * 24 * 60 * 60;
var VERSION = "v1";
var MAX_HASHES = 3;
var TAGS = { email: "e", phone: "p", external_id: "x" };
var ENHANCED_KEYS = ["email", "phone", "external_id"];
function parseStoredIds(value) {
  const out = {};
  if (value === undefined) return out;
  const parts = value.split("~");
  if (parts[0] !== VERSION) return out;
  for (let i = 1; i < parts.length; i++) {
    const fields = parts[i].split(".");
    for (let k = 0; k < ENHANCED_KEYS.length; k++) {
      const key = ENHANCED_KEYS[k];
      if (fields[0] !== TAGS[key] || out[key] !== undefined) continue;
      const hashes = [];
      for (let j = 1; j < fields.length && hashes.length < MAX_HASHES; j++) {
        if (isSha256Hex(fields[j]) && fields[j] === fields[j].toLowerCase()) hashes.push(fields[j]);
      }
      if (hashes.length > 0) out[key] = hashes;
    }
  }
  return out;
}
function readStoredIds() {
  return parseStoredIds(text(firstItem(getCookieValues(ENHANCEMENT_COOKIE)), 4096));
}
function hashesOf(value) {
  const list = typeof value === "string" ? [value] : isArray(value) ? value : [];
  const out = [];
  for (let i = 0; i < list.length && out.length < MAX_HASHES; i++) {
    const item = list[i];
    if (typeof item === "string" && isSha256Hex(item)) out.push(item);
  }
  return out;
}
function storedValue(user, stored) {
  let out = VERSION;
  let any = false;
  for (let i = 0; i < ENHANCED_KEYS.length; i++) {
    const key = ENHANCED_KEYS[i];
    const sent = hashesOf(user[key]);
    const hashes = sent.length > 0 ? sent : stored[key] === undefined ? [] : stored[key];
    if (hashes.length === 0) continue;
    out += "~" + TAGS[key] + "." + hashes.join(".");
    any = true;
  }
  return any ? out : "";
}
function identifies(user, enhancedKeys) {
  for (let i = 0; i < ENHANCED_KEYS.length; i++) {
    const key = ENHANCED_KEYS[i];
    if (user[key] !== undefined && enhancedKeys.indexOf(key) === -1) return true;
  }
  return false;
}
function cookieOptions(domain, maxAge) {
  return { domain: domain, path: "/", "max-age": maxAge, secure: true, httpOnly: true, sameSite: "lax" };
}
function writeStoredIds(user, stored, enhancedKeys, domain) {
  if (!identifies(user, enhancedKeys)) return;
  const value = storedValue(user, stored);
  if (value !== "") setCookie(ENHANCEMENT_COOKIE, value, cookieOptions(domain, ENHANCEMENT_MAX_AGE_S));
}
function clearStoredIds(domain) {
  const values = getCookieValues(ENHANCEMENT_COOKIE);
  if (isArray(values) && values.length > 0) setCookie(ENHANCEMENT_COOKIE, "deleted", cookieOptions(domain, 0));
}

// src/event-names.ts
var LEGACY_NAME = { Purchase: "CompletePayment", Lead: "SubmitForm" };
var GA4_TO_TIKTOK = {
  view_item: "ViewContent",
  view_item_list: "ViewContent",
  select_item: "ViewContent",
  search: "Search",
  view_search_results: "Search",
  add_to_wishlist: "AddToWishlist",
  add_to_cart: "AddToCart",
  begin_checkout: "InitiateCheckout",
  add_payment_info: "AddPaymentInfo",
  add_shipping_info: "AddShippingInfo",
  purchase: "Purchase",
  sign_up: "CompleteRegistration",
  generate_lead: "Lead",
  contact: "Contact",
  subscribe: "Subscribe",
  file_download: "Download",
  find_location: "FindLocation",
  schedule: "Schedule",
  start_trial: "StartTrial",
  customize_product: "CustomizeProduct",
  submit_application: "SubmitApplication"
};
function withNameVersion(name, legacy) {
  const legacyName = own(LEGACY_NAME, name);
  return legacy && typeof legacyName === "string" ? legacyName : name;
}
function resolveEventName(ga4Event, options) {
  if (options.mode !== "inherit") {
    if (options.fixedName === undefined) return { name: undefined, skipReason: "event_not_mapped" };
    return { name: withNameVersion(options.fixedName, options.legacyNames), skipReason: undefined };
  }
  if (ga4Event === undefined) return { name: undefined, skipReason: "event_not_mapped" };
  const override = own(options.overrides, ga4Event);
  if (typeof override === "string") {
    if (override === "") return { name: undefined, skipReason: "event_not_mapped" };
    return { name: withNameVersion(override, options.legacyNames), skipReason: undefined };
  }
  if (ga4Event === "page_view") {
    if (options.pageView === "") return { name: undefined, skipReason: "event_not_mapped" };
    return { name: options.pageView, skipReason: undefined };
  }
  const mapped = text(own(GA4_TO_TIKTOK, ga4Event));
  if (mapped !== undefined) {
    return { name: withNameVersion(mapped, options.legacyNames), skipReason: undefined };
  }
  if (contains(STANDARD_EVENTS, ga4Event) || contains(LEGACY_EVENTS, ga4Event)) {
    return { name: withNameVersion(ga4Event, options.legacyNames), skipReason: undefined };
  }
  const lower = ga4Event.toLowerCase();
  const mappedLower = text(own(GA4_TO_TIKTOK, lower));
  if (mappedLower !== undefined) return { name: withNameVersion(mappedLower, options.legacyNames), skipReason: undefined };
  const known = tiktokNameIgnoringCase(lower);
  if (known !== undefined) return { name: withNameVersion(known, options.legacyNames), skipReason: undefined };
  if (options.unmapped === "skip") return { name: undefined, skipReason: "event_not_mapped" };
  const problem = customNameProblem(ga4Event);
  if (problem !== undefined) return { name: undefined, skipReason: "event_not_mapped", invalidReason: problem };
  return { name: ga4Event, skipReason: undefined };
}
function tiktokNameIgnoringCase(lower) {
  const names = STANDARD_EVENTS.concat(LEGACY_EVENTS);
  for (let i = 0; i < names.length; i++) {
    if (names[i].toLowerCase() === lower) return names[i];
  }
  return undefined;
}
var CUSTOM_NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_- ";
var MAX_CUSTOM_NAME = 50;
function customNameProblem(name) {
  if (name.length === 0) return "the event name is empty";
  if (name.length > MAX_CUSTOM_NAME) return "the event name has " + name.length + " characters; TikTok takes custom event names of at most " + MAX_CUSTOM_NAME;
  if (name.charAt(0) === " " || name.charAt(0) === "-") return 'the event name starts with a space or "-", which TikTok refuses in custom event names';
  if (!onlyChars(name, CUSTOM_NAME_CHARS)) return 'the event name has characters TikTok refuses in custom event names (only ASCII letters, digits, "_", "-" and spaces)';
  return undefined;
}

// src/event-sources.ts
var AD_KEYS = [
  "callback",
  "campaign_id",
  "ad_id",
  "creative_id",
  "is_retargeting",
  "attributed",
  "attribution_type",
  "attribution_provider"
];
var DEVICE_KEYS = ["idfa", "idfv", "gaid", "att_status"];
var ATT_STATUSES = ["AUTHORIZED", "DENIED", "NOT_DETERMINED", "RESTRICTED", "NOT_APPLICABLE"];
var ATT_BY_CODE = ["NOT_DETERMINED", "RESTRICTED", "DENIED", "AUTHORIZED"];
var BOOLEAN_AD_KEYS = ["is_retargeting", "attributed"];
var ZERO_ID = "00000000-0000-0000-0000-000000000000";
function appSources(eventData) {
  return {
    event: eventData,
    app: recordOf(given(eventData.app)),
    ad: recordOf(given(eventData.ad)),
    device: recordOf(given(eventData.device)),
    appInfo: recordOf(given(eventData.app_info))
  };
}
function rowOr(fields, key, fallback) {
  const row = own(fields.overrides, key);
  return text(row) !== undefined ? row : fallback;
}
function buildApp(sources, fields) {
  const app = {};
  const id = text(rowOr(fields, "app_id", firstDefined([fields.appId, given(sources.event.app_id), given(sources.app.app_id), given(sources.app.id), given(sources.appInfo.id)])), 200);
  const name = text(rowOr(fields, "app_name", firstDefined([fields.appName, given(sources.event.app_name), given(sources.app.app_name), given(sources.app.name), given(sources.appInfo.name)])), 200);
  const version = text(rowOr(fields, "app_version", firstDefined([fields.appVersion, given(sources.event.app_version), given(sources.app.app_version), given(sources.app.version), given(sources.appInfo.version)])), 100);
  if (id !== undefined) app.app_id = id;
  if (name !== undefined) app.app_name = name;
  if (version !== undefined) app.app_version = version;
  return app;
}
function booleanOf(value) {
  if (isTruthyFlag(value)) return true;
  return value === false || value === "false" || value === 0 || value === "0" ? false : undefined;
}
function buildAd(sources, fields) {
  const ad = {};
  for (let i = 0; i < AD_KEYS.length; i++) {
    const key = AD_KEYS[i];
    const raw = rowOr(fields, key, firstDefined([own(sources.event, key), own(sources.ad, key)]));
    const value = BOOLEAN_AD_KEYS.indexOf(key) !== -1 ? booleanOf(raw) : text(raw, key === "callback" ? 1e3 : 200);
    if (value !== undefined) ad[key] = value;
  }
  return ad;
}
function platformOf(sources) {
  const platform = text(firstDefined([given(sources.event.platform), given(sources.event.os), given(sources.device.operating_system), given(sources.device.platform)]), 50);
  return platform === undefined ? "" : platform.toLowerCase();
}
function isDeviceId(value) {
  return value.length === 36 && onlyChars(value.toLowerCase(), "0123456789abcdef-") && value.charAt(8) === "-" && value.charAt(13) === "-" && value.charAt(18) === "-" && value.charAt(23) === "-" && value !== ZERO_ID;
}
function normalizeAttStatus(raw) {
  if (typeof raw === "number") {
    const index = [0, 1, 2, 3].indexOf(raw);
    return index === -1 ? undefined : ATT_BY_CODE[index];
  }
  const value = text(raw, 40);
  if (value === undefined) return undefined;
  const upper = value.toUpperCase().split(" ").join("_");
  if (ATT_STATUSES.indexOf(upper) !== -1) return upper;
  const code = ["0", "1", "2", "3"].indexOf(upper);
  return code === -1 ? undefined : ATT_BY_CODE[code];
}
function buildDeviceIds(sources, fields, warnings) {
  const out = {};
  const platform = platformOf(sources);
  const advertisingId = firstDefined([given(sources.event.advertising_id), given(sources.device.advertising_id)]);
  const candidates = {
    idfa: firstDefined([given(sources.event.idfa), given(sources.device.idfa), platform === "ios" ? advertisingId : undefined]),
    idfv: firstDefined([given(sources.event.idfv), given(sources.device.idfv), given(sources.device.vendor_id)]),
    gaid: firstDefined([given(sources.event.gaid), given(sources.device.gaid), given(sources.event.adid), platform === "android" ? advertisingId : undefined]),
    att_status: firstDefined([given(sources.event.att_status), given(sources.device.att_status)])
  };
  for (let i = 0; i < DEVICE_KEYS.length; i++) {
    const key = DEVICE_KEYS[i];
    const raw = rowOr(fields, key, candidates[key]);
    if (raw === undefined || raw === null || raw === "") continue;
    if (key === "att_status") {
      const status = normalizeAttStatus(raw);
      if (status !== undefined) out.att_status = status;
      else warnings.push({ code: "att_status_invalid", field: "user.att_status", message: "att_status is not one of " + ATT_STATUSES.join(", ") + " (or iOS status 0-3); it was not sent" });
      continue;
    }
    const id = text(raw, 100);
    if (id === undefined || id === ZERO_ID) continue;
    if (isDeviceId(id)) out[key] = id;
    else warnings.push({ code: "device_id_invalid", field: "user." + key, message: key + " is not a device id (a UUID such as 6D92078A-8246-4BA4-AE5B-76104861E7DC); it was not sent" });
  }
  return out;
}
function buildLead(eventData, fields) {
  const nested = recordOf(given(eventData.lead));
  const lead = {};
  const id = text(firstDefined([fields.leadId, given(eventData.lead_id), given(nested.lead_id)]), 200);
  const source = text(firstDefined([fields.leadEventSource, given(eventData.lead_event_source), given(nested.lead_event_source)]), 200);
  if (id !== undefined) lead.lead_id = id;
  if (source !== undefined) lead.lead_event_source = source;
  return lead;
}
function buildSourceParts(eventSource, eventData, fields, warnings) {
  const parts = { deviceIds: {}, app: {}, ad: {}, lead: {} };
  if (eventSource === "app") {
    const sources = appSources(eventData);
    parts.deviceIds = buildDeviceIds(sources, fields, warnings);
    parts.app = buildApp(sources, fields);
    parts.ad = buildAd(sources, fields);
    if (parts.app.app_id === undefined) {
      warnings.push(warning("app_id_missing", "app.app_id", "app event without app.app_id (tag field App ID, or app_id / app_info.id in the event data)"));
    }
  } else if (eventSource === "crm") {
    parts.lead = buildLead(eventData, fields);
    if (parts.lead.lead_id === undefined) {
      warnings.push(warning("lead_id_missing", "lead.lead_id", "CRM event without lead_id: TikTok attributes CRM stages to the Instant Form lead through it (tag field Lead ID, or lead_id in the event data)"));
    }
  }
  return parts;
}

// src/url-encoding.ts
var HEX2 = "0123456789abcdef";
var HEX_UPPER = "0123456789ABCDEF";
var UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()";
var ascii;
function asciiTable() {
  if (ascii !== undefined) return ascii;
  let controls = "";
  for (let i = 0; i < 32; i++) controls += "\0";
  ascii = controls + [' !"#$%&', "'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_", "\0abcdefghijklmnopqrstuvwxyz{|}~\0"].join("");
  return ascii;
}
function decodeAsciiEscapes(value) {
  if (value.indexOf("%") === -1) return value;
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const ch = value.charAt(i);
    const high = HEX2.indexOf(value.charAt(i + 1).toLowerCase());
    const low = HEX2.indexOf(value.charAt(i + 2).toLowerCase());
    if (ch === "%" && i + 2 < value.length && high >= 2 && high < 8 && low !== -1) {
      out += asciiTable().charAt(high * 16 + low);
      i += 2;
    } else out += ch;
  }
  return out;
}
function percentEncode(value) {
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const ch = value.charAt(i);
    if (ch >= "a" && ch <= "z" || ch >= "A" && ch <= "Z" || ch >= "0" && ch <= "9" || UNRESERVED.indexOf(ch) !== -1) {
      out += ch;
      continue;
    }
    const code = asciiTable().indexOf(ch);
    if (code < 32 || code > 126) {
      const encoded = encodeUriComponent(value);
      return typeof encoded === "string" ? encoded : undefined;
    }
    out += "%" + HEX_UPPER.charAt(code >> 4) + HEX_UPPER.charAt(code & 15);
  }
  return out;
}

// src/privacy.ts
var MIN_SECRET = 3;
function add(out, value) {
  if (value.length < MIN_SECRET) return;
  const lower = value.toLowerCase();
  if (out.indexOf(lower) === -1) out.push(lower);
}
function logSecrets(accessToken, personalValues) {
  const out = [];
  if (accessToken !== "") out.push(accessToken.toLowerCase());
  for (let i = 0; i < personalValues.length; i++) {
    const value = personalValues[i].trim();
    add(out, value);
    const encoded = percentEncode(value);
    if (encoded === undefined || encoded === value) continue;
    add(out, encoded);
    if (encoded.indexOf("%20") !== -1) add(out, encoded.split("%20").join("+"));
  }
  return out;
}
function needlesOf(secrets) {
  if (secrets.needles === undefined) secrets.needles = logSecrets(secrets.token, secrets.values);
  return secrets.needles;
}
function holdsSecret(text2, secrets) {
  if (text2.indexOf("%") !== -1 || text2.indexOf("+") !== -1) {
    const needles = needlesOf(secrets);
    for (let i = 0; i < needles.length; i++) if (holds(text2, needles[i])) return true;
    return false;
  }
  if (holds(text2, secrets.token.toLowerCase())) return true;
  for (let i = 0; i < secrets.values.length; i++) if (holds(text2, secrets.values[i].trim().toLowerCase())) return true;
  return false;
}
function holds(text2, needle) {
  return needle.length >= MIN_SECRET && text2.indexOf(needle) !== -1;
}

// src/user-data.ts
var MAX_VALUES = 5;
var CLEAR_ADDRESS_KEYS = ["city", "state", "country"];
var SOURCES = {
  email: (e, u) => firstDefined([given(u.email_address), given(u.email), given(u.sha256_email_address), given(e.email), given(e.email_address), given(e.sha256_email_address)]),
  phone: (e, u) => firstDefined([given(u.phone_number), given(u.sha256_phone_number), given(e.phone), given(e.phone_number), given(e.sha256_phone_number)]),
  external_id: (e, u) => firstDefined([given(e.external_id), given(u.external_id), given(e.user_id)]),
  first_name: (e, u, a) => firstDefined([given(a.first_name), given(a.sha256_first_name), given(e.first_name)]),
  last_name: (e, u, a) => firstDefined([given(a.last_name), given(a.sha256_last_name), given(e.last_name)]),
  city: (e, u, a) => firstDefined([given(a.city), given(e.city)]),
  state: (e, u, a) => firstDefined([given(a.region), given(e.state), given(e.region)]),
  zip_code: (e, u, a) => firstDefined([given(a.postal_code), given(e.zip_code), given(e.postal_code), given(e.zip)]),
  country: (e, u, a) => firstDefined([given(a.country), given(e.country)]),
  ttclid: (e) => given(e.ttclid),
  ttp: (e) => firstDefined([given(e.ttp), given(e._ttp)]),
  ip: (e) => firstDefined([given(e.ip_override), given(e.ip), given(e.ip_address)]),
  user_agent: (e) => given(e.user_agent),
  locale: (e) => firstDefined([given(e.language), given(e.locale)])
};
function userDataSources(eventData) {
  const userData = recordOf(given(eventData.user_data));
  const address = recordOf(given(userData.address));
  const found = [];
  for (let i = 0; i < USER_KEYS.length; i++) found.push(SOURCES[USER_KEYS[i]](eventData, userData, address));
  return { event: eventData, userData: userData, address: address, found: found };
}
function lookup(sources, key) {
  return sources.found[USER_KEYS.indexOf(key)];
}
function normalizeFor(key, raw, options) {
  if (key === "email") return hashNormalized(normalizeEmail(raw));
  if (key === "phone") return hashNormalized(normalizePhone(raw, options.defaultPhoneCountryCode));
  if (key === "external_id") return hashNormalized(normalizeExternalId(raw));
  if (key === "first_name" || key === "last_name") return hashNormalized(normalizeName(raw));
  if (key === "zip_code") return hashNormalized(normalizeZip(raw));
  if (key === "city" || key === "state") {
    const value = normalizeCityOrState(raw);
    return options.hashAddress ? hashNormalized(value) : value;
  }
  if (key === "country") {
    const value = normalizeCountry(raw);
    return options.hashAddress ? hashNormalized(value) : value;
  }
  if (key === "locale") return normalizeLocale(raw);
  if (key === "ip") return normalizeIp(raw);
  if (key === "user_agent") return text(raw, 1024);
  return text(raw, 500);
}
function normalizeValues(key, raw, options) {
  const candidates = isArray(raw) ? raw : [raw];
  const out = [];
  for (let i = 0; i < candidates.length && out.length < MAX_VALUES; i++) {
    const value = text(candidates[i]);
    if (value === undefined) continue;
    const normalized = normalizeFor(key, value, options);
    if (normalized !== undefined && out.indexOf(normalized) === -1) out.push(normalized);
    if (key !== "email" && key !== "phone" && key !== "external_id") break;
  }
  return out;
}
function rawValue(key, sources, ids, options) {
  const override = hasKeys(options.overrides) ? own(options.overrides, key) : undefined;
  if (text(override) !== undefined || isArray(override)) return override;
  if (key === "ttclid") return firstDefined([ids.ttclidFromUrl, ids.ttclidCookie, text(lookup(sources, key))]);
  if (key === "ttp") return firstDefined([ids.ttpCookie, text(lookup(sources, key))]);
  return lookup(sources, key);
}
function buildUser(sources, ids, options, stored, enhancedKeys) {
  const user = {};
  for (let i = 0; i < USER_KEYS.length; i++) {
    const key = USER_KEYS[i];
    let values = normalizeValues(key, rawValue(key, sources, ids, options), options);
    if (values.length === 0 && stored !== undefined && stored[key] !== undefined) {
      values = stored[key];
      if (enhancedKeys !== undefined) enhancedKeys.push(key);
    }
    if (values.length === 1) user[key] = values[0];
    else if (values.length > 1) user[key] = values;
  }
  return user;
}
var PERSONAL_KEYS = ["email", "phone", "external_id", "first_name", "last_name", "city", "state", "zip_code"];
var NO_IDS = { ttclidFromUrl: undefined, ttclidCookie: undefined, ttpCookie: undefined };
function rawPersonalValues(sources, options) {
  const out = [];
  for (let i = 0; i < PERSONAL_KEYS.length; i++) {
    const key = PERSONAL_KEYS[i];
    const values = candidateTexts(rawValue(key, sources, NO_IDS, options));
    for (let j = 0; j < values.length; j++) {
      out.push(values[j]);
      if (key === "email") out.push(values[j].toLowerCase());
      const compact2 = key === "city" || key === "state" ? normalizeCityOrState(values[j]) : key === "zip_code" ? normalizeZip(values[j]) : undefined;
      if (compact2 !== undefined) out.push(compact2);
      if (key === "phone") {
        const e164 = normalizePhone(values[j], options.defaultPhoneCountryCode);
        if (e164 !== undefined) out.push(e164, e164.substring(1));
        const digits = digitsOf(values[j]);
        if (digits.length >= 7) out.push(digits);
      }
    }
  }
  return out;
}
function candidateTexts(raw) {
  const candidates = isArray(raw) ? raw : [raw];
  const out = [];
  for (let i = 0; i < candidates.length && i < MAX_VALUES; i++) {
    const value = text(candidates[i]);
    if (value !== undefined) out.push(value);
  }
  return out;
}
function userDataWarnings(sources, ids, options, warnings) {
  const emails = candidateTexts(rawValue("email", sources, ids, options));
  let badEmails = 0;
  for (let i = 0; i < emails.length; i++) if (normalizeEmail(emails[i]) === undefined) badEmails++;
  if (badEmails > 0) {
    const what = emails.length > 1 ? badEmails + " of " + emails.length + " emails are" : "email is";
    warnings.push(warning("email_invalid", "user.email", what + " not a valid address (name@domain, at most 254 characters, no spaces); not sent"));
  }
  const phones = candidateTexts(rawValue("phone", sources, ids, options));
  const defaultCode = options.defaultPhoneCountryCode;
  let local = 0;
  let localSent = 0;
  let badPhones = 0;
  for (let i = 0; i < phones.length; i++) {
    const sent = normalizePhone(phones[i], defaultCode) !== undefined;
    if (!hasCountryCode(phones[i]) && defaultCode === undefined) {
      local++;
      if (sent) localSent++;
    } else if (!sent) badPhones++;
  }
  if (local > 0) {
    const outcome2 = localSent === local ? "it was sent as if its first digits were the country code, which may match nobody" : "it could not be sent";
    warnings.push(warning("phone_no_country_code", "user.phone", 'phone has no country code ("+" or "00") and the tag has no default phone country code; ' + outcome2));
  }
  if (badPhones > 0) warnings.push(warning("phone_invalid", "user.phone", "phone is not a number of 8 to 15 digits after its country code; not sent"));
}
function userDataFlags(user) {
  const has = (key) => user[key] !== undefined;
  return {
    email: has("email"),
    phone: has("phone"),
    external_id: has("external_id"),
    ttclid: has("ttclid"),
    ttp: has("ttp"),
    ip: has("ip"),
    user_agent: has("user_agent"),
    name: has("first_name") || has("last_name"),
    address: has("city") || has("state") || has("zip_code") || has("country")
  };
}

// src/health-log.ts
var SCHEMA = "tiktok-events-api/1";
var MAX_RESPONSE_BODY = 2e3;
function common(ctx, severity, message, type, nowMs) {
  return {
    severity: severity,
    message: message,
    schema: SCHEMA,
    type: type,
    tag: ctx.tag,
    trace_id: ctx.traceId,
    time_ms: wholePart(nowMs === undefined ? getTimestampMillis() : nowMs),
    ga4_event: ctx.ga4Event,
    tiktok_event: ctx.tiktokEvent,
    event_id: ctx.eventId,
    pixel_code: ctx.pixelCode
  };
}
function scrubText(value, secrets) {
  return isSha256Hex(value) ? value : redact(value, secrets);
}
function scrub(value, secrets) {
  if (typeof value === "string") return scrubText(value, secrets);
  if (typeof value !== "object" || value === null) return value;
  const kind = kindOf(value);
  if (kind === "array") return value.map((item) => scrub(item, secrets));
  if (kind !== "object") return value;
  const out = {};
  for (const key in value) out[key] = scrub(value[key], secrets);
  return out;
}
var FIXED_VALUE_KEYS = ["severity", "schema", "type", "outcome", "error_kind", "skip_reason", "event_source", "url"];
function scrubWarnings(warnings, secrets) {
  const out = [];
  for (let i = 0; i < warnings.length; i++) {
    const item = {};
    const source = warnings[i];
    for (const key in source) {
      const value = source[key];
      item[key] = typeof value === "string" ? scrubText(value, secrets) : value;
    }
    out.push(item);
  }
  return out;
}
function nothingToRedact(line, secrets) {
  if (line.type !== "result") return false;
  const texts = [];
  for (const key in line) {
    const value = line[key];
    if (typeof value === "string" && FIXED_VALUE_KEYS.indexOf(key) === -1) texts.push(value);
  }
  const warnings = line.warnings;
  for (let i = 0; i < warnings.length; i++) {
    const source = warnings[i];
    for (const key in source) if (typeof source[key] === "string") texts.push(source[key]);
  }
  return !holdsSecret(texts.join("\n").toLowerCase(), secrets);
}
function scrubbedLine(ctx, line) {
  if (nothingToRedact(line, ctx.secrets)) return line;
  const needles = needlesOf(ctx.secrets);
  const scrubbed = {};
  const result = line.type === "result";
  for (const key in line) {
    const value = line[key];
    if (typeof value === "string") scrubbed[key] = FIXED_VALUE_KEYS.indexOf(key) !== -1 ? value : scrubText(value, needles);
    else if (result && key === "user_data") scrubbed[key] = value;
    else if (result && key === "warnings") scrubbed[key] = scrubWarnings(value, needles);
    else scrubbed[key] = scrub(value, needles);
  }
  return scrubbed;
}
function write(ctx, line) {
  const serialized = JSON.stringify(scrubbedLine(ctx, line));
  if (serialized !== undefined) logToConsole(serialized);
}
function eventLabel(ctx) {
  if (ctx.tiktokEvent !== null) return ctx.tiktokEvent;
  return ctx.ga4Event !== null ? ctx.ga4Event : "event";
}
function httpSummary(last) {
  if (last === null || last.httpStatus === null) return "";
  return "HTTP " + last.httpStatus + (last.tiktokCode === null ? "" : ", code " + last.tiktokCode);
}
function resultMessage(ctx, fields) {
  const label = "TikTok " + eventLabel(ctx) + ": " + fields.outcome;
  if (fields.outcome === "skipped") return label + " (" + fields.skipReason + ")";
  const http = httpSummary(fields.last);
  if (fields.outcome === "success") return label + (http === "" ? "" : " (" + http + ")");
  const detail = [fields.errorKind];
  if (http !== "") detail.push(http);
  if (fields.attempts > 1) detail.push(fields.attempts + " attempts");
  return label + " (" + detail.join(", ") + ")";
}
function resultLine(ctx, fields, nowMs) {
  const severity = fields.outcome === "failure" ? "ERROR" : "INFO";
  const line = common(ctx, severity, resultMessage(ctx, fields), "result", nowMs);
  const last = fields.last;
  line.outcome = fields.outcome;
  line.error_kind = fields.errorKind;
  line.skip_reason = fields.skipReason;
  line.http_status = last === null ? null : last.httpStatus;
  line.tiktok_code = last === null ? null : last.tiktokCode;
  line.tiktok_message = last === null ? null : last.tiktokMessage;
  line.tiktok_request_id = last === null ? null : last.tiktokRequestId;
  line.error_message = fields.errorMessage;
  line.attempts = fields.attempts;
  line.latency_ms = fields.latencyMs === null ? null : wholePart(fields.latencyMs);
  line.test_event = fields.testEvent;
  line.event_source = fields.eventSource;
  line.user_data = fields.userData;
  line.warnings = fields.warnings;
  return line;
}
function logResult(ctx, fields, nowMs) {
  if (ctx.level === "off") return;
  write(ctx, resultLine(ctx, fields, nowMs));
}
function bodyForLog(body) {
  const events = given(body.data);
  if (!isArray(events)) return body;
  const maskedEvents = [];
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    const user = isObject(event) ? given(event.user) : undefined;
    if (!isObject(event) || !isObject(user)) {
      maskedEvents.push(event);
      continue;
    }
    const maskedUser = {};
    for (const key in user) {
      const value = user[key];
      const isHash = typeof value === "string" && isSha256Hex(value);
      maskedUser[key] = CLEAR_ADDRESS_KEYS.indexOf(key) !== -1 && !isHash ? "[REDACTED]" : value;
    }
    const maskedEvent = {};
    for (const key in event) maskedEvent[key] = key === "user" ? maskedUser : event[key];
    maskedEvents.push(maskedEvent);
  }
  const out = {};
  for (const key in body) out[key] = key === "data" ? maskedEvents : body[key];
  return out;
}
function logRequest(ctx, url, attempt, body) {
  if (ctx.level === "off" || !ctx.verbose) return;
  const line = common(ctx, "DEBUG", "TikTok " + eventLabel(ctx) + ": request, attempt " + attempt, "request");
  line.url = url;
  line.attempt = attempt;
  line.body = bodyForLog(body);
  write(ctx, line);
}
function logResponse(ctx, attempt, outcome2) {
  if (ctx.level === "off" || !ctx.verbose) return;
  const status = outcome2.httpStatus === null ? outcome2.errorKind : "HTTP " + outcome2.httpStatus;
  const line = common(ctx, "DEBUG", "TikTok " + eventLabel(ctx) + ": response, attempt " + attempt + " (" + status + ")", "response");
  line.attempt = attempt;
  line.http_status = outcome2.httpStatus;
  line.body = outcome2.body === null ? null : truncate(outcome2.body, MAX_RESPONSE_BODY);
  line.error_kind = outcome2.errorKind;
  write(ctx, line);
}

// src/page.ts
var MONITORING_HOST = "gtm-msr.appspot.com";
var MAX_READ_URL = 8192;
var MAX_SENT_URL = 2048;
function parse(href) {
  if (href === undefined) return undefined;
  const url = parseUrl(href);
  return typeof url === "object" && url !== null ? url : undefined;
}
function readPage(eventData, urlOverride, referrerOverride) {
  const href = urlOverride !== undefined ? urlOverride : text(given(eventData.page_location), MAX_READ_URL);
  const referrer = referrerOverride !== undefined ? referrerOverride : text(given(eventData.page_referrer), MAX_READ_URL);
  return { href: href, url: parse(href), referrer: referrer };
}
function isMonitoringHost(url) {
  if (url === undefined || typeof url.hostname !== "string") return false;
  const host = url.hostname.toLowerCase();
  return host === MONITORING_HOST || host.substring(host.length - MONITORING_HOST.length - 1) === "." + MONITORING_HOST;
}
function isMonitoringPing(page) {
  if (page.href !== undefined) return isMonitoringHost(page.url);
  return isMonitoringHost(parse(text(getRequestHeader("referer"), MAX_READ_URL)));
}
function ttclidOf(page) {
  const params = page.url === undefined ? undefined : page.url.searchParams;
  if (typeof params !== "object" || params === null) return undefined;
  const value = given(params.ttclid);
  return text(isArray(value) ? value[0] : value, 500);
}
var PHONE_CHARS = "0123456789 -()";
var PHONE_PARAMS = ["phone", "tel", "telephone", "mobile", "cell", "phone_number", "phonenumber", "mobile_number", "sms", "whatsapp"];
function looksLikeEmail(value) {
  const v = value.trim();
  const at = v.indexOf("@");
  if (at < 1 || v.indexOf(" ") !== -1) return false;
  const domain = v.substring(at + 1);
  const dot = domain.lastIndexOf(".");
  return dot > 0 && dot < domain.length - 2;
}
function digitCount(value) {
  let n = 0;
  for (let i = 0; i < value.length; i++) if ("0123456789".indexOf(value.charAt(i)) !== -1) n++;
  return n;
}
function looksLikePhone(value, paramName) {
  let v = value.trim();
  let international = false;
  if (v.charAt(0) === "+") {
    international = true;
    v = v.substring(1);
  } else if (v.substring(0, 2) === "00") international = true;
  if (v === "" || !onlyChars(v, PHONE_CHARS)) return false;
  const digits = digitCount(v);
  if (digits < 8 || digits > 15) return false;
  if (international) return true;
  if (PHONE_PARAMS.indexOf(paramName.toLowerCase()) !== -1) return true;
  return digits >= 9 && (v.indexOf(" ") !== -1 || v.indexOf("-") !== -1 || v.indexOf("(") !== -1);
}
function isPersonalParam(param) {
  const eq = param.indexOf("=");
  const name = decodeAsciiEscapes(eq === -1 ? param : param.substring(0, eq));
  const rawValue2 = eq === -1 ? "" : param.substring(eq + 1);
  const value = decodeAsciiEscapes(rawValue2);
  if (looksLikeEmail(value.split("+").join(" ").trim()) || looksLikeEmail(value) || looksLikeEmail(name)) return true;
  return looksLikePhone(value, name) || looksLikePhone(value.split("+").join(" "), name);
}
function withoutPersonalData(href) {
  const hashAt = href.indexOf("#");
  const beforeHash = hashAt === -1 ? href : href.substring(0, hashAt);
  const q = beforeHash.indexOf("?");
  if (q === -1) return href;
  const params = beforeHash.substring(q + 1).split("&");
  const kept = [];
  for (let i = 0; i < params.length; i++) {
    if (!isPersonalParam(params[i])) kept.push(params[i]);
  }
  if (kept.length === params.length) return href;
  return beforeHash.substring(0, q) + (kept.length > 0 ? "?" + kept.join("&") : "") + (hashAt === -1 ? "" : href.substring(hashAt));
}
function sendable(href, url, removePersonal) {
  if (url === undefined || url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  return truncate(removePersonal ? withoutPersonalData(href) : href, MAX_SENT_URL);
}
function buildPage(page, removePersonal) {
  const out = {};
  const url = page.href === undefined ? undefined : sendable(page.href, page.url, removePersonal);
  const referrer = page.referrer === undefined ? undefined : sendable(page.referrer, parse(page.referrer), removePersonal);
  if (url !== undefined) out.url = url;
  if (referrer !== undefined) out.referrer = referrer;
  return out;
}

// src/properties.ts
var MAX_CONTENTS = 200;
function valueOfContents(contents) {
  if (contents.length === 0) return undefined;
  let sum = 0;
  for (let i = 0; i < contents.length; i++) {
    const price = contents[i].price;
    if (typeof price !== "number") return undefined;
    const quantity = contents[i].quantity;
    sum += price * (typeof quantity === "number" ? quantity : 1);
  }
  return roundHalfUp(sum * 100) / 100;
}
function normalizeCurrency(value) {
  const raw = text(value, 10);
  if (raw === undefined || raw.length !== 3) return undefined;
  const upper = raw.toUpperCase();
  return onlyChars(upper, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") ? upper : undefined;
}
function itemToContent(item) {
  if (typeof item !== "object" || item === null) return undefined;
  const fields = item;
  const content = {};
  const id = text(firstDefined([given(fields.item_id), given(fields.id), given(fields.content_id)]), 500);
  const name = text(firstDefined([given(fields.item_name), given(fields.name), given(fields.content_name)]), 500);
  const category = text(firstDefined([given(fields.item_category), given(fields.content_category)]), 500);
  const brand = text(firstDefined([given(fields.item_brand), given(fields.brand)]), 500);
  const price = numeric(given(fields.price));
  const quantity = numeric(given(fields.quantity));
  if (id === undefined && name === undefined) return undefined;
  if (id !== undefined) content.content_id = id;
  if (name !== undefined) content.content_name = name;
  if (category !== undefined) content.content_category = category;
  if (brand !== undefined) content.brand = brand;
  if (price !== undefined) content.price = price;
  const wholeQuantity = quantity === undefined ? 0 : wholePart(quantity);
  if (wholeQuantity >= 1) content.quantity = wholeQuantity;
  return content;
}
function itemsToContents(items) {
  const contents = [];
  if (!isArray(items)) return contents;
  for (let i = 0; i < items.length && contents.length < MAX_CONTENTS; i++) {
    const content = itemToContent(items[i]);
    if (content !== undefined) contents.push(content);
  }
  return contents;
}
function compact(value, depth) {
  if (depth > 5) return undefined;
  const kind = kindOf(value);
  if (kind === "array") {
    const list = value;
    const out = [];
    for (let i = 0; i < list.length && i < MAX_CONTENTS; i++) {
      const item = compact(list[i], depth + 1);
      if (item !== undefined) out.push(item);
    }
    return out.length > 0 ? out : undefined;
  }
  if (kind === "object") {
    const out = {};
    for (const key in value) {
      const item = compact(value[key], depth + 1);
      if (item !== undefined) out[key] = item;
    }
    return hasKeys(out) ? out : undefined;
  }
  if (kind === "number") return numeric(value);
  if (kind === "boolean") return value;
  return text(value, 1e3);
}
function overrideValue(name, value) {
  if (name === "value") return numeric(value);
  if (name === "currency") return normalizeCurrency(value);
  if (name === "contents") return isArray(value) ? itemsToContents(value) : undefined;
  return compact(value, 0);
}
function buildProperties(eventData, options) {
  const properties = {};
  const contents = itemsToContents(given(eventData.items));
  if (contents.length > 0) {
    properties.contents = contents;
    properties.content_type = options.contentType;
  }
  const currency = normalizeCurrency(given(eventData.currency));
  if (currency !== undefined) properties.currency = currency;
  const value = numeric(given(eventData.value));
  if (value !== undefined) properties.value = value;
  const query = text(given(eventData.search_term), 500);
  if (query !== undefined) properties.query = query;
  const orderId = text(firstDefined([given(eventData.transaction_id), given(eventData.order_id)]), 500);
  if (orderId !== undefined) properties.order_id = orderId;
  const shopId = text(firstDefined([given(eventData.shop_id), given(eventData.store_id)]), 500);
  if (shopId !== undefined) properties.shop_id = shopId;
  const description = text(given(eventData.description), 500);
  if (description !== undefined) properties.description = description;
  for (const name in options.overrides) {
    const overridden = overrideValue(name, options.overrides[name]);
    if (overridden !== undefined) properties[name] = overridden;
  }
  if (properties.contents !== undefined && properties.content_type === undefined) properties.content_type = options.contentType;
  if (properties.value === undefined && options.valueFromItems && VALUE_EVENTS.indexOf(options.eventName) !== -1 && properties.contents !== undefined) {
    const computed = valueOfContents(properties.contents);
    if (computed !== undefined) properties.value = computed;
  }
  return properties;
}

// src/template/endpoint.ts
var ENDPOINT_URL = "https://business-api.tiktok.com/open_api/v1.3/event/track/";

// src/request.ts
var ENDPOINT = ENDPOINT_URL;
var EARLIEST_S = 946684800;
var MAX_AHEAD_S = 86400;
var IMPLAUSIBLE_TIME = warning("event_time_invalid", "event_time", "event time is not Unix seconds, milliseconds or microseconds between 2000 and a day from now; the time the container received the event was sent instead");
function eventTimeSeconds(raw, nowMs, warnings) {
  const nowS = wholePart(nowMs / 1e3);
  const n = numeric(raw);
  if (n === undefined || n <= 0) {
    if (warnings !== undefined && text(raw) !== undefined) warnings.push(IMPLAUSIBLE_TIME);
    return nowS;
  }
  let seconds = n;
  if (n >= 1e14) seconds = n / 1e6;
  else if (n >= 1e11) seconds = n / 1e3;
  seconds = wholePart(seconds);
  if (seconds < EARLIEST_S || seconds > nowS + MAX_AHEAD_S) {
    if (warnings !== undefined) warnings.push(IMPLAUSIBLE_TIME);
    return nowS;
  }
  if (seconds > nowS) return nowS;
  return seconds;
}
function eventId(eventData, override) {
  return firstDefined([override, text(given(eventData.event_id), 500), text(given(eventData.transaction_id), 500)]);
}
function buildRequestBody(options, parts) {
  const event = { event: parts.eventName, event_time: parts.eventTime };
  if (parts.eventId !== undefined) event.event_id = parts.eventId;
  if (hasKeys(parts.user)) event.user = parts.user;
  if (hasKeys(parts.page)) event.page = parts.page;
  if (hasKeys(parts.properties)) event.properties = parts.properties;
  if (parts.limitedDataUse) event.limited_data_use = true;
  if (hasKeys(parts.app)) event.app = parts.app;
  if (hasKeys(parts.ad)) event.ad = parts.ad;
  if (hasKeys(parts.lead)) event.lead = parts.lead;
  const body = { event_source: options.eventSource, event_source_id: options.pixelCode };
  if (options.testEventCode !== undefined) body.test_event_code = options.testEventCode;
  body.data = [event];
  return body;
}

// src/classify.ts
var MAX_TIKTOK_MESSAGE = 500;
function isTransientCode(code) {
  return code === 40100 || code >= 5e4 && code < 6e4;
}
function outcome(kind, status, body, message, retryable) {
  return {
    success: kind === null,
    errorKind: kind,
    httpStatus: status,
    tiktokCode: null,
    tiktokMessage: null,
    tiktokRequestId: null,
    errorMessage: message,
    retryable: retryable,
    body: body
  };
}
function classifyResponse(statusCode, body) {
  const status = isFiniteNumber(statusCode) ? wholePart(statusCode) : 0;
  const bodyText = typeof body === "string" ? body : null;
  const parsed = bodyText === null ? undefined : JSON.parse(bodyText);
  const json = isObject(parsed) ? parsed : undefined;
  const fields = json === undefined ? {} : json;
  const rawCode = given(fields.code);
  const code = isFiniteNumber(rawCode) ? wholePart(rawCode) : null;
  const message = text(given(fields.message), MAX_TIKTOK_MESSAGE);
  const requestId = text(given(fields.request_id), 200);
  let result;
  if (status >= 200 && status < 300) {
    if (json === undefined) result = outcome("invalid_response", status, bodyText, "TikTok answered HTTP " + status + " with a body that is not JSON", false);
    else if (code === 0) result = outcome(null, status, bodyText, null, false);
    else if (code === null) result = outcome("invalid_response", status, bodyText, "TikTok answered HTTP " + status + ' without a numeric "code" in the body', false);
    else {
      result = outcome("tiktok_error", status, bodyText, "TikTok rejected the event: code " + code + (message === undefined ? "" : " (" + message + ")"), isTransientCode(code));
    }
  } else if (status >= 500 && status < 600) {
    result = outcome("http_5xx", status, bodyText, "TikTok answered HTTP " + status + " (server error)", true);
  } else if (status >= 400 && status < 500) {
    result = outcome("http_4xx", status, bodyText, "TikTok answered HTTP " + status + httpHint(status), status === 429 || status === 408);
  } else {
    result = outcome("invalid_response", status, bodyText, "TikTok answered HTTP " + status + ", which the Events API never sends", false);
  }
  result.tiktokCode = code;
  result.tiktokMessage = message === undefined ? null : message;
  result.tiktokRequestId = requestId === undefined ? null : requestId;
  return result;
}
function httpHint(status) {
  if (status === 401 || status === 403) return " (check the Access Token and that it belongs to this pixel)";
  if (status === 404) return " (the endpoint was not found)";
  if (status === 429) return " (rate limited)";
  return "";
}
function classifyTransportFailure(reason, timeoutMs) {
  const why = text(typeof reason === "object" && reason !== null ? given(reason.reason) : undefined, 50);
  if (why === "timed_out") {
    return outcome("timeout", null, null, "no answer from TikTok within " + timeoutMs + " ms", true);
  }
  return outcome("network", null, null, "the request to TikTok failed before an answer (" + (why === undefined ? "unknown reason" : why) + ")", true);
}

// src/send.ts
var MIN_ATTEMPT_MS = 200;
function attemptTimeout(remainingMs, attemptsLeft) {
  const share = wholePart(remainingMs / (attemptsLeft < 1 ? 1 : attemptsLeft));
  return share < MIN_ATTEMPT_MS ? remainingMs : share;
}
function sendWithRetries(options, done) {
  const start = options.startMs;
  const maxAttempts = options.maxRetries + 1;
  const attempt = (n, now) => {
    const remaining = options.timeoutMs - (now - start);
    const timeout2 = attemptTimeout(remaining, maxAttempts - n + 1);
    options.onAttempt(n);
    const request = sendHttpRequest(options.url, { method: "POST", headers: options.headers, timeout: timeout2 }, options.body);
    const settle = (outcome2) => {
      options.onAnswer(n, outcome2);
      const answered = getTimestampMillis();
      const left = options.timeoutMs - (answered - start);
      if (!outcome2.success && outcome2.retryable && n < maxAttempts && left >= MIN_ATTEMPT_MS) {
        attempt(n + 1, answered);
        return;
      }
      done({ outcome: outcome2, attempts: n, latencyMs: answered - start, answeredAtMs: answered });
    };
    if (typeof request !== "object" || request === null) {
      settle(classifyTransportFailure({ reason: "failed" }, timeout2));
      return;
    }
    request.then(
      // The API resolves with an object ({statusCode, headers, body}): typeof is enough to read it.
      (response) => {
        const fields = typeof response === "object" && response !== null ? response : {};
        settle(classifyResponse(given(fields.statusCode), given(fields.body)));
      },
      (reason) => settle(classifyTransportFailure(reason, timeout2))
    );
  };
  attempt(1, start);
}

// src/tag.ts
var NO_USER_DATA = {
  email: false,
  phone: false,
  external_id: false,
  ttclid: false,
  ttp: false,
  ip: false,
  user_agent: false,
  name: false,
  address: false
};
function isVerbose(level) {
  if (level === "debug") return true;
  const version = getContainerVersion();
  if (typeof version !== "object" || version === null) return false;
  return version.previewMode === true || version.debugMode === true;
}
function callback(data2, name) {
  const fn = typeof data2 === "object" && data2 !== null ? data2[name] : undefined;
  if (typeof fn === "function") fn();
}
function emptyResult(config) {
  return {
    outcome: "skipped",
    errorKind: null,
    skipReason: null,
    last: null,
    errorMessage: null,
    attempts: 0,
    latencyMs: null,
    testEvent: false,
    eventSource: config.eventSource,
    userData: NO_USER_DATA,
    warnings: []
  };
}
function skip(data2, ctx, config, reason, warnings) {
  const result = emptyResult(config);
  result.skipReason = reason;
  result.warnings = warnings;
  logResult(ctx, result);
  callback(data2, "gtmOnSuccess");
}
function eventTimeInput(eventData, override) {
  if (text(override) !== undefined) return override;
  return firstDefined([given(eventData.event_time), given(eventData.timestamp), given(eventData["x-ga-mp2-timestamp_micros"])]);
}
function textOrUndefined(value) {
  return text(value) === undefined ? undefined : value;
}
function addAll(target, extra) {
  for (const key in extra) target[key] = extra[key];
}
function eventNameWarnings(ga4Event, name, mode) {
  if (mode !== "inherit") return [];
  if (ga4Event === undefined) return [warning("event_name_missing", "event", "the event has no event_name to map to a TikTok event")];
  if (name.invalidReason !== undefined) return [warning("event_name_invalid", "event", name.invalidReason + "; map it to a TikTok event with an override row to send it")];
  return [];
}
function logFailure(ctx, result, kind, message, nowMs) {
  result.outcome = "failure";
  result.errorKind = kind;
  result.errorMessage = message;
  logResult(ctx, result, nowMs);
}
function fail(data2, ctx, result, kind, message, nowMs) {
  logFailure(ctx, result, kind, message, nowMs);
  callback(data2, "gtmOnFailure");
}
function runTag(data2) {
  const read = readConfig(data2);
  const config = read.config;
  const allEventData = getAllEventData();
  const eventData = typeof allEventData === "object" && allEventData !== null ? allEventData : {};
  const ga4Event = text(given(eventData.event_name), 200);
  const traceId = text(getRequestHeader("trace-id"), 200);
  const userOptions = {
    defaultPhoneCountryCode: config.defaultPhoneCountryCode,
    hashAddress: config.hashAddress,
    overrides: config.userDataOverrides
  };
  const sources = userDataSources(eventData);
  const ctx = {
    level: config.logging,
    verbose: config.logging !== "off" && isVerbose(config.logging),
    tag: config.tagName,
    traceId: traceId === undefined ? null : traceId,
    ga4Event: ga4Event === undefined ? null : ga4Event,
    tiktokEvent: null,
    eventId: null,
    pixelCode: config.pixelCode === "" ? null : config.pixelCode,
    // Known before the first line is written, so no line (a skip, a config error) can show them;
    // their encoded forms are made only for a line that may hold one (src/privacy.ts).
    secrets: { token: config.accessToken, values: rawPersonalValues(sources, userOptions) }
  };
  if (read.error !== undefined) {
    fail(data2, ctx, emptyResult(config), "invalid_config", read.error);
    return;
  }
  const name = resolveEventName(ga4Event, {
    mode: config.eventNameMode,
    fixedName: config.fixedEventName,
    legacyNames: config.legacyNames,
    pageView: config.pageViewEvent,
    unmapped: config.unmappedEvents,
    overrides: config.eventNameOverrides
  });
  ctx.tiktokEvent = name.name === undefined ? null : name.name;
  const id = eventId(eventData, config.eventIdOverride);
  ctx.eventId = id === undefined ? null : id;
  const web = config.eventSource === "web";
  const page = readPage(eventData, config.pageUrlOverride, config.pageReferrerOverride);
  if (config.skipRequested) return skip(data2, ctx, config, "skip_requested", []);
  if (isMonitoringPing(page)) return skip(data2, ctx, config, "monitoring_ping", []);
  const consent = adStorageConsent(eventData);
  if (!consentAllowsSending(config.consentMode, consent)) return skip(data2, ctx, config, "consent_denied", []);
  if (name.name === undefined) return skip(data2, ctx, config, "event_not_mapped", eventNameWarnings(ga4Event, name, config.eventNameMode));
  const warnings = [];
  const ids = readBrowserIds(ttclidOf(page), config.cookiesEnabled);
  const enhance = config.enhancement && consent === "granted";
  const stored = enhance ? readStoredIds() : undefined;
  const enhancedKeys = [];
  const user = buildUser(sources, ids, userOptions, stored, enhancedKeys);
  userDataWarnings(sources, ids, userOptions, warnings);
  const sourceParts = buildSourceParts(config.eventSource, eventData, {
    appId: config.appId,
    appName: config.appName,
    appVersion: config.appVersion,
    overrides: config.appOverrides,
    leadId: config.leadId,
    leadEventSource: config.leadEventSource
  }, warnings);
  addAll(user, sourceParts.deviceIds);
  const properties = buildProperties(eventData, {
    contentType: config.contentType,
    overrides: config.propertyOverrides,
    eventName: name.name,
    valueFromItems: config.valueFromItems
  });
  propertyWarnings(properties, {
    eventName: name.name,
    rawCurrency: firstDefined([textOrUndefined(given(config.propertyOverrides.currency)), given(eventData.currency)]),
    rawValue: firstDefined([textOrUndefined(given(config.propertyOverrides.value)), given(eventData.value)]),
    valueFromItems: config.valueFromItems
  }, warnings);
  const nowMs = getTimestampMillis();
  const testEventCode = config.testEventCode !== undefined ? config.testEventCode : text(given(eventData.test_event_code), 100);
  const body = buildRequestBody(
    { eventSource: config.eventSource, pixelCode: config.pixelCode, testEventCode: testEventCode },
    {
      eventName: name.name,
      eventTime: eventTimeSeconds(eventTimeInput(eventData, config.eventTimeOverride), nowMs, warnings),
      eventId: id,
      user: user,
      page: web ? buildPage(page, config.urlPersonalData === "remove") : {},
      properties: properties,
      limitedDataUse: config.limitedDataUse,
      app: sourceParts.app,
      ad: sourceParts.ad,
      lead: sourceParts.lead
    }
  );
  if (config.cookiesEnabled) writeBrowserIds(user.ttclid, user.ttp, config.cookieDomain);
  if (enhance) writeStoredIds(user, stored, enhancedKeys, config.cookieDomain);
  else if (config.enhancement && consent === "denied") clearStoredIds(config.cookieDomain);
  const result = emptyResult(config);
  result.testEvent = testEventCode !== undefined;
  result.warnings = warnings;
  result.userData = userDataFlags(user);
  if (config.optimistic) callback(data2, "gtmOnSuccess");
  sendWithRetries({
    url: ENDPOINT,
    headers: { "Access-Token": config.accessToken, "Content-Type": "application/json" },
    body: JSON.stringify(body),
    timeoutMs: config.timeoutMs,
    maxRetries: config.maxRetries,
    startMs: nowMs,
    onAttempt: (attempt) => logRequest(ctx, ENDPOINT, attempt, body),
    onAnswer: (attempt, outcome2) => logResponse(ctx, attempt, outcome2)
  }, (sent) => {
    result.last = sent.outcome;
    result.attempts = sent.attempts;
    result.latencyMs = sent.latencyMs;
    if (sent.outcome.success) {
      result.outcome = "success";
      logResult(ctx, result, sent.answeredAtMs);
      if (!config.optimistic) callback(data2, "gtmOnSuccess");
      return;
    }
    if (config.optimistic) logFailure(ctx, result, sent.outcome.errorKind, sent.outcome.errorMessage, sent.answeredAtMs);
    else fail(data2, ctx, result, sent.outcome.errorKind, sent.outcome.errorMessage, sent.answeredAtMs);
  });
}

// src/main.ts
runTag(data);


___SERVER_PERMISSIONS___

[
  {
    "instance": {
      "key": {
        "publicId": "logging",
        "versionId": "1"
      },
      "param": [
        {
          "key": "environments",
          "value": {
            "type": 1,
            "string": "all"
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
                    "string": "trace-id"
                  }
                ]
              },
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
        },
        {
          "key": "queryParameterAccess",
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
                "string": "https://business-api.tiktok.com/open_api/v1.3/event/track/"
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
                "string": "ttclid"
              },
              {
                "type": 1,
                "string": "_ttp"
              },
              {
                "type": 1,
                "string": "_tt_enhanced"
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
                    "string": "ttclid"
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
                    "string": "secure"
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
                    "string": "_ttp"
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
                    "string": "secure"
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
                    "string": "_tt_enhanced"
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
        "publicId": "read_container_data",
        "versionId": "1"
      },
      "param": []
    },
    "isRequired": true
  }
]


___TESTS___

scenarios:
- name: Purchase is sent to TikTok with mapped name, hashed email and contents
  code: "runCode(mockData);\n\ncallLater(() => {\n  assertApi('gtmOnSuccess').wasCalled();\n\
    \  assertApi('gtmOnFailure').wasNotCalled();\n  assertThat(sent.length).isEqualTo(1);\n\
    \  assertThat(sent[0].url).isEqualTo(ENDPOINT);\n  assertThat(sent[0].options.method).isEqualTo('POST');\n\
    \  assertThat(sent[0].options.headers['Access-Token']).isEqualTo('test-access-token-0123456789');\n\
    \  assertThat(JSON.parse(sent[0].body)).isEqualTo({\n    event_source: 'web',\n\
    \    event_source_id: 'CTEST123PIXEL',\n    data: [{\n      event: 'Purchase',\n\
    \      event_time: 1764070000,\n      event_id: 'T-1001',\n      user: {\n   \
    \     email: SHA256_TEST_EMAIL,\n        ttclid: 'CLICK123',\n        ip: '203.0.113.7',\n\
    \        user_agent: 'Mozilla/5.0'\n      },\n      page: { url: 'https://shop.example/checkout?ttclid=CLICK123'\
    \ },\n      properties: {\n        contents: [{ content_id: 'SKU-1', content_name:\
    \ 'Runner', price: 64.95, quantity: 2 }],\n        content_type: 'product',\n\
    \        currency: 'USD',\n        value: 129.9,\n        order_id: 'T-1001'\n\
    \      }\n    }]\n  });\n});"
- name: Legacy event names option sends CompletePayment
  code: "mockData.eventNameVersion = 'legacy';\nrunCode(mockData);\n\ncallLater(()\
    \ => {\n  assertApi('gtmOnSuccess').wasCalled();\n  assertThat(JSON.parse(sent[0].body).data[0].event).isEqualTo('CompletePayment');\n\
    });"
- name: HTTP 200 with a non-zero TikTok code is a failure
  code: "answers = [{ statusCode: 200, body: '{\"code\":40002,\"message\":\"Invalid\
    \ parameter\",\"request_id\":\"r-2\"}' }];\nrunCode(mockData);\n\ncallLater(()\
    \ => {\n  assertApi('gtmOnFailure').wasCalled();\n  assertApi('gtmOnSuccess').wasNotCalled();\n\
    \  assertThat(sent.length).isEqualTo(1);\n});"
- name: HTTP 503 is retried once and then succeeds
  code: "answers = [{ statusCode: 503, body: 'unavailable' }, { statusCode: 200, body:\
    \ OK_BODY }];\nrunCode(mockData);\n\ncallLater(() => {\n  assertThat(sent.length).isEqualTo(2);\n\
    \  assertThat(sent[1].body).isEqualTo(sent[0].body);\n  assertApi('gtmOnSuccess').wasCalled();\n\
    \  assertApi('gtmOnFailure').wasNotCalled();\n});"
- name: Timeouts fail after the configured retries
  code: "answers = [{ reason: 'timed_out' }];\nmockData.maxRetries = '2';\nrunCode(mockData);\n\
    \ncallLater(() => {\n  assertThat(sent.length).isEqualTo(3);\n  assertApi('gtmOnFailure').wasCalled();\n\
    });"
- name: Denied ad_storage consent skips the event and still succeeds
  code: "mockData.consentMode = 'ad_storage';\nmock('getAllEventData', { event_name:\
    \ 'purchase', 'x-ga-gcs': 'G100' });\nrunCode(mockData);\n\ncallLater(() => {\n\
    \  assertApi('sendHttpRequest').wasNotCalled();\n  assertApi('gtmOnSuccess').wasCalled();\n\
    });"
- name: A missing access token fails without sending
  code: "mockData.accessToken = '';\nrunCode(mockData);\n\nassertApi('sendHttpRequest').wasNotCalled();\n\
    assertApi('gtmOnFailure').wasCalled();"
- name: The ttclid from the page URL is stored in a first-party cookie
  code: "runCode(mockData);\n\nassertApi('setCookie').wasCalledWith('ttclid', 'CLICK123',\
    \ {\n  domain: 'auto',\n  path: '/',\n  'max-age': 2592000,\n  secure: true,\n\
    \  httpOnly: false,\n  sameSite: 'lax'\n});"
- name: Cookie handling off writes no cookie
  code: "mockData.cookiesEnabled = false;\nrunCode(mockData);\n\nassertApi('setCookie').wasNotCalled();\n\
    assertApi('getCookieValues').wasNotCalled();"
- name: A fixed standard event with test event code and limited data use
  code: "mockData.eventNameMode = 'standard';\nmockData.standardEventName = 'Lead';\n\
    mockData.testEventCode = 'TEST42';\nmockData.limitedDataUse = true;\nmock('getAllEventData',\
    \ { event_name: 'form_submit', event_id: 'E-7' });\nrunCode(mockData);\n\ncallLater(()\
    \ => {\n  const body = JSON.parse(sent[0].body);\n  assertThat(body.test_event_code).isEqualTo('TEST42');\n\
    \  assertThat(body.data[0].event).isEqualTo('Lead');\n  assertThat(body.data[0].event_id).isEqualTo('E-7');\n\
    \  assertThat(body.data[0].limited_data_use).isEqualTo(true);\n  assertApi('gtmOnSuccess').wasCalled();\n\
    });"
- name: An app event sends the app and ad objects and the device ids, and no page
  code: "mockData.eventSource = 'app';\nmockData.appId = 'com.example.shop';\nmockData.appOverrides\
    \ = [{ name: 'campaign_id', value: '1800' }];\nmock('getAllEventData', {\n  event_name:\
    \ 'app_open',\n  app_name: 'Shop',\n  app_version: '2.3.1',\n  platform: 'IOS',\n\
    \  advertising_id: '6D92078A-8246-4BA4-AE5B-76104861E7DC',\n  att_status: 'authorized',\n\
    \  ad: { ad_id: 42, is_retargeting: 'false', attribution_provider: 'AppsFlyer'\
    \ },\n  page_location: 'https://shop.example/never-sent'\n});\nrunCode(mockData);\n\
    \ncallLater(() => {\n  assertApi('gtmOnSuccess').wasCalled();\n  assertThat(JSON.parse(sent[0].body)).isEqualTo({\n\
    \    event_source: 'app',\n    event_source_id: 'CTEST123PIXEL',\n    data: [{\n\
    \      event: 'app_open',\n      event_time: 1764070000,\n      user: { idfa:\
    \ '6D92078A-8246-4BA4-AE5B-76104861E7DC', att_status: 'AUTHORIZED' },\n      app:\
    \ { app_id: 'com.example.shop', app_name: 'Shop', app_version: '2.3.1' },\n  \
    \    ad: { campaign_id: '1800', ad_id: '42', is_retargeting: false, attribution_provider:\
    \ 'AppsFlyer' }\n    }]\n  });\n});"
- name: "A CRM event sends the lead object; an offline event its order and store"
  code: "mockData.eventSource = 'crm';\nmockData.leadEventSource = 'HubSpot';\nmock('getAllEventData',\
    \ { event_name: 'Qualified', lead_id: 7001234567, user_data: { email_address:\
    \ 'test@example.com' } });\nrunCode(mockData);\nmockData.eventSource = 'offline';\n\
    mockData.leadEventSource = '';\nmock('getAllEventData', { event_name: 'purchase',\
    \ order_id: 'POS-1', store_id: 'STORE-12', value: 10, currency: 'EUR', page_location:\
    \ 'https://shop.example/' });\nrunCode(mockData);\n\ncallLater(() => {\n  assertThat(sent.length).isEqualTo(2);\n\
    \  assertThat(JSON.parse(sent[0].body).data[0]).isEqualTo({\n    event: 'Qualified',\n\
    \    event_time: 1764070000,\n    user: { email: SHA256_TEST_EMAIL },\n    lead:\
    \ { lead_id: '7001234567', lead_event_source: 'HubSpot' }\n  });\n  assertThat(JSON.parse(sent[1].body).data[0]).isEqualTo({\n\
    \    event: 'Purchase',\n    event_time: 1764070000,\n    properties: { currency:\
    \ 'EUR', value: 10, order_id: 'POS-1', shop_id: 'STORE-12' }\n  });\n});"
- name: "Override fields beat the event data; test_event_code comes from the event\
    \ when the field is empty"
  code: "mockData.eventIdOverride = 'tag-id-1';\nmockData.ipOverride = '198.51.100.9';\n\
    mockData.userAgentOverride = 'TagUA/2';\nmockData.pageUrlOverride = 'https://tag.example/b';\n\
    mock('getAllEventData', {\n  event_name: 'sign_up',\n  event_id: 'from-event',\n\
    \  ip_override: '203.0.113.1',\n  user_agent: 'EventUA/1',\n  page_location: 'https://shop.example/a',\n\
    \  test_event_code: 'TEST_FROM_EVENT'\n});\nrunCode(mockData);\n\ncallLater(()\
    \ => {\n  assertThat(JSON.parse(sent[0].body)).isEqualTo({\n    event_source:\
    \ 'web',\n    event_source_id: 'CTEST123PIXEL',\n    test_event_code: 'TEST_FROM_EVENT',\n\
    \    data: [{\n      event: 'CompleteRegistration',\n      event_time: 1764070000,\n\
    \      event_id: 'tag-id-1',\n      user: { ip: '198.51.100.9', user_agent: 'TagUA/2'\
    \ },\n      page: { url: 'https://tag.example/b' }\n    }]\n  });\n});"
- name: A purchase without value gets the sum of price times quantity of its items
  code: "mock('getAllEventData', { event_name: 'purchase', currency: 'USD', items:\
    \ [{ item_id: 'A', price: 10.1, quantity: 3 }, { item_id: 'B', price: 0.2 }] });\n\
    runCode(mockData);\nmockData.valueFromItems = false;\nrunCode(mockData);\n\ncallLater(()\
    \ => {\n  assertThat(JSON.parse(sent[0].body).data[0].properties.value).isEqualTo(30.5);\n\
    \  assertThat(JSON.parse(sent[1].body).data[0].properties.value).isUndefined();\n\
    });"
- name: GTM monitoring pings are skipped with reason monitoring_ping
  code: "const logged = [];\nmock('logToConsole', (line) => { logged.push(JSON.parse(line));\
    \ });\nmock('getAllEventData', { event_name: 'page_view', page_location: 'https://gtm-msr.appspot.com/render?id=GTM-XYZ'\
    \ });\nrunCode(mockData);\n\ncallLater(() => {\n  assertApi('sendHttpRequest').wasNotCalled();\n\
    \  assertApi('gtmOnSuccess').wasCalled();\n  assertThat(logged.filter((line) =>\
    \ line.type === 'result')[0].skip_reason).isEqualTo('monitoring_ping');\n});"
- name: Emails and phone numbers are removed from the page URL query by default
  code: "mock('getAllEventData', { event_name: 'page_view', page_location: 'https://shop.example/t?utm_source=tiktok&email=jane%40example.com&tel=0612345678&q=shoes'\
    \ });\nrunCode(mockData);\nmockData.urlPersonalData = 'keep';\nrunCode(mockData);\n\
    \ncallLater(() => {\n  assertThat(JSON.parse(sent[0].body).data[0].page.url).isEqualTo('https://shop.example/t?utm_source=tiktok&q=shoes');\n\
    \  assertThat(JSON.parse(sent[1].body).data[0].page.url).isEqualTo('https://shop.example/t?utm_source=tiktok&email=jane%40example.com&tel=0612345678&q=shoes');\n\
    });"
- name: A bad currency is sent without currency and named in the result line's warnings
  code: "const logged = [];\nmock('logToConsole', (line) => { logged.push(JSON.parse(line));\
    \ });\nmock('getAllEventData', { event_name: 'purchase', value: 10, currency:\
    \ 'EURO', items: [{ item_id: 'A', price: 10 }] });\nrunCode(mockData);\n\ncallLater(()\
    \ => {\n  assertThat(JSON.parse(sent[0].body).data[0].properties.currency).isUndefined();\n\
    \  const result = logged.filter((line) => line.type === 'result')[0];\n  assertThat(result.warnings).isEqualTo([{\n\
    \    code: 'currency_invalid',\n    field: 'properties.currency',\n    message:\
    \ 'currency is not a 3-letter ISO 4217 code (e.g. EUR, USD); the event was sent\
    \ without currency'\n  }]);\n});"
- name: Event enhancement (opt-in, consent granted) stores hashes and adds them to a later event
  code: "mockData.enhancement = true;\nmockData.cookiesEnabled = false;\nmock('getAllEventData',\
    \ { event_name: 'sign_up', 'x-ga-gcs': 'G111', user_data: { email_address: 'test@example.com'\
    \ } });\nrunCode(mockData);\nmock('getCookieValues', (name) => name === '_tt_enhanced'\
    \ ? ['v1~e.' + SHA256_TEST_EMAIL] : []);\nmock('getAllEventData', { event_name:\
    \ 'page_view', 'x-ga-gcs': 'G111' });\nrunCode(mockData);\n\ncallLater(() => {\n\
    \  assertApi('setCookie').wasCalledWith('_tt_enhanced', 'v1~e.' + SHA256_TEST_EMAIL,\
    \ {\n    domain: 'auto',\n    path: '/',\n    'max-age': 2592000,\n    secure:\
    \ true,\n    httpOnly: true,\n    sameSite: 'lax'\n  });\n  assertThat(JSON.parse(sent[1].body).data[0].user).isEqualTo({\
    \ email: SHA256_TEST_EMAIL });\n});"
setup: "const JSON = require('JSON');\nconst Promise = require('Promise');\nconst\
  \ callLater = require('callLater');\n\nconst NOW_MS = 1764070000000;\nconst ENDPOINT\
  \ = 'https://business-api.tiktok.com/open_api/v1.3/event/track/';\nconst OK_BODY\
  \ = '{\"code\":0,\"message\":\"OK\",\"request_id\":\"r-1\",\"data\":{}}';\nconst\
  \ SHA256_TEST_EMAIL = '973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b';\n\
  \nconst mockData = {\n  accessToken: 'test-access-token-0123456789',\n  pixelCode:\
  \ 'CTEST123PIXEL',\n  eventSource: 'web',\n  eventNameMode: 'inherit',\n  timeoutMs:\
  \ '5000',\n  maxRetries: '1',\n  cookiesEnabled: true,\n  cookieDomain: 'auto',\n\
  \  loggingLevel: 'standard'\n};\n\nconst purchaseEvent = {\n  event_name: 'purchase',\n\
  \  transaction_id: 'T-1001',\n  value: 129.9,\n  currency: 'usd',\n  page_location:\
  \ 'https://shop.example/checkout?ttclid=CLICK123',\n  ip_override: '203.0.113.7',\n\
  \  user_agent: 'Mozilla/5.0',\n  user_data: { email_address: ' Test@Example.com\
  \ ' },\n  items: [{ item_id: 'SKU-1', item_name: 'Runner', price: 64.95, quantity:\
  \ 2 }]\n};\n\n// The HTTP answers for this scenario, in order; each call to sendHttpRequest\
  \ takes the next one.\nlet answers = [{ statusCode: 200, body: OK_BODY }];\nconst\
  \ sent = [];\n\nmock('getTimestampMillis', NOW_MS);\nmock('getAllEventData', purchaseEvent);\n\
  mock('sendHttpRequest', (url, options, body) => {\n  sent.push({ url: url, options:\
  \ options, body: body });\n  const answer = answers.length > 1 ? answers.shift()\
  \ : answers[0];\n  return Promise.create((resolve, reject) => {\n    if (answer.reason)\
  \ reject({ reason: answer.reason });\n    else resolve({ statusCode: answer.statusCode,\
  \ headers: {}, body: answer.body });\n  });\n});"


___NOTES___

Built from src/ by `npm run build` (scripts/build). Do not edit this file by hand: change the TypeScript sources and rebuild.


