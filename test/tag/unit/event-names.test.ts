import '../support/fake-sandbox';
import { EventNameOptions, resolveEventName } from '../../../src/event-names';

const inherit: EventNameOptions = {
  mode: 'inherit', fixedName: undefined, legacyNames: false, pageView: 'Pageview', unmapped: 'custom', overrides: {},
};

describe('GA4 → TikTok event names', () => {
  it.each([
    ['page_view', 'Pageview'], ['view_item', 'ViewContent'], ['view_item_list', 'ViewContent'], ['search', 'Search'],
    ['add_to_wishlist', 'AddToWishlist'], ['add_to_cart', 'AddToCart'], ['begin_checkout', 'InitiateCheckout'],
    ['add_payment_info', 'AddPaymentInfo'], ['add_shipping_info', 'AddShippingInfo'], ['purchase', 'Purchase'],
    ['sign_up', 'CompleteRegistration'], ['generate_lead', 'Lead'], ['contact', 'Contact'], ['subscribe', 'Subscribe'],
    ['file_download', 'Download'], ['Purchase', 'Purchase'], ['newsletter_click', 'newsletter_click'],
  ])('%s → %s', (ga4, tiktok) => {
    expect(resolveEventName(ga4, inherit)).toEqual({ name: tiktok, skipReason: undefined });
  });

  it('uses the legacy names when asked', () => {
    const legacy = { ...inherit, legacyNames: true };
    expect(resolveEventName('purchase', legacy).name).toBe('CompletePayment');
    expect(resolveEventName('generate_lead', legacy).name).toBe('SubmitForm');
    expect(resolveEventName('add_to_cart', legacy).name).toBe('AddToCart');
  });

  it('lets user rows override the mapping, and an empty row skip the event', () => {
    const options = { ...inherit, overrides: { view_cart: 'ViewContent', purchase: '', add_to_cart: 'Purchase' } };
    expect(resolveEventName('view_cart', options).name).toBe('ViewContent');
    expect(resolveEventName('purchase', options)).toEqual({ name: undefined, skipReason: 'event_not_mapped' });
    expect(resolveEventName('add_to_cart', { ...options, legacyNames: true }).name).toBe('CompletePayment');
  });

  it('skips page_view and unmapped events when configured so', () => {
    expect(resolveEventName('page_view', { ...inherit, pageView: '' }).skipReason).toBe('event_not_mapped');
    expect(resolveEventName('scroll', { ...inherit, unmapped: 'skip' }).skipReason).toBe('event_not_mapped');
    expect(resolveEventName(undefined, inherit).skipReason).toBe('event_not_mapped');
  });

  it('sends a fixed standard or custom name whatever the client says', () => {
    expect(resolveEventName('page_view', { ...inherit, mode: 'standard', fixedName: 'Lead' }).name).toBe('Lead');
    expect(resolveEventName(undefined, { ...inherit, mode: 'custom', fixedName: 'MyEvent' }).name).toBe('MyEvent');
  });

  it('sends the TikTok name a wrong-case event clearly means, instead of a custom event that would not count', () => {
    expect(resolveEventName('PURCHASE', inherit).name).toBe('Purchase');
    expect(resolveEventName('Add_To_Cart', inherit).name).toBe('AddToCart');
    expect(resolveEventName('viewcontent', inherit).name).toBe('ViewContent');
    expect(resolveEventName('completepayment', inherit).name).toBe('CompletePayment');
    expect(resolveEventName('PURCHASE', { ...inherit, legacyNames: true }).name).toBe('CompletePayment');
  });

  it('skips custom names TikTok would reject (non-ASCII, emoji, over 50 characters, leading "-")', () => {
    for (const name of ['购买', 'clic_botón', 'promo 🎉', 'a'.repeat(51), '-x', 'a.b']) {
      expect(resolveEventName(name, inherit)).toMatchObject({ name: undefined, skipReason: 'event_not_mapped', invalidReason: expect.stringContaining('TikTok') });
    }
    expect(resolveEventName('a'.repeat(50), inherit).name).toBe('a'.repeat(50));
    expect(resolveEventName('video progress-25_pct', inherit).name).toBe('video progress-25_pct');
  });

  it('is not fooled by event names that are Object.prototype members', () => {
    expect(resolveEventName('constructor', inherit).name).toBe('constructor');
    expect(resolveEventName('toString', { ...inherit, unmapped: 'skip' }).skipReason).toBe('event_not_mapped');
  });
});
