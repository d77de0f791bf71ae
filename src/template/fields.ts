/**
 * The tag's fields as GTM shows them. `name` is the key the tag code reads from `data`
 * (src/config.ts); the build writes this list into ___TEMPLATE_PARAMETERS___.
 */
import { ENHANCEMENT_COOKIE } from '../cookie-names';
import { STANDARD_EVENTS, USER_KEYS } from '../tiktok-events';
import type { Field, SelectItem } from './field-types';

const standardEventItems: SelectItem[] = STANDARD_EVENTS.map((name) => ({ value: name, displayValue: name }));

const userDataKeys: SelectItem[] = USER_KEYS.map((name) => ({ value: name, displayValue: name }));

/** Keys an app event's rows may set: the ad object, the device ids, and the app object. */
const APP_ROW_KEYS = [
  'callback', 'campaign_id', 'ad_id', 'creative_id', 'is_retargeting', 'attributed', 'attribution_type', 'attribution_provider',
  'idfa', 'idfv', 'gaid', 'att_status', 'app_id', 'app_name', 'app_version',
];
const appRowKeys: SelectItem[] = APP_ROW_KEYS.map((name) => ({ value: name, displayValue: name }));

export const FIELDS: Field[] = [
  {
    type: 'TEXT',
    name: 'accessToken',
    displayName: 'Access Token',
    simpleValueType: true,
    help: 'The Events API access token from TikTok Events Manager (Settings → Generate Access Token). Sent only in the Access-Token header; never logged.',
    valueValidators: [
      { type: 'NON_EMPTY' },
      { type: 'REGEX', args: ['^\\S+$'], errorMessage: 'The access token cannot contain spaces or line breaks.' },
    ],
  },
  {
    type: 'TEXT',
    name: 'pixelCode',
    displayName: 'Pixel Code / Event Set ID',
    simpleValueType: true,
    alwaysInSummary: true,
    help: 'The pixel code (web) or the App / Offline / CRM event set ID, sent as <code>event_source_id</code>.',
    valueValidators: [
      { type: 'NON_EMPTY' },
      { type: 'REGEX', args: ['^[A-Za-z0-9_-]{1,64}$'], errorMessage: 'Letters, digits, "_" or "-" only, e.g. CABC123DEF456GHI789JK.' },
    ],
  },
  {
    type: 'SELECT',
    name: 'eventSource',
    displayName: 'Event Source',
    macrosInSelect: false,
    selectItems: [
      { value: 'web', displayValue: 'Web (pixel)' },
      { value: 'app', displayValue: 'App' },
      { value: 'offline', displayValue: 'Offline' },
      { value: 'crm', displayValue: 'CRM' },
    ],
    simpleValueType: true,
    defaultValue: 'web',
  },
  {
    type: 'RADIO',
    name: 'eventNameMode',
    displayName: 'Event Name',
    radioItems: [
      {
        value: 'inherit',
        displayValue: 'Inherit from client (GA4 → TikTok mapping)',
        help: 'page_view, view_item, add_to_cart, begin_checkout, purchase, generate_lead, … become TikTok standard events. TikTok event names sent by the client pass through unchanged.',
      },
      {
        value: 'standard',
        displayValue: 'Standard event',
        subParams: [
          {
            type: 'SELECT',
            name: 'standardEventName',
            displayName: 'TikTok standard event',
            macrosInSelect: true,
            selectItems: standardEventItems,
            simpleValueType: true,
            defaultValue: 'Purchase',
          },
        ],
      },
      {
        value: 'custom',
        displayValue: 'Custom event',
        subParams: [
          {
            type: 'TEXT',
            name: 'customEventName',
            displayName: 'Custom event name',
            simpleValueType: true,
            valueValidators: [{ type: 'NON_EMPTY' }],
          },
        ],
      },
    ],
    simpleValueType: true,
    defaultValue: 'inherit',
  },
  {
    type: 'GROUP',
    name: 'eventMappingGroup',
    displayName: 'Event Mapping',
    groupStyle: 'ZIPPY_CLOSED',
    enablingConditions: [{ paramName: 'eventNameMode', paramValue: 'inherit', type: 'EQUALS' }],
    subParams: [
      {
        type: 'SELECT',
        name: 'eventNameVersion',
        displayName: 'Event names',
        macrosInSelect: false,
        selectItems: [
          { value: 'current', displayValue: 'Current (Purchase, Lead)' },
          { value: 'legacy', displayValue: 'Legacy (CompletePayment, SubmitForm)' },
        ],
        simpleValueType: true,
        defaultValue: 'current',
        help: 'TikTok renamed CompletePayment to Purchase and SubmitForm to Lead in 2025. Keep the legacy names only if your pixel and reports still use them.',
      },
      {
        type: 'SELECT',
        name: 'pageViewEvent',
        displayName: 'page_view',
        macrosInSelect: false,
        selectItems: [
          { value: 'Pageview', displayValue: 'Send as Pageview' },
          { value: 'skip', displayValue: 'Do not send' },
        ],
        simpleValueType: true,
        defaultValue: 'Pageview',
      },
      {
        type: 'SELECT',
        name: 'unmappedEvents',
        displayName: 'Events without a mapping',
        macrosInSelect: false,
        selectItems: [
          { value: 'custom', displayValue: 'Send with their own name (custom event)' },
          { value: 'skip', displayValue: 'Do not send' },
        ],
        simpleValueType: true,
        defaultValue: 'custom',
      },
      {
        type: 'SIMPLE_TABLE',
        name: 'eventNameOverrides',
        displayName: 'Override the mapping',
        help: 'One row per GA4 event name. Leave the TikTok event empty to not send that event.',
        simpleTableColumns: [
          { defaultValue: '', displayName: 'GA4 event name', name: 'ga4Event', type: 'TEXT', isUnique: true, valueHint: 'view_cart' },
          { defaultValue: '', displayName: 'TikTok event name', name: 'tiktokEvent', type: 'TEXT', valueHint: 'ViewContent' },
        ],
        newRowButtonText: 'Add event',
      },
    ],
  },
  {
    type: 'TEXT',
    name: 'testEventCode',
    displayName: 'Test Event Code',
    simpleValueType: true,
    help: 'From Events Manager → Test Events. Remove it before publishing: test events are not used for optimisation. When empty, a <code>test_event_code</code> in the event data is used (set it per request from the web container while testing).',
  },
  {
    type: 'GROUP',
    name: 'appGroup',
    displayName: 'App',
    groupStyle: 'ZIPPY_OPEN',
    enablingConditions: [{ paramName: 'eventSource', paramValue: 'app', type: 'EQUALS' }],
    subParams: [
      { type: 'TEXT', name: 'appId', displayName: 'App ID (app.app_id)', simpleValueType: true, valueHint: 'com.example.shop', help: 'The app\'s store id (iOS App Store id or Android package name). Beats <code>app_id</code>, <code>app.app_id</code>, <code>app.id</code> and <code>app_info.id</code> in the event data.' },
      { type: 'TEXT', name: 'appName', displayName: 'App name (app.app_name)', simpleValueType: true, help: 'Beats <code>app_name</code>, <code>app.app_name</code>, <code>app.name</code>, <code>app_info.name</code>.' },
      { type: 'TEXT', name: 'appVersion', displayName: 'App version (app.app_version)', simpleValueType: true, help: 'Beats <code>app_version</code>, <code>app.app_version</code>, <code>app.version</code>, <code>app_info.version</code>.' },
      {
        type: 'SIMPLE_TABLE',
        name: 'appOverrides',
        displayName: 'Ad, device and app values',
        help: 'Rows that beat the event data: the <code>ad</code> object (callback, campaign_id, ad_id, creative_id, is_retargeting, attributed, attribution_type, attribution_provider), the device ids sent in <code>user</code> (idfa, idfv, gaid as the device reports them; att_status AUTHORIZED, DENIED, NOT_DETERMINED, RESTRICTED or NOT_APPLICABLE) and app_id/app_name/app_version. Without a row each is read from the flat key or <code>ad.*</code> / <code>device.*</code> in the event data; <code>advertising_id</code> becomes idfa on iOS and gaid on Android (<code>platform</code>).',
        simpleTableColumns: [
          { defaultValue: 'campaign_id', displayName: 'Field', name: 'name', type: 'SELECT', isUnique: true, selectItems: appRowKeys, macrosInSelect: false },
          { defaultValue: '', displayName: 'Value', name: 'value', type: 'TEXT' },
        ],
        newRowButtonText: 'Add value',
      },
    ],
  },
  {
    type: 'GROUP',
    name: 'crmGroup',
    displayName: 'CRM lead',
    groupStyle: 'ZIPPY_OPEN',
    enablingConditions: [{ paramName: 'eventSource', paramValue: 'crm', type: 'EQUALS' }],
    subParams: [
      { type: 'TEXT', name: 'leadId', displayName: 'Lead ID (lead.lead_id)', simpleValueType: true, help: 'The id of the lead exported from TikTok Instant Forms; TikTok needs it to attribute the CRM stage. Beats <code>lead_id</code> and <code>lead.lead_id</code> in the event data; a CRM event without it gets the <code>lead_id_missing</code> warning.' },
      { type: 'TEXT', name: 'leadEventSource', displayName: 'CRM name (lead.lead_event_source)', simpleValueType: true, valueHint: 'HubSpot', help: 'The CRM the stage comes from, e.g. HubSpot or Salesforce. Beats <code>lead_event_source</code> and <code>lead.lead_event_source</code>.' },
    ],
  },
  {
    type: 'GROUP',
    name: 'eventOverridesGroup',
    displayName: 'Event overrides',
    groupStyle: 'ZIPPY_CLOSED',
    help: 'Each field, when not empty, beats the event data.',
    subParams: [
      { type: 'TEXT', name: 'eventIdOverride', displayName: 'Event ID', simpleValueType: true, help: 'Sent as <code>event_id</code> (deduplication with the pixel) instead of <code>event_id</code> / <code>transaction_id</code>.' },
      { type: 'TEXT', name: 'eventTimeOverride', displayName: 'Event time', simpleValueType: true, help: 'Unix seconds, milliseconds or microseconds, instead of <code>event_time</code> / <code>timestamp</code>.' },
      { type: 'TEXT', name: 'pageUrlOverride', displayName: 'Page URL', simpleValueType: true, help: 'Instead of <code>page_location</code>: sent as page.url (web), and read for the ttclid parameter.' },
      { type: 'TEXT', name: 'pageReferrerOverride', displayName: 'Page referrer', simpleValueType: true, help: 'Instead of <code>page_referrer</code>: sent as page.referrer (web).' },
      { type: 'TEXT', name: 'ipOverride', displayName: 'IP address', simpleValueType: true, help: 'Instead of <code>ip_override</code>; also beats an "ip" row of User data overrides.' },
      { type: 'TEXT', name: 'userAgentOverride', displayName: 'User agent', simpleValueType: true, help: 'Instead of <code>user_agent</code>; also beats a "user_agent" row of User data overrides.' },
    ],
  },
  {
    type: 'CHECKBOX',
    name: 'limitedDataUse',
    displayName: '',
    checkboxText: 'Limited Data Use',
    simpleValueType: true,
    defaultValue: false,
    help: 'Sends <code>limited_data_use: true</code> with every event (US state privacy laws).',
  },
  {
    type: 'GROUP',
    name: 'consentGroup',
    displayName: 'Consent',
    groupStyle: 'ZIPPY_CLOSED',
    subParams: [
      {
        type: 'SELECT',
        name: 'consentMode',
        displayName: 'Send events',
        macrosInSelect: false,
        selectItems: [
          { value: 'always', displayValue: 'Always' },
          { value: 'ad_storage', displayValue: 'Only when ad_storage is granted (consent_state or x-ga-gcs)' },
        ],
        simpleValueType: true,
        defaultValue: 'always',
        help: 'With ad_storage, an event whose consent says ad_storage is denied is not sent and counts as skipped. Events without any consent signal are sent.',
      },
      {
        type: 'TEXT',
        name: 'skipEvent',
        displayName: 'Skip this event when',
        simpleValueType: true,
        help: 'A variable that is true (or "true") when this event must not be sent. The tag then succeeds without sending and logs it as skipped.',
      },
    ],
  },
  {
    type: 'GROUP',
    name: 'userDataGroup',
    displayName: 'User Data',
    groupStyle: 'ZIPPY_CLOSED',
    subParams: [
      {
        type: 'TEXT',
        name: 'defaultPhoneCountryCode',
        displayName: 'Default phone country code',
        simpleValueType: true,
        valueHint: '44',
        help: 'Used for phone numbers without "+" or "00", e.g. 44 turns 07911 123456 into +447911123456.',
        valueValidators: [{ type: 'REGEX', args: ['^\\+?[0-9]{1,4}$'], errorMessage: '1 to 4 digits, e.g. 1 or 44.' }],
      },
      {
        type: 'SELECT',
        name: 'addressHashing',
        displayName: 'City, state and country',
        macrosInSelect: false,
        selectItems: [
          { value: 'plain', displayValue: 'Send normalised, unhashed (TikTok default)' },
          { value: 'hashed', displayValue: 'Send SHA-256 hashed' },
        ],
        simpleValueType: true,
        defaultValue: 'plain',
      },
      {
        type: 'SIMPLE_TABLE',
        name: 'userDataOverrides',
        displayName: 'User data overrides',
        help: 'Values here win over the event data. Email, phone, external_id, names and zip_code are normalised and hashed unless already SHA-256.',
        simpleTableColumns: [
          { defaultValue: 'email', displayName: 'Field', name: 'name', type: 'SELECT', isUnique: true, selectItems: userDataKeys, macrosInSelect: false },
          { defaultValue: '', displayName: 'Value', name: 'value', type: 'TEXT' },
        ],
        newRowButtonText: 'Add user data',
      },
      {
        type: 'SELECT',
        name: 'urlPersonalData',
        displayName: 'Emails and phone numbers in URLs',
        macrosInSelect: false,
        selectItems: [
          { value: 'remove', displayValue: 'Remove them from page URL and referrer (recommended)' },
          { value: 'keep', displayValue: 'Keep the URLs as they are' },
        ],
        simpleValueType: true,
        defaultValue: 'remove',
        help: 'Query parameters of page.url and page.referrer whose value is an email address or a phone number (international, or written with spaces/dashes, or in a parameter named phone, tel, mobile…) are removed before sending, as GA4 redacts them.',
      },
    ],
  },
  {
    type: 'GROUP',
    name: 'propertiesGroup',
    displayName: 'Properties',
    groupStyle: 'ZIPPY_CLOSED',
    subParams: [
      {
        type: 'SELECT',
        name: 'contentType',
        displayName: 'content_type when items are present',
        macrosInSelect: true,
        selectItems: [
          { value: 'product', displayValue: 'product' },
          { value: 'product_group', displayValue: 'product_group' },
        ],
        simpleValueType: true,
        defaultValue: 'product',
      },
      {
        type: 'SIMPLE_TABLE',
        name: 'propertyOverrides',
        displayName: 'Properties overrides',
        help: 'value, currency, contents, content_type, query, order_id, description, shop_id or any custom property. Values here win over the event data.',
        simpleTableColumns: [
          { defaultValue: '', displayName: 'Property', name: 'name', type: 'TEXT', isUnique: true, valueHint: 'value' },
          { defaultValue: '', displayName: 'Value', name: 'value', type: 'TEXT' },
        ],
        newRowButtonText: 'Add property',
      },
      {
        type: 'CHECKBOX',
        name: 'valueFromItems',
        displayName: '',
        checkboxText: 'Value from items when missing',
        simpleValueType: true,
        defaultValue: true,
        help: 'Purchase, CompletePayment, PlaceAnOrder, InitiateCheckout, AddToCart, AddPaymentInfo, Subscribe and StartTrial without a usable value get Σ price × quantity of their items (quantity 1 when absent), rounded to cents, when every item has a price.',
      },
    ],
  },
  {
    type: 'GROUP',
    name: 'cookiesGroup',
    displayName: 'Cookies',
    groupStyle: 'ZIPPY_CLOSED',
    subParams: [
      {
        type: 'CHECKBOX',
        name: 'cookiesEnabled',
        displayName: '',
        checkboxText: 'Read and write the ttclid and _ttp first-party cookies',
        simpleValueType: true,
        defaultValue: true,
        help: 'ttclid (from the ttclid URL parameter) is kept 30 days, _ttp 13 months; Secure, SameSite=Lax.',
      },
      {
        type: 'TEXT',
        name: 'cookieDomain',
        displayName: 'Cookie domain',
        simpleValueType: true,
        defaultValue: 'auto',
        enablingConditions: [{ paramName: 'cookiesEnabled', paramValue: true, type: 'EQUALS' }],
      },
      {
        type: 'CHECKBOX',
        name: 'enhancement',
        displayName: '',
        checkboxText: 'Event enhancement: remember hashed identifiers for later events',
        simpleValueType: true,
        defaultValue: false,
        help: 'Off by default. Only with ad_storage consent granted in the event: the SHA-256 hashes of email, phone and external_id an event sent are kept in the first-party cookie <code>' + ENHANCEMENT_COOKIE + '</code> (30 days, Secure, HttpOnly, SameSite=Lax, path /, the cookie domain above) and added to later events of the same browser that lack them. Only hashes are stored, never raw values. A denied ad_storage deletes the cookie.',
      },
    ],
  },
  {
    type: 'GROUP',
    name: 'deliveryGroup',
    displayName: 'Delivery',
    groupStyle: 'ZIPPY_CLOSED',
    subParams: [
      {
        type: 'TEXT',
        name: 'timeoutMs',
        displayName: 'Request timeout',
        simpleValueType: true,
        defaultValue: '5000',
        valueUnit: 'ms',
        help: 'Time budget for all attempts together (250 to 60000 ms).',
        valueValidators: [{ type: 'POSITIVE_NUMBER' }],
      },
      {
        type: 'SELECT',
        name: 'maxRetries',
        displayName: 'Retries',
        macrosInSelect: false,
        selectItems: [
          { value: '0', displayValue: 'None' },
          { value: '1', displayValue: '1' },
          { value: '2', displayValue: '2' },
          { value: '3', displayValue: '3' },
        ],
        simpleValueType: true,
        defaultValue: '1',
        help: 'Retries on timeouts, network errors, HTTP 5xx/429 and TikTok rate-limit or server codes, within the timeout.',
      },
      {
        type: 'CHECKBOX',
        name: 'optimistic',
        displayName: '',
        checkboxText: 'Optimistic: report success before TikTok answers',
        simpleValueType: true,
        defaultValue: false,
      },
    ],
  },
  {
    type: 'GROUP',
    name: 'loggingGroup',
    displayName: 'Logging',
    groupStyle: 'ZIPPY_CLOSED',
    subParams: [
      {
        type: 'SELECT',
        name: 'loggingLevel',
        displayName: 'Logs',
        macrosInSelect: false,
        selectItems: [
          { value: 'standard', displayValue: 'Result line per event; request and response in preview' },
          { value: 'debug', displayValue: 'Always log request and response too' },
          { value: 'off', displayValue: 'Off' },
        ],
        simpleValueType: true,
        defaultValue: 'standard',
      },
      {
        type: 'TEXT',
        name: 'tagName',
        displayName: 'Tag name in logs',
        simpleValueType: true,
        defaultValue: 'TikTok Events API',
      },
    ],
  },
];
