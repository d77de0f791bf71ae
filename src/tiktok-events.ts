/** TikTok's event names and user keys: plain constants, shared by the tag code and the field definitions. */

/** TikTok's current standard events (case-sensitive). */
export const STANDARD_EVENTS: readonly string[] = [
  'AddPaymentInfo', 'AddToCart', 'AddToWishlist', 'ApplicationApproval', 'CompleteRegistration',
  'Contact', 'CustomizeProduct', 'Download', 'FindLocation', 'InitiateCheckout', 'Lead',
  'Purchase', 'Schedule', 'Search', 'StartTrial', 'SubmitApplication', 'Subscribe', 'ViewContent',
];

/** Names TikTok still accepts but no longer recommends; they pass through unchanged. */
export const LEGACY_EVENTS: readonly string[] = ['CompletePayment', 'SubmitForm', 'ClickButton', 'PlaceAnOrder', 'Pageview'];


/** The `user` keys the tag sends, in the order they are written to the request body. */
export const USER_KEYS: readonly string[] = [
  'email', 'phone', 'external_id', 'first_name', 'last_name', 'city', 'state', 'zip_code', 'country',
  'ttclid', 'ttp', 'ip', 'user_agent', 'locale',
];

/** Events whose reports need a value and a currency (revenue, ROAS). */
export const VALUE_EVENTS: readonly string[] = [
  'Purchase', 'CompletePayment', 'PlaceAnOrder', 'InitiateCheckout', 'AddToCart', 'AddPaymentInfo', 'Subscribe', 'StartTrial',
];
/** Events that catalog (video shopping) ads match to products through content_id. */
export const CONTENT_EVENTS: readonly string[] = [
  'ViewContent', 'AddToCart', 'AddToWishlist', 'InitiateCheckout', 'AddPaymentInfo', 'Purchase', 'CompletePayment', 'PlaceAnOrder',
];
