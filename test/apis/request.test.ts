import { fakeRun, perm } from './fake-context';
import type { IncomingRequest } from '../../sandbox-shim/apis/family';

const request: IncomingRequest = {
  method: 'POST',
  path: '/g/collect',
  queryString: 'v=2&tid=G-1&en=page_view&x=1&x=2&q=a%20b+c',
  headers: {
    'user-agent': ['Mozilla/5.0'],
    accept: ['text/html', 'application/json'],
    'x-forwarded-for': ['203.0.113.7, 10.0.0.1'],
  },
  body: '{"a":1}',
  remoteAddress: '10.0.0.2',
};
const anyRequest = [perm('read_request', { requestAccess: 'any' })];

describe('request readers', () => {
  const { apis } = fakeRun({ env: { request }, permissions: anyRequest });

  it('reads headers case-insensitively, joining repeats with ", "', () => {
    expect(apis.getRequestHeader('User-Agent')).toBe('Mozilla/5.0');
    expect(apis.getRequestHeader('ACCEPT')).toBe('text/html, application/json');
    expect(apis.getRequestHeader('referer')).toBeUndefined();
  });

  it('reads the body, path, method and query string', () => {
    expect(apis.getRequestBody()).toBe('{"a":1}');
    expect(apis.getRequestPath()).toBe('/g/collect');
    expect(apis.getRequestMethod()).toBe('POST');
    expect(apis.getRequestQueryString()).toBe('v=2&tid=G-1&en=page_view&x=1&x=2&q=a%20b+c');
  });

  it('decodes query parameters, arrays for repeats, first value for one', () => {
    expect(apis.getRequestQueryParameters()).toEqual({ v: '2', tid: 'G-1', en: 'page_view', x: ['1', '2'], q: 'a b c' });
    expect(apis.getRequestQueryParameter('x')).toBe('1');
    expect(apis.getRequestQueryParameter('q')).toBe('a b c');
    expect(apis.getRequestQueryParameter('none')).toBeUndefined();
    expect(apis.getRequestQueryParameter('toString')).toBeUndefined();
  });

  it('takes the remote address from X-Forwarded-For first entry', () => {
    expect(apis.getRemoteAddress()).toBe('203.0.113.7');
  });
});

