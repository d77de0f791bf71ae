/**
 * The tag's fields as GTM shows them. `name` is the key the tag code reads from `data`
 * (src/config.ts); the build writes this list into ___TEMPLATE_PARAMETERS___.
 */
import { STANDARD_EVENTS, USER_KEYS } from '../tiktok-events';
import type { Field, SelectItem } from './field-types';

const standardEventItems: SelectItem[] = STANDARD_EVENTS.map((name) => ({ value: name, displayValue: name }));

const userDataKeys: SelectItem[] = USER_KEYS.map((name) => ({ value: name, displayValue: name }));

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
    help: 'From Events Manager → Test Events. Remove it before publishing: test events are not used for optimisation.',
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
