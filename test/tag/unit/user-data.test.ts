import '../support/fake-sandbox';
import { buildUser as buildFromSources, BrowserIds, UserDataOptions, userDataFlags, userDataSources } from '../../../src/user-data';

const buildUser = (eventData: Record<string, unknown>, ids: BrowserIds, options: UserDataOptions) => buildFromSources(userDataSources(eventData), ids, options);

const SHA_TEST_EMAIL = '973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b';
const SHA_PHONE_UK = '20b18ac9de7b3aad174961827d8e451c410af9aedfd1d699927f4b29b81aa1fa';
const SHA_USER_42 = '6d894aa3ee802549d7f340e7c1cf0d1c1cb14cd84f768d92ffaa6785337c4997';
const SHA_JANE = '81f8f6dde88365f3928796ec7aa53f72820b06db8664f5fe76a7eb13e24546a2';
const SHA_DOE = '799ef92a11af918e3fb741df42934f3b568ed2d93ac1df74f1b8d41a27932a6f';
const SHA_10001 = 'e443169117a184f91186b401133b20be670c7c0896f9886075e5d9b81e9d076b';

const noIds = { ttclidFromUrl: undefined, ttclidCookie: undefined, ttpCookie: undefined };
const options = { defaultPhoneCountryCode: '44', hashAddress: false, overrides: {} };

describe('user data from GA4 common event data', () => {
  const ga4 = {
    user_id: 'USER-42',
    ip_override: '203.0.113.7',
    user_agent: 'Mozilla/5.0',
    language: 'en-gb',
    user_data: {
      email_address: ' Test@Example.com ',
      phone_number: '07911 123456',
      address: [{ first_name: 'Jane', last_name: 'DOE', city: 'New York', region: 'NY', postal_code: '10001', country: 'US' }],
    },
  };

  it('normalises, hashes and orders every field', () => {
    expect(buildUser(ga4, noIds, options)).toEqual({
      email: SHA_TEST_EMAIL,
      phone: SHA_PHONE_UK,
      external_id: SHA_USER_42,
      first_name: SHA_JANE,
      last_name: SHA_DOE,
      city: 'newyork',
      state: 'ny',
      zip_code: SHA_10001,
      country: 'us',
      ip: '203.0.113.7',
      user_agent: 'Mozilla/5.0',
      locale: 'en-GB',
    });
    expect(Object.keys(buildUser(ga4, noIds, options))).toEqual([
      'email', 'phone', 'external_id', 'first_name', 'last_name', 'city', 'state', 'zip_code', 'country', 'ip', 'user_agent', 'locale',
    ]);
  });

  it('hashes city, state and country when asked', () => {
    const user = buildUser(ga4, noIds, { ...options, hashAddress: true });
    expect(user.country).toBe('79adb2a2fce5c6ba215fe5f27f532d4e7edbac4b6a5e09e1ef3a08084a904621');
  });

  it('sends several emails as an array of hashes, without duplicates', () => {
    const user = buildUser({ user_data: { email_address: ['test@example.com', 'TEST@example.com ', 'b@example.com'] } }, noIds, options);
    expect(user.email).toEqual([SHA_TEST_EMAIL, 'e8f39b3e1382367d6d41ab34dc270d4e7533f978c9e9a775dfe2185b2f96b96c']);
  });

  it('takes ttclid from the URL before the cookie and the event data, ttp from the cookie first', () => {
    const event = { ttclid: 'from-event', ttp: 'ttp-event' };
    expect(buildUser(event, { ttclidFromUrl: 'from-url', ttclidCookie: 'from-cookie', ttpCookie: 'ttp-cookie' }, options))
      .toEqual({ ttclid: 'from-url', ttp: 'ttp-cookie' });
    expect(buildUser(event, { ...noIds, ttclidCookie: 'from-cookie' }, options)).toEqual({ ttclid: 'from-cookie', ttp: 'ttp-event' });
    expect(buildUser(event, noIds, options)).toEqual({ ttclid: 'from-event', ttp: 'ttp-event' });
  });

  it('lets override rows win over the event data', () => {
    const user = buildUser(ga4, noIds, { ...options, overrides: { email: 'TEST@example.com', ip: '198.51.100.1' } });
    expect(user.email).toBe(SHA_TEST_EMAIL);
    expect(user.ip).toBe('198.51.100.1');
  });

  it('drops empty, wrong-typed and junk values instead of sending them', () => {
    const junk = {
      user_id: '', ip_override: { a: 1 }, user_agent: '   ', language: null,
      user_data: { email_address: 'undefined', phone_number: [], address: 'not an object' },
    };
    expect(buildUser(junk, noIds, options)).toEqual({});
  });

  it('reports presence flags for exactly what is sent', () => {
    expect(userDataFlags(buildUser(ga4, noIds, options))).toEqual({
      email: true, phone: true, external_id: true, ttclid: false, ttp: false, ip: true, user_agent: true, name: true, address: true,
    });
    expect(userDataFlags({})).toEqual({
      email: false, phone: false, external_id: false, ttclid: false, ttp: false, ip: false, user_agent: false, name: false, address: false,
    });
  });
});
