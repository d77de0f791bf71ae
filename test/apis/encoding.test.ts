import { fakeRun } from './fake-context';

const { apis } = fakeRun();

describe('parseUrl', () => {
  it('returns the plain object with searchParams decoded, arrays for repeats', () => {
    expect(apis.parseUrl('https://user:pw@shop.example.com:8443/p/a%20b?x=1&y=a%20b&x=2&e=#frag')).toEqual({
      href: 'https://user:pw@shop.example.com:8443/p/a%20b?x=1&y=a%20b&x=2&e=#frag',
      origin: 'https://shop.example.com:8443',
      protocol: 'https:',
      username: 'user',
      password: 'pw',
      host: 'shop.example.com:8443',
      hostname: 'shop.example.com',
      port: '8443',
      pathname: '/p/a%20b',
      search: '?x=1&y=a%20b&x=2&e=',
      searchParams: { x: ['1', '2'], y: 'a b', e: '' },
      hash: '#frag',
    });
  });
  it('gives empty strings for missing parts and undefined when malformed', () => {
    expect(apis.parseUrl('https://a.com')).toMatchObject({ pathname: '/', search: '', hash: '', port: '', searchParams: {} });
    expect(apis.parseUrl('not a url')).toBeUndefined();
    expect(apis.parseUrl('/relative')).toBeUndefined();
    expect(apis.parseUrl(undefined)).toBeUndefined();
  });
});

describe('URI coding', () => {
  it('encodes and decodes like JS, undefined on bad input', () => {
    expect(apis.encodeUriComponent('a b&c=d/é')).toBe('a%20b%26c%3Dd%2F%C3%A9');
    expect(apis.encodeUri('https://a.com/a b?x=1&y=é')).toBe('https://a.com/a%20b?x=1&y=%C3%A9');
    expect(apis.decodeUriComponent('a%20b%26')).toBe('a b&');
    expect(apis.decodeUri('a%20b%26')).toBe('a b%26');
    expect(apis.decodeUriComponent('%E0%A4%A')).toBeUndefined();
    expect(apis.decodeUri('%')).toBeUndefined();
    expect(apis.encodeUriComponent('\uD800')).toBeUndefined();
  });
});

describe('base64', () => {
  it('encodes UTF-8, url-safe without padding on request', () => {
    expect(apis.toBase64('héllo?>')).toBe('aMOpbGxvPz4=');
    expect(apis.toBase64('héllo?>', { urlEncoding: true })).toBe('aMOpbGxvPz4');
  });
  it('decodes standard and url-safe input, undefined on bad input', () => {
    expect(apis.fromBase64('aMOpbGxvPz4=')).toBe('héllo?>');
    expect(apis.fromBase64('aMOpbGxvPz4')).toBe('héllo?>');
    expect(apis.fromBase64('')).toBe('');
    expect(apis.fromBase64('a$b=')).toBeUndefined();
    expect(apis.fromBase64('abcde')).toBeUndefined();
    expect(apis.fromBase64('ab=c')).toBeUndefined();
    expect(apis.fromBase64(42)).toBeUndefined();
  });
});

describe('computeEffectiveTldPlusOne', () => {
  it('computes eTLD+1 from domains and URLs', () => {
    expect(apis.computeEffectiveTldPlusOne('www.shop.example.co.uk')).toBe('example.co.uk');
    expect(apis.computeEffectiveTldPlusOne('https://sub.example.com/path?q=1')).toBe('example.com');
    expect(apis.computeEffectiveTldPlusOne('myapp.appspot.com')).toBe('myapp.appspot.com');
  });
  it("gives '' for invalid input and returns null/undefined unchanged", () => {
    expect(apis.computeEffectiveTldPlusOne('localhost')).toBe('');
    expect(apis.computeEffectiveTldPlusOne('192.168.0.1')).toBe('');
    expect(apis.computeEffectiveTldPlusOne('co.uk')).toBe('');
    expect(apis.computeEffectiveTldPlusOne(42)).toBe('');
    expect(apis.computeEffectiveTldPlusOne(null)).toBeNull();
    expect(apis.computeEffectiveTldPlusOne(undefined)).toBeUndefined();
  });
});
