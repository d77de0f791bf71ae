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
    "help": "From Events Manager → Test Events. Remove it before publishing: test events are not used for optimisation."
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
var makeString = require("makeString");
var makeNumber = require("makeNumber");
var makeInteger = require("makeInteger");
var JSON = require("JSON");
var Math = require("Math");
var Object = require("Object");
var Promise2 = require("Promise");
var sha256Sync = require("sha256Sync");
var parseUrl = require("parseUrl");
var getTimestampMillis = require("getTimestampMillis");
var getAllEventData = require("getAllEventData");
var getRequestHeader = require("getRequestHeader");
var getCookieValues = require("getCookieValues");
var setCookie = require("setCookie");
var sendHttpRequest = require("sendHttpRequest");
var logToConsole = require("logToConsole");
var getContainerVersion = require("getContainerVersion");

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
  const result = value[key];
  return typeof result === "function" ? undefined : result;
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
function isUnsafeKey(key) {
  return key === "__proto__" || key === "constructor" || key === "prototype";
}
function text(value, maxLength) {
  const type = typeof value;
  let result;
  if (type === "string") result = value.trim();
  else if (type === "number") {
    if (!isFiniteNumber(value)) return undefined;
    result = makeString(value);
  } else if (type === "boolean") result = value ? "true" : "false";
  else return undefined;
  if (result === "" || result === "undefined" || result === "null") return undefined;
  return truncate(result, maxLength === undefined ? MAX_STRING : maxLength);
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
  for (let i = 0; i < secrets.length; i++) {
    if (secrets[i].length >= 3) out = out.split(secrets[i]).join("[REDACTED]");
  }
  return out;
}
function keysOf(value) {
  return Object.keys(value);
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
  return n > MAX_TIMEOUT_MS ? MAX_TIMEOUT_MS : makeInteger(n);
}
function retries(value) {
  const n = numeric(value);
  if (n === undefined || n < 0) return value === undefined ? 1 : 0;
  return n > MAX_RETRIES ? MAX_RETRIES : makeInteger(n);
}
function readConfig(data2) {
  const received = isObject(data2);
  const fields = received ? data2 : {};
  const field3 = (key) => own(fields, key);
  const accessToken = text(field3("accessToken"), 1e3);
  const pixelCode = text(field3("pixelCode"), 100);
  const mode = choice(field3("eventNameMode"), ["inherit", "standard", "custom"], "inherit");
  const fixedEventName = mode === "standard" ? text(field3("standardEventName"), 100) : mode === "custom" ? text(field3("customEventName"), 100) : undefined;
  const pageView = text(field3("pageViewEvent"), 100);
  const tagName = text(field3("tagName"), 100);
  const config = {
    accessToken: accessToken === undefined ? "" : accessToken,
    pixelCode: pixelCode === undefined ? "" : pixelCode,
    eventSource: choice(field3("eventSource"), EVENT_SOURCES, "web"),
    eventNameMode: mode,
    fixedEventName: fixedEventName,
    legacyNames: text(field3("eventNameVersion")) === "legacy",
    pageViewEvent: pageView === undefined ? "Pageview" : pageView === "skip" ? "" : pageView,
    unmappedEvents: choice(field3("unmappedEvents"), ["custom", "skip"], "custom"),
    eventNameOverrides: stringMap(tableToMap(field3("eventNameOverrides"), "ga4Event", "tiktokEvent")),
    testEventCode: text(field3("testEventCode"), 100),
    limitedDataUse: flag(field3("limitedDataUse"), false),
    consentMode: choice(field3("consentMode"), ["always", "ad_storage"], "always"),
    skipRequested: isTruthyFlag(field3("skipEvent")),
    defaultPhoneCountryCode: text(field3("defaultPhoneCountryCode"), 8),
    hashAddress: text(field3("addressHashing")) === "hashed",
    userDataOverrides: tableToMap(field3("userDataOverrides"), "name", "value"),
    contentType: choice(field3("contentType"), ["product", "product_group"], "product"),
    propertyOverrides: tableToMap(field3("propertyOverrides"), "name", "value"),
    cookiesEnabled: flag(field3("cookiesEnabled"), true),
    cookieDomain: text(field3("cookieDomain"), 253) || "auto",
    timeoutMs: timeout(field3("timeoutMs")),
    maxRetries: retries(field3("maxRetries")),
    optimistic: flag(field3("optimistic"), false),
    logging: choice(field3("loggingLevel"), ["off", "standard", "debug"], "standard"),
    tagName: tagName === undefined ? DEFAULT_TAG_NAME : tagName
  };
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
  const fromState = fromValue(field(own(eventData, "consent_state"), "ad_storage"));
  if (fromState !== "unknown") return fromState;
  const gcs = text(own(eventData, "x-ga-gcs"), 10);
  if (gcs === undefined || gcs.length < 3 || gcs.substring(0, 2) !== "G1") return "unknown";
  const adStorage = gcs.charAt(2);
  if (adStorage === "1") return "granted";
  if (adStorage === "0") return "denied";
  return "unknown";
}
function consentAllowsSending(mode, eventData) {
  return mode === "always" || adStorageConsent(eventData) !== "denied";
}

