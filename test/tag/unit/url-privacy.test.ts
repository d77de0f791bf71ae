import '../support/fake-sandbox';
import { parseStoredIds, storedValue } from '../../../src/enhancement';
import { looksLikeEmail, looksLikePhone, withoutPersonalData } from '../../../src/page';
import { holdsSecret, logSecrets, Secrets } from '../../../src/privacy';
import { decodeAsciiEscapes, percentEncode } from '../../../src/url-encoding';
import { redact } from '../../../src/values';

describe('percent-encoding without API calls', () => {
  it('equals encodeURIComponent for every printable ASCII character and for non-ASCII text', () => {
    let all = '';
    for (let c = 32; c < 127; c++) all += String.fromCharCode(c);
    expect(percentEncode(all)).toBe(encodeURIComponent(all));
    expect(percentEncode('Jane.Doe+rel@Example.com')).toBe('Jane.Doe%2Brel%40Example.com');
    expect(percentEncode('müller@bücher.de')).toBe(encodeURIComponent('müller@bücher.de'));
    expect(percentEncode('\ud800')).toBeUndefined();
  });
  it('decodes ASCII escapes only', () => {
    expect(decodeAsciiEscapes('jane%40example.com%2B%20x')).toBe('jane@example.com+ x');
    expect(decodeAsciiEscapes('m%C3%BCller%4')).toBe('m%C3%BCller%4');
  });
});

describe('emails and phones in URL queries', () => {
  it.each([
    ['a@b.co', true], ['jane.doe+x@example.com', true], ['@example.com', false], ['a@b', false], ['a b@c.de', false], ['user@localhost.x', false],
  ])('email %s → %s', (value, expected) => expect(looksLikeEmail(value)).toBe(expected));
  it.each([
    ['+33612345678', 'x', true], ['0033 6 12 34 56 78', 'x', true], ['020 7946 0958', 'x', true], ['(555) 123-4567', 'x', true],
    ['0612345678', 'tel', true], ['0612345678', 'order', false], ['12345678', 'id', false], ['2026-11-25', 'd', false],
    ['203.0.113.7', 'ip', false], ['1234.56', 'v', false], ['+1234567', 'x', false], ['+1234567890123456', 'x', false],
  ])('phone %s in %s → %s', (value, name, expected) => expect(looksLikePhone(value, name)).toBe(expected));
  it('removes only the personal parameters and keeps everything else byte for byte', () => {
    expect(withoutPersonalData('https://x.example/p?a=1&e=j%40x.io&b=%E4%B8%AD&tel=+33%206%2012%2034%2056%2078#f?e=j@x.io'))
      .toBe('https://x.example/p?a=1&b=%E4%B8%AD#f?e=j@x.io');
    expect(withoutPersonalData('https://x.example/?email=a@b.co')).toBe('https://x.example/');
    expect(withoutPersonalData('https://x.example/?q=shoes&&x')).toBe('https://x.example/?q=shoes&&x');
    expect(withoutPersonalData('https://x.example/no-query')).toBe('https://x.example/no-query');
  });
});

describe('log secrets and redaction', () => {
  it('finds every needle a text holds, making the encoded forms only for a text with "%" or "+"', () => {
    const texts = ['nothing here', 'mail jane.doe+rel@example.com', 'q=jane.doe%2brel%40example.com', 'name zo%c3%ab+smith', 'name zoë smith',
      'tok-123 leaked', 'a + b', '100%', 'zo%c3%ab%20smith', 'jane.doe', 'to'];
    for (const text of texts) {
      const secrets: Secrets = { token: 'tok-123', values: ['Jane.Doe+rel@Example.com', ' Zoë Smith ', 'to'] };
      const expected = logSecrets(secrets.token, secrets.values).some((needle) => needle.length >= 3 && text.includes(needle));
      expect([text, holdsSecret(text, secrets)]).toEqual([text, expected]);
      // The encoded forms are made only when the text could hold one.
      expect([text, secrets.needles !== undefined]).toEqual([text, text.includes('%') || text.includes('+')]);
    }
  });

  it('adds URL-encoded forms and redacts without regard to case', () => {
    const secrets = logSecrets('tok-123', ['Jane.Doe+rel@Example.com', 'Zoë Smith']);
    // Lower-cased once, as redact() matches them: without regard to case.
    expect(secrets).toEqual(['tok-123', 'jane.doe+rel@example.com', 'jane.doe%2brel%40example.com', 'zoë smith', 'zo%c3%ab%20smith', 'zo%c3%ab+smith']);
    expect(redact('a JANE.DOE%2bREL%40example.COM b zo%c3%ab+smith c', secrets)).toBe('a [REDACTED] b [REDACTED] c');
    expect(redact('x', ['ab'])).toBe('x');
  });
});

describe('event enhancement cookie', () => {
  const h = 'a'.repeat(64);
  const g = 'b'.repeat(64);
  it('round-trips hashes and refuses anything else', () => {
    const value = storedValue({ email: [h, g], phone: g, external_id: 'not-a-hash' }, {});
    expect(value).toBe(`v1~e.${h}.${g}~p.${g}`);
    expect(parseStoredIds(value)).toEqual({ email: [h, g], phone: [g] });
    expect(parseStoredIds(`v2~e.${h}`)).toEqual({});
    expect(parseStoredIds(`v1~e.${h.toUpperCase()}~x.${h}~x.${g}`)).toEqual({ external_id: [h] });
    expect(storedValue({}, { phone: [g] })).toBe(`v1~p.${g}`);
    expect(storedValue({}, {})).toBe('');
  });
});
