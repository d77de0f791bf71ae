/**
 * Permission globs are compiled once and shared by every later check: one glob must still mean
 * the same thing on every call, and the same text under another flag (case, prefix) must not
 * reuse a RegExp compiled for the other.
 */
import { urlMatchesPattern } from '../../sandbox-shim/apis/http';
import { wildcardMatch } from '../../sandbox-shim/apis/permission-params';

describe('wildcardMatch', () => {
  test('* is any run of characters; everything else, regex syntax included, is literal; every call alike', () => {
    for (let round = 0; round < 3; round++) {
      expect(wildcardMatch('user_data.*', 'user_data.email')).toBe(true);
      expect(wildcardMatch('user_data.*', 'user_dataXemail')).toBe(false);
      expect(wildcardMatch('a+(b)?[c]', 'a+(b)?[c]')).toBe(true);
      expect(wildcardMatch('a+(b)?[c]', 'aab')).toBe(false);
      expect(wildcardMatch('', '')).toBe(true);
      expect(wildcardMatch('', 'x')).toBe(false);
    }
  });

  test('the same glob with and without ignoreCase gives each its own answer, in either order', () => {
    expect(wildcardMatch('_TT*', '_ttp', true)).toBe(true);
    expect(wildcardMatch('_TT*', '_ttp')).toBe(false);
    expect(wildcardMatch('_Fb*', '_fbp')).toBe(false);
    expect(wildcardMatch('_Fb*', '_fbp', true)).toBe(true);
  });
});

describe('urlMatchesPattern', () => {
  test('a path ending in / is a prefix, the same path without it must match exactly, in either order', () => {
    expect(urlMatchesPattern('https://business-api.tiktok.com/open_api/x', 'https://business-api.tiktok.com/open_api/')).toBe(true);
    expect(urlMatchesPattern('https://business-api.tiktok.com/open_api/x', 'https://business-api.tiktok.com/open_api')).toBe(false);
    expect(urlMatchesPattern('https://business-api.tiktok.com/open_api', 'https://business-api.tiktok.com/open_api')).toBe(true);
    expect(urlMatchesPattern('https://example.com/a.b', 'https://example.com/a.b')).toBe(true);
    expect(urlMatchesPattern('https://example.com/aXb', 'https://example.com/a.b')).toBe(false);
  });
});