// src/cookies.ts
var TTCLID_COOKIE = "ttclid";
var TTP_COOKIE = "_ttp";
var TTCLID_MAX_AGE_S = 30 * 24 * 60 * 60;
var TTP_MAX_AGE_S = 395 * 24 * 60 * 60;
function firstCookie(name) {
  const values = getCookieValues(name);
  return isArray(values) && values.length > 0 ? text(values[0], 500) : undefined;
}
function ttclidFromUrl(pageLocation) {
  const href = text(pageLocation, 8192);
  if (href === undefined) return undefined;
  const url = parseUrl(href);
  if (typeof url !== "object" || url === null || typeof url.searchParams !== "object" || url.searchParams === null) return undefined;
  const value = url.searchParams.ttclid;
  return text(isArray(value) ? value[0] : value, 500);
}
function readBrowserIds(pageLocation, useCookies) {
  return {
    ttclidFromUrl: ttclidFromUrl(pageLocation),
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
  if (options.unmapped === "skip" || !isValidCustomName(ga4Event)) return { name: undefined, skipReason: "event_not_mapped" };
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
function isValidCustomName(name) {
  if (name.length === 0 || name.length > MAX_CUSTOM_NAME) return false;
  if (name.charAt(0) === " " || name.charAt(0) === "-") return false;
  return onlyChars(name, CUSTOM_NAME_CHARS);
}

// src/normalize.ts
var HEX = "0123456789abcdef";
var DIGITS = "0123456789";
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
  const at2 = value.indexOf("@");
  if (at2 < 1 || at2 === value.length - 1 || value.length > 254) return undefined;
  if (value.indexOf(" ") !== -1) return undefined;
  return value;
}
function digitsOf(value) {
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const ch = value.charAt(i);
    if (DIGITS.indexOf(ch) !== -1) out += ch;
  }
  return out;
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
  const value = raw.split(",")[0].trim();
  if (value.length < 3 || value.length > 45) return undefined;
  if (value.indexOf(".") === -1 && value.indexOf(":") === -1) return undefined;
  return onlyChars(value.toLowerCase(), "0123456789abcdef.:") ? value : undefined;
}