describe('getRemoteAddress sources', () => {
  const address = (headers: Record<string, string[]>, remoteAddress?: string) =>
    fakeRun({ env: { request: { method: 'GET', path: '/', queryString: '', headers, remoteAddress } }, permissions: anyRequest }).apis.getRemoteAddress();

  it('prefers Forwarded for=, stripping quotes, brackets and ports', () => {
    expect(address({ forwarded: ['for=192.0.2.60;proto=http;by=203.0.113.43'], 'x-forwarded-for': ['1.1.1.1'] })).toBe('192.0.2.60');
    expect(address({ forwarded: ['for="[2001:db8:cafe::17]:4711", for=198.51.100.17'] })).toBe('2001:db8:cafe::17');
    expect(address({ 'x-forwarded-for': ['198.51.100.9:5000'] })).toBe('198.51.100.9');
    expect(address({ 'x-forwarded-for': ['2001:db8::1'] })).toBe('2001:db8::1');
  });

  it('falls back to the socket address, or undefined', () => {
    expect(address({}, '127.0.0.1')).toBe('127.0.0.1');
    expect(address({})).toBeUndefined();
  });

  it('reads Forwarded for= in every form: plain, quoted, bracketed IPv6, with port, any case', () => {
    expect(address({ forwarded: ['for=192.0.2.43'] }, '10.0.0.2')).toBe('192.0.2.43');
    expect(address({ forwarded: ['for="192.0.2.43:47011"'] })).toBe('192.0.2.43');
    expect(address({ forwarded: ['proto=https;For="[2001:db8:cafe::17]"'] })).toBe('2001:db8:cafe::17');
    expect(address({ forwarded: ['by=203.0.113.43; for="[2001:db8::2]:8443";proto=https'] })).toBe('2001:db8::2');
  });

  it('takes the first element of a Forwarded chain, also across repeated headers', () => {
    expect(address({ forwarded: ['for=198.51.100.17, for=203.0.113.60'] })).toBe('198.51.100.17');
    expect(address({ forwarded: ['for=198.51.100.17', 'for=203.0.113.60'] })).toBe('198.51.100.17');
  });

  it('skips Forwarded for=unknown and obfuscated identifiers, using the next source', () => {
    expect(address({ forwarded: ['for=unknown'], 'x-forwarded-for': ['203.0.113.9'] })).toBe('203.0.113.9');
    expect(address({ forwarded: ['for=_hidden'] }, '10.0.0.2')).toBe('10.0.0.2');
    expect(address({ forwarded: ['proto=https'] }, '10.0.0.2')).toBe('10.0.0.2');
  });

  it('takes the first X-Forwarded-For entry, without port or brackets', () => {
    expect(address({ 'x-forwarded-for': [' 203.0.113.7 , 10.0.0.1'] }, '10.0.0.2')).toBe('203.0.113.7');
    expect(address({ 'x-forwarded-for': ['203.0.113.7', '10.0.0.1'] })).toBe('203.0.113.7');
    expect(address({ 'x-forwarded-for': ['[2001:db8::5]:443'] })).toBe('2001:db8::5');
    expect(address({ 'x-forwarded-for': [''] }, '10.0.0.2')).toBe('10.0.0.2');
  });

  it('turns IPv4-mapped IPv6 addresses into IPv4 from every source', () => {
    expect(address({}, '::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(address({ 'x-forwarded-for': ['::FFFF:203.0.113.7'] })).toBe('203.0.113.7');
    expect(address({ forwarded: ['for="[::ffff:192.0.2.1]:8080"'] })).toBe('192.0.2.1');
    expect(address({}, '::ffff:abcd::1')).toBe('::ffff:abcd::1');
    expect(address({}, '::1')).toBe('::1');
  });
});

describe('read_request permission', () => {
  const specific = perm('read_request', {
    requestAccess: 'specific',
    headersAllowed: true,
    headerAccess: 'specific',
    headerWhitelist: [{ headerName: 'User-Agent' }],
    queryParametersAllowed: true,
    queryParameterAccess: 'specific',
    queryParameterWhitelist: [{ queryParameter: 'tid' }],
    bodyAllowed: false,
    pathAllowed: true,
    remoteAddressAllowed: false,
  });
  const { apis } = fakeRun({ env: { request }, permissions: [specific] });

  it('allows what is listed', () => {
    expect(apis.getRequestHeader('user-agent')).toBe('Mozilla/5.0');
    expect(apis.getRequestQueryParameter('tid')).toBe('G-1');
    expect(apis.getRequestPath()).toBe('/g/collect');
    expect(apis.getRequestMethod()).toBe('POST');
  });

  it('refuses the rest with exact messages', () => {
    expect(() => apis.getRequestHeader('Accept')).toThrow(
      'getRequestHeader: read_request does not allow reading request header "accept" (allowed headers: User-Agent)',
    );
    expect(() => apis.getRequestQueryParameter('en')).toThrow(
      'getRequestQueryParameter: read_request does not allow reading query parameter "en" (allowed parameters: tid)',
    );
    expect(() => apis.getRequestQueryString()).toThrow(
      'getRequestQueryString: read_request does not allow reading the whole query string (queryParameterAccess is specific: tid)',
    );
    expect(() => apis.getRequestQueryParameters()).toThrow('does not allow reading the whole query string');
    expect(() => apis.getRequestBody()).toThrow('getRequestBody: read_request does not allow reading the request body (bodyAllowed is off)');
    expect(() => apis.getRemoteAddress()).toThrow(
      'getRemoteAddress: read_request does not allow reading the remote address (remoteAddressAllowed is off)',
    );
  });

  it('refuses headers and query when their switches are off, and any header with headerAccess any', () => {
    const off = fakeRun({ env: { request }, permissions: [perm('read_request', { requestAccess: 'specific', headerAccess: 'any' })] }).apis;
    expect(() => off.getRequestHeader('accept')).toThrow('read_request does not allow reading request headers (headersAllowed is off)');
    expect(() => off.getRequestQueryParameter('tid')).toThrow('read_request does not allow reading query parameters (queryParametersAllowed is off)');
    const on = fakeRun({ env: { request }, permissions: [perm('read_request', { requestAccess: 'specific', headersAllowed: true, headerAccess: 'any' })] }).apis;
    expect(on.getRequestHeader('accept')).toBe('text/html, application/json');
  });

  it('answers queryPermission by component', () => {
    const q = fakeRun({ env: { request }, permissions: [specific] }).apis.queryPermission;
    expect(q('read_request', 'header', 'user-agent')).toBe(true);
    expect(q('read_request', 'header', 'cookie')).toBe(false);
    expect(q('read_request', 'query_parameter', 'tid')).toBe(true);
    expect(q('read_request', 'body')).toBe(false);
    expect(q('read_request', 'path')).toBe(true);
  });

  it('in warn mode allows the call and records a console warning', () => {
    const run = fakeRun({ env: { request }, permissions: [specific], mode: 'warn' });
    expect(run.apis.getRequestBody()).toBe('{"a":1}');
    expect(run.console).toEqual([{ level: 'warn', message: 'getRequestBody: read_request does not allow reading the request body (bodyAllowed is off)' }]);
  });
});
