import { fakeRun, perm } from './fake-context';
import type { IncomingRequest } from '../../sandbox-shim/apis/family';

const request = (headers: Record<string, string[]>): IncomingRequest => ({ method: 'GET', path: '/', queryString: '', headers });
const anyCookies = perm('get_cookies', { cookieAccess: 'any' });
const allCookies = perm('set_cookies', { allowedCookies: [{ name: '*', domain: '*', path: '*', secure: 'any', session: 'any' }] });

describe('getCookieValues', () => {
  const req = request({ cookie: ['_fbp=fb.1.2; ttp=a%20b; _fbp=second', 'ttp="quoted"; bad=%E0%A4%A'] });

  it('returns every value across Cookie headers, decoded', () => {
    const { apis } = fakeRun({ env: { request: req }, permissions: [anyCookies] });
    expect(apis.getCookieValues('_fbp')).toEqual(['fb.1.2', 'second']);
    expect(apis.getCookieValues('ttp')).toEqual(['a b', 'quoted']);
    expect(apis.getCookieValues('none')).toEqual([]);
  });

  it('keeps raw values with noDecode, and undecodable values raw', () => {
    const { apis } = fakeRun({ env: { request: req }, permissions: [anyCookies] });
    expect(apis.getCookieValues('ttp', true)).toEqual(['a%20b', 'quoted']);
    expect(apis.getCookieValues('bad')).toEqual(['%E0%A4%A']);
  });

  it('checks get_cookies cookieNames', () => {
    const { apis } = fakeRun({ env: { request: req }, permissions: [perm('get_cookies', { cookieAccess: 'specific', cookieNames: ['_fbp', 'tt*'] })] });
    expect(apis.getCookieValues('ttp')).toEqual(['a b', 'quoted']);
    expect(() => apis.getCookieValues('bad')).toThrow('getCookieValues: get_cookies does not allow reading cookie "bad" (allowed cookies: _fbp, tt*)');
  });
});

describe('setCookie', () => {
  const hostRequest = request({ host: ['sst.shop.example.co.uk:443'] });

  it('encodes the value and writes the exact Set-Cookie line', () => {
    const run = fakeRun({ env: { request: hostRequest }, permissions: [allCookies] });
    run.apis.setCookie('_ttp', 'a b;c', { domain: 'auto', path: '/', 'max-age': 3600, secure: true, sameSite: 'none', httpOnly: true });
    expect(run.cookies).toEqual([
      {
        name: '_ttp',
        value: 'a%20b%3Bc',
        options: { domain: 'example.co.uk', path: '/', 'max-age': 3600, secure: true, httpOnly: true, sameSite: 'None' },
        header: '_ttp=a%20b%3Bc; Max-Age=3600; Domain=example.co.uk; Path=/; HttpOnly; Secure; SameSite=None',
      },
    ]);
  });

  it('normalises option names case-insensitively and lets max-age win over expires', () => {
    const run = fakeRun({ env: { request: hostRequest }, permissions: [allCookies] });
    run.apis.setCookie('a', 'x/y', { samesite: 'lax', HttpOnly: true, Expires: 'Wed, 21 Oct 2026 07:28:00 GMT', 'Max-Age': '60' }, true);
    run.apis.setCookie('b', '1', { expires: 'Wed, 21 Oct 2026 07:28:00 GMT' });
    expect(run.cookies.map((c) => c.header)).toEqual([
      'a=x/y; Max-Age=60; Path=/; HttpOnly; SameSite=Lax',
      'b=1; Path=/; Expires=Wed, 21 Oct 2026 07:28:00 GMT',
    ]);
  });

  it('uses fallbackDomain when auto finds no eTLD+1, and host-only without one', () => {
    const run = fakeRun({ env: { request: request({ host: ['localhost:8080'] }) }, permissions: [allCookies] });
    run.apis.setCookie('a', '1', { domain: 'auto', fallbackDomain: 'example.com' });
    run.apis.setCookie('b', '1', { domain: 'auto' });
    expect(run.cookies.map((c) => c.header)).toEqual(['a=1; Domain=example.com; Path=/', 'b=1; Path=/']);
  });

  it('rejects an invalid cookie name', () => {
    const { apis } = fakeRun({ permissions: [allCookies] });
    expect(() => apis.setCookie('a b', '1')).toThrow('setCookie: invalid cookie name "a b"');
  });

  describe('set_cookies permission', () => {
    const specific = perm('set_cookies', {
      allowedCookies: [
        { name: '_tt*', domain: '*.example.com', path: '/', secure: 'secure', session: 'non_session' },
        { name: 'sess', domain: '*', path: '*', secure: 'any', session: 'session' },
      ],
    });
    const run = () => fakeRun({ env: { request: request({ host: ['www.example.com'] }) }, permissions: [specific] });

    it('allows a matching cookie', () => {
      const r = run();
      r.apis.setCookie('_ttp', '1', { domain: 'www.example.com', path: '/', secure: true, 'max-age': 10 });
      r.apis.setCookie('sess', '1', { path: '/x' });
      // Host-only: checked against the request host, written without Domain.
      r.apis.setCookie('_ttq', '1', { secure: true, 'max-age': 10 });
      expect(r.cookies.map((c) => c.header)).toEqual([
        '_ttp=1; Max-Age=10; Domain=www.example.com; Path=/; Secure',
        'sess=1; Path=/x',
        '_ttq=1; Max-Age=10; Path=/; Secure',
      ]);
    });

    it('refuses a non-secure, session or mismatched cookie with an exact message', () => {
      const r = run();
      expect(() => r.apis.setCookie('_ttp', '1', { domain: 'www.example.com', 'max-age': 10 })).toThrow(
        'setCookie: set_cookies does not allow setting cookie "_ttp" (domain www.example.com, path /, persistent; allowed: _tt*@*.example.com/, sess@**)',
      );
      expect(() => r.apis.setCookie('_ttp', '1', { domain: 'www.example.com', secure: true })).toThrow('does not allow setting cookie "_ttp"');
      expect(() => r.apis.setCookie('sess', '1', { 'max-age': 5 })).toThrow('does not allow setting cookie "sess"');
      expect(() => r.apis.setCookie('other', '1', {})).toThrow('does not allow setting cookie "other"');
      expect(r.cookies).toEqual([]);
    });
  });
});
