/** redactorFor: one Redactor per distinct set of secrets and headers, never a neighbour's. */
import { DEFAULT_REDACT_HEADERS, REDACTED, redactorFor } from '../../sandbox-shim/runtime/redact';

describe('redactorFor', () => {
  test('the same secrets and headers give the same Redactor, and it redacts them', () => {
    const a = redactorFor(['token-1234'], ['access-token']);
    expect(redactorFor(['token-1234'], ['Access-Token'])).toBe(a);
    expect(a.value({ url: 'https://x/?t=token-1234' })).toEqual({ url: `https://x/?t=${REDACTED}` });
    expect(a.headerMap({ 'Access-Token': 'other', accept: 'token-1234' })).toEqual({ 'Access-Token': REDACTED, accept: REDACTED });
  });

  test('lists that would join into the same text are told apart', () => {
    const one = redactorFor(['abcd|efgh']);
    const two = redactorFor(['abcd', 'efgh']);
    expect(one).not.toBe(two);
    expect(one.text('abcd efgh abcd|efgh')).toBe(`abcd efgh ${REDACTED}`);
    expect(two.text('abcd efgh')).toBe(`${REDACTED} ${REDACTED}`);
  });

  test('a secret that is not a string, or shorter than 4 characters, is ignored as the constructor ignores it', () => {
    const plain = redactorFor([], DEFAULT_REDACT_HEADERS);
    expect(redactorFor([12345, 'abc'] as unknown as string[])).toBe(plain);
    expect(plain.text('12345 abc')).toBe('12345 abc');
    expect(redactorFor(['12345']).text('12345 abc')).toBe(`${REDACTED} abc`);
  });

  test('headers are part of the key', () => {
    const withCookie = redactorFor(['secret-x'], ['cookie']);
    const without = redactorFor(['secret-x'], []);
    expect(withCookie.headerMap({ cookie: 'a=b' })).toEqual({ cookie: REDACTED });
    expect(without.headerMap({ cookie: 'a=b' })).toEqual({ cookie: 'a=b' });
  });
});

test('a list changed in place since the last call gets the Redactor of what it holds now', () => {
  const secrets = ['first-secret'];
  expect(redactorFor(secrets).text('first-secret')).toBe(REDACTED);
  secrets[0] = 'second-secret';
  expect(redactorFor(secrets).text('first-secret second-secret')).toBe(`first-secret ${REDACTED}`);
});