// src/user-data.ts
var MAX_VALUES = 5;
var CLEAR_ADDRESS_KEYS = ["city", "state", "country"];
var SOURCES = {
  email: ["user_data.email_address", "user_data.email", "user_data.sha256_email_address", "email", "email_address", "sha256_email_address"],
  phone: ["user_data.phone_number", "user_data.sha256_phone_number", "phone", "phone_number", "sha256_phone_number"],
  external_id: ["external_id", "user_data.external_id", "user_id"],
  first_name: ["user_data.address.first_name", "user_data.address.sha256_first_name", "first_name"],
  last_name: ["user_data.address.last_name", "user_data.address.sha256_last_name", "last_name"],
  city: ["user_data.address.city", "city"],
  state: ["user_data.address.region", "state", "region"],
  zip_code: ["user_data.address.postal_code", "zip_code", "postal_code", "zip"],
  country: ["user_data.address.country", "country"],
  ttclid: ["ttclid"],
  ttp: ["ttp", "_ttp"],
  ip: ["ip_override", "ip", "ip_address"],
  user_agent: ["user_agent"],
  locale: ["language", "locale"]
};
function userDataSources(eventData) {
  const userData = recordOf(own(eventData, "user_data"));
  return { event: eventData, userData: userData, address: recordOf(own(userData, "address")) };
}
function at(sources, dotted) {
  if (dotted.substring(0, 18) === "user_data.address.") return own(sources.address, dotted.substring(18));
  if (dotted.substring(0, 10) === "user_data.") return own(sources.userData, dotted.substring(10));
  return own(sources.event, dotted);
}
function lookup(sources, key) {
  const paths = SOURCES[key];
  for (let i = 0; i < paths.length; i++) {
    const value = at(sources, paths[i]);
    if (value !== undefined) return value;
  }
  return undefined;
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
  const override = own(options.overrides, key);
  if (text(override) !== undefined || isArray(override)) return override;
  if (key === "ttclid") return firstDefined([ids.ttclidFromUrl, ids.ttclidCookie, text(lookup(sources, key))]);
  if (key === "ttp") return firstDefined([ids.ttpCookie, text(lookup(sources, key))]);
  return lookup(sources, key);
}
function buildUser(sources, ids, options) {
  const user = {};
  for (let i = 0; i < USER_KEYS.length; i++) {
    const key = USER_KEYS[i];
    const values = normalizeValues(key, rawValue(key, sources, ids, options), options);
    if (values.length === 1) user[key] = values[0];
    else if (values.length > 1) user[key] = values;
  }
  return user;
}
var PERSONAL_KEYS = ["email", "phone", "external_id", "first_name", "last_name", "city", "state", "zip_code"];
function rawPersonalValues(sources, ids, options) {
  const out = [];
  for (let i = 0; i < PERSONAL_KEYS.length; i++) {
    const raw = rawValue(PERSONAL_KEYS[i], sources, ids, options);
    const candidates = isArray(raw) ? raw : [raw];
    for (let j = 0; j < candidates.length && j < MAX_VALUES; j++) {
      const value = text(candidates[j]);
      if (value !== undefined && value.length >= 3) out.push(value);
    }
  }
  return out;
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
function common(ctx, severity, message, type) {
  return {
    severity: severity,
    message: message,
    schema: SCHEMA,
    type: type,
    tag: ctx.tag,
    trace_id: ctx.traceId,
    time_ms: makeInteger(getTimestampMillis()),
    ga4_event: ctx.ga4Event,
    tiktok_event: ctx.tiktokEvent,
    event_id: ctx.eventId,
    pixel_code: ctx.pixelCode
  };
}
function scrub(value, secrets) {
  if (typeof value === "string") return isSha256Hex(value) ? value : redact(value, secrets);
  if (typeof value !== "object" || value === null) return value;
  const kind = kindOf(value);
  if (kind === "array") return value.map((item) => scrub(item, secrets));
  if (kind !== "object") return value;
  const out = {};
  for (const key in value) out[key] = scrub(value[key], secrets);
  return out;
}
function write(ctx, line) {
  const serialized = JSON.stringify(scrub(line, ctx.secrets));
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
function resultLine(ctx, fields) {
  const severity = fields.outcome === "failure" ? "ERROR" : "INFO";
  const line = common(ctx, severity, resultMessage(ctx, fields), "result");
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
  line.latency_ms = fields.latencyMs === null ? null : makeInteger(fields.latencyMs);
  line.test_event = fields.testEvent;
  line.event_source = fields.eventSource;
  line.user_data = fields.userData;
  return line;
}
function logResult(ctx, fields) {
  if (ctx.level === "off") return;
  write(ctx, resultLine(ctx, fields));
}
function bodyForLog(body) {
  const events = own(body, "data");
  if (!isArray(events)) return body;
  const maskedEvents = [];
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    const user = isObject(event) ? own(event, "user") : undefined;
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

// src/properties.ts
var MAX_CONTENTS = 200;
function normalizeCurrency(value) {
  const raw = text(value, 10);
  if (raw === undefined || raw.length !== 3) return undefined;
  const upper = raw.toUpperCase();
  return onlyChars(upper, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") ? upper : undefined;
}
function itemToContent(item) {
  if (!isObject(item)) return undefined;
  const content = {};
  const id = text(firstDefined([own(item, "item_id"), own(item, "id"), own(item, "content_id")]), 500);
  const name = text(firstDefined([own(item, "item_name"), own(item, "name"), own(item, "content_name")]), 500);
  const category = text(firstDefined([own(item, "item_category"), own(item, "content_category")]), 500);
  const brand = text(firstDefined([own(item, "item_brand"), own(item, "brand")]), 500);
  const price = numeric(own(item, "price"));
  const quantity = numeric(own(item, "quantity"));
  if (id === undefined && name === undefined) return undefined;
  if (id !== undefined) content.content_id = id;
  if (name !== undefined) content.content_name = name;
  if (category !== undefined) content.content_category = category;
  if (brand !== undefined) content.brand = brand;
  if (price !== undefined) content.price = price;
  const wholeQuantity = quantity === undefined ? 0 : makeInteger(quantity);
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
    const keys = keysOf(value);
    for (let i = 0; i < keys.length; i++) {
      const item = compact(value[keys[i]], depth + 1);
      if (item !== undefined) out[keys[i]] = item;
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
  const contents = itemsToContents(own(eventData, "items"));
  if (contents.length > 0) {
    properties.contents = contents;
    properties.content_type = options.contentType;
  }
  const currency = normalizeCurrency(own(eventData, "currency"));
  if (currency !== undefined) properties.currency = currency;
  const value = numeric(own(eventData, "value"));
  if (value !== undefined) properties.value = value;
  const query = text(own(eventData, "search_term"), 500);
  if (query !== undefined) properties.query = query;
  const orderId = text(own(eventData, "transaction_id"), 500);
  if (orderId !== undefined) properties.order_id = orderId;
  const description = text(own(eventData, "description"), 500);
  if (description !== undefined) properties.description = description;
  for (const name in options.overrides) {
    const overridden = overrideValue(name, options.overrides[name]);
    if (overridden !== undefined) properties[name] = overridden;
  }
  if (properties.contents !== undefined && properties.content_type === undefined) properties.content_type = options.contentType;
  return properties;
}

// src/template/endpoint.ts
var ENDPOINT_URL = "https://business-api.tiktok.com/open_api/v1.3/event/track/";

// src/request.ts
var ENDPOINT = ENDPOINT_URL;
var EARLIEST_S = 946684800;
var MAX_AHEAD_S = 86400;
function eventTimeSeconds(raw, nowMs) {
  const nowS = Math.floor(nowMs / 1e3);
  const n = numeric(raw);
  if (n === undefined || n <= 0) return nowS;
  let seconds = n;
  if (n >= 1e14) seconds = n / 1e6;
  else if (n >= 1e11) seconds = n / 1e3;
  seconds = Math.floor(seconds);
  if (seconds < EARLIEST_S || seconds > nowS + MAX_AHEAD_S) return nowS;
  if (seconds > nowS) return nowS;
  return makeInteger(seconds);
}
function eventId(eventData) {
  return firstDefined([text(own(eventData, "event_id"), 500), text(own(eventData, "transaction_id"), 500)]);
}
function webUrl(value) {
  const href = text(value, 2048);
  if (href === undefined) return undefined;
  const url = parseUrl(href);
  if (typeof url !== "object" || url === null) return undefined;
  const protocol = url.protocol;
  return protocol === "https:" || protocol === "http:" ? href : undefined;
}
function buildPage(eventData, source) {
  const page = {};
  if (source !== "web") return page;
  const url = webUrl(own(eventData, "page_location"));
  const referrer = webUrl(own(eventData, "page_referrer"));
  if (url !== undefined) page.url = url;
  if (referrer !== undefined) page.referrer = referrer;
  return page;
}
function buildRequestBody(options, parts) {
  const event = { event: parts.eventName, event_time: parts.eventTime };
  if (parts.eventId !== undefined) event.event_id = parts.eventId;
  if (hasKeys(parts.user)) event.user = parts.user;
  if (hasKeys(parts.page)) event.page = parts.page;
  if (hasKeys(parts.properties)) event.properties = parts.properties;
  if (parts.limitedDataUse) event.limited_data_use = true;
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
  const status = isFiniteNumber(statusCode) ? makeInteger(statusCode) : 0;
  const bodyText = typeof body === "string" ? body : null;
  const parsed = bodyText === null ? undefined : JSON.parse(bodyText);
  const json = isObject(parsed) ? parsed : undefined;
  const rawCode = field(json, "code");
  const code = isFiniteNumber(rawCode) ? makeInteger(rawCode) : null;
  const message = text(field(json, "message"), MAX_TIKTOK_MESSAGE);
  const requestId = text(field(json, "request_id"), 200);
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
  const why = text(field(reason, "reason"), 50);
  if (why === "timed_out") {
    return outcome("timeout", null, null, "no answer from TikTok within " + makeString(timeoutMs) + " ms", true);
  }
  return outcome("network", null, null, "the request to TikTok failed before an answer (" + (why === undefined ? "unknown reason" : why) + ")", true);
}

// src/send.ts
var MIN_ATTEMPT_MS = 200;
function attemptTimeout(remainingMs, attemptsLeft) {
  const share = Math.floor(remainingMs / (attemptsLeft < 1 ? 1 : attemptsLeft));
  return share < MIN_ATTEMPT_MS ? remainingMs : share;
}
function sendWithRetries(options) {
  const start = getTimestampMillis();
  const maxAttempts = options.maxRetries + 1;
  return Promise2.create((resolve) => {
    const attempt = (n) => {
      const remaining = options.timeoutMs - (getTimestampMillis() - start);
      const timeout2 = attemptTimeout(remaining, maxAttempts - n + 1);
      options.onAttempt(n);
      const request = sendHttpRequest(options.url, { method: "POST", headers: options.headers, timeout: timeout2 }, options.body);
      const settle = (outcome2) => {
        options.onAnswer(n, outcome2);
        const left = options.timeoutMs - (getTimestampMillis() - start);
        if (!outcome2.success && outcome2.retryable && n < maxAttempts && left >= MIN_ATTEMPT_MS) {
          attempt(n + 1);
          return;
        }
        resolve({ outcome: outcome2, attempts: n, latencyMs: getTimestampMillis() - start });
      };
      if (typeof request !== "object" || request === null) {
        settle(classifyTransportFailure({ reason: "failed" }, timeout2));
        return;
      }
      request.then(
        (response) => settle(classifyResponse(field(response, "statusCode"), field(response, "body"))),
        (reason) => settle(classifyTransportFailure(reason, timeout2))
      );
    };
    attempt(1);
  });
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
    userData: NO_USER_DATA
  };
}
function skip(data2, ctx, config, reason) {
  const result = emptyResult(config);
  result.skipReason = reason;
  logResult(ctx, result);
  callback(data2, "gtmOnSuccess");
}
function logFailure(ctx, result, kind, message) {
  result.outcome = "failure";
  result.errorKind = kind;
  result.errorMessage = message;
  logResult(ctx, result);
}
function fail(data2, ctx, result, kind, message) {
  logFailure(ctx, result, kind, message);
  callback(data2, "gtmOnFailure");
}
function runTag(data2) {
  const read = readConfig(data2);
  const config = read.config;
  const eventData = asObject(getAllEventData());
  const ga4Event = text(own(eventData, "event_name"), 200);
  const traceId = text(getRequestHeader("trace-id"), 200);
  const ctx = {
    level: config.logging,
    verbose: config.logging !== "off" && isVerbose(config.logging),
    tag: config.tagName,
    traceId: traceId === undefined ? null : traceId,
    ga4Event: ga4Event === undefined ? null : ga4Event,
    tiktokEvent: null,
    eventId: null,
    pixelCode: config.pixelCode === "" ? null : config.pixelCode,
    secrets: config.accessToken === "" ? [] : [config.accessToken]
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
  const id = eventId(eventData);
  ctx.eventId = id === undefined ? null : id;
  if (config.skipRequested) return skip(data2, ctx, config, "skip_requested");
  if (!consentAllowsSending(config.consentMode, eventData)) return skip(data2, ctx, config, "consent_denied");
  if (name.name === undefined) return skip(data2, ctx, config, "event_not_mapped");
  const ids = readBrowserIds(own(eventData, "page_location"), config.cookiesEnabled);
  const userOptions = {
    defaultPhoneCountryCode: config.defaultPhoneCountryCode,
    hashAddress: config.hashAddress,
    overrides: config.userDataOverrides
  };
  const sources = userDataSources(eventData);
  const user = buildUser(sources, ids, userOptions);
  ctx.secrets = ctx.secrets.concat(rawPersonalValues(sources, ids, userOptions));
  const body = buildRequestBody(
    { eventSource: config.eventSource, pixelCode: config.pixelCode, testEventCode: config.testEventCode },
    {
      eventName: name.name,
      eventTime: eventTimeSeconds(firstDefined([own(eventData, "event_time"), own(eventData, "timestamp"), own(eventData, "x-ga-mp2-timestamp_micros")]), getTimestampMillis()),
      eventId: id,
      user: user,
      page: buildPage(eventData, config.eventSource),
      properties: buildProperties(eventData, { contentType: config.contentType, overrides: config.propertyOverrides }),
      limitedDataUse: config.limitedDataUse
    }
  );
  if (config.cookiesEnabled) writeBrowserIds(user.ttclid, user.ttp, config.cookieDomain);
  const result = emptyResult(config);
  result.testEvent = config.testEventCode !== undefined;
  result.userData = userDataFlags(user);
  if (config.optimistic) callback(data2, "gtmOnSuccess");
  sendWithRetries({
    url: ENDPOINT,
    headers: { "Access-Token": config.accessToken, "Content-Type": "application/json" },
    body: JSON.stringify(body),
    timeoutMs: config.timeoutMs,
    maxRetries: config.maxRetries,
    onAttempt: (attempt) => logRequest(ctx, ENDPOINT, attempt, body),
    onAnswer: (attempt, outcome2) => logResponse(ctx, attempt, outcome2)
  }).then((sent) => {
    result.last = sent.outcome;
    result.attempts = sent.attempts;
    result.latencyMs = sent.latencyMs;
    if (sent.outcome.success) {
      result.outcome = "success";
      logResult(ctx, result);
      if (!config.optimistic) callback(data2, "gtmOnSuccess");
      return;
    }
    if (config.optimistic) logFailure(ctx, result, sent.outcome.errorKind, sent.outcome.errorMessage);
    else fail(data2, ctx, result, sent.outcome.errorKind, sent.outcome.errorMessage);
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


