import '../support/fake-sandbox';
import {
  hashNormalized, isSha256Hex, normalizeCityOrState, normalizeCountry, normalizeEmail, normalizeIp, normalizeLocale,
  normalizePhone, normalizeZip,
} from '../../../src/normalize';

// Independent vectors (sha256sum), not computed by the code under test.
const SHA_TEST_EMAIL = '973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b';
const SHA_PHONE_US = '8a59780bb8cd2ba022bfa5ba2ea3b6e07af17a7d8b30c1f9b3390e36f69019e4';
const SHA_ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

describe('email', () => {
  it('trims and lower-cases before hashing', () => {
    expect(hashNormalized(normalizeEmail('  Test@Example.COM '))).toBe(SHA_TEST_EMAIL);
  });
  it('drops values that cannot be an email', () => {
    expect(normalizeEmail('not-an-email')).toBeUndefined();
    expect(normalizeEmail('@example.com')).toBeUndefined();
    expect(normalizeEmail('a b@example.com')).toBeUndefined();
  });
  it('keeps an existing SHA-256 as it is, lower-cased, without hashing again', () => {
    expect(hashNormalized(normalizeEmail(SHA_TEST_EMAIL.toUpperCase()))).toBe(SHA_TEST_EMAIL);
  });
});

describe('phone (E.164)', () => {
  it.each([
    ['+1 (555) 123-4567', undefined, '+15551234567'],
    ['001 555 123 4567', undefined, '+15551234567'],
    ['(555) 123-4567', '1', '+15551234567'],
    ['07911 123456', '44', '+447911123456'],
    ['447911123456', '+44', '+447911123456'],
    ['15551234567', undefined, '+15551234567'],
  ])('%s with default country %s → %s', (raw, cc, expected) => {
    expect(normalizePhone(raw, cc)).toBe(expected);
  });
  it('hashes the E.164 form', () => {
    expect(hashNormalized(normalizePhone('+1 555-123-4567', undefined))).toBe(SHA_PHONE_US);
  });
  it('drops numbers too short or too long for E.164', () => {
    expect(normalizePhone('12345', undefined)).toBeUndefined();
    expect(normalizePhone('+1234567890123456', undefined)).toBeUndefined();
    expect(normalizePhone('call me', '44')).toBeUndefined();
  });
});

describe('other fields', () => {
  it('detects 64-hex hashes only', () => {
    expect(isSha256Hex(SHA_ABC)).toBe(true);
    expect(isSha256Hex(SHA_ABC.slice(1))).toBe(false);
    expect(isSha256Hex(SHA_ABC.slice(1) + 'g')).toBe(false);
  });
  it('normalises address parts', () => {
    expect(normalizeCityOrState(' New York ')).toBe('newyork');
    expect(normalizeCityOrState("St. John's")).toBe('stjohns');
    expect(normalizeZip('SW1A 1AA')).toBe('sw1a1aa');
    expect(normalizeCountry('US')).toBe('us');
    expect(normalizeCountry('USA')).toBeUndefined();
    expect(normalizeCountry('1A')).toBeUndefined();
  });
  it('writes locales as language-REGION', () => {
    expect(normalizeLocale('en-us')).toBe('en-US');
    expect(normalizeLocale('pt_br')).toBe('pt-BR');
    expect(normalizeLocale('de')).toBe('de');
    expect(normalizeLocale('😀')).toBeUndefined();
    expect(normalizeLocale('english')).toBeUndefined();
  });
  it('keeps IPv4 and IPv6 addresses and drops anything else', () => {
    expect(normalizeIp(' 203.0.113.7 ')).toBe('203.0.113.7');
    expect(normalizeIp('2001:db8::1')).toBe('2001:db8::1');
    expect(normalizeIp('localhost')).toBeUndefined();
    expect(normalizeIp('1.2.3.4; DROP')).toBeUndefined();
    expect(normalizeIp('203.0.113.9, 10.0.0.1, 10.0.0.2')).toBe('203.0.113.9');
    expect(normalizeIp(', 10.0.0.1')).toBeUndefined();
  });
});
