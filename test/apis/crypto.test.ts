import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeRun, perm } from './fake-context';

describe('sha256Sync', () => {
  const { apis } = fakeRun();
  it('hashes UTF-8 input, base64 by default and hex on request', () => {
    expect(apis.sha256Sync('')).toBe('47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
    expect(apis.sha256Sync('', { outputEncoding: 'hex' })).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(apis.sha256Sync('test@example.com')).toBe('lz3+Rj7IV4X1+Vr1ujkG7tstkxwk5pgkqJ6mXbpOgTs=');
    expect(apis.sha256Sync('test@example.com', { outputEncoding: 'hex' })).toBe('973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b');
    expect(apis.sha256Sync('é', { outputEncoding: 'hex' })).toBe('4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c');
  });
});

describe('sha256', () => {
  it('calls onSuccess later, not synchronously', async () => {
    const run = fakeRun();
    const digests: string[] = [];
    run.apis.sha256('test@example.com', (d: string) => digests.push(d), { outputEncoding: 'hex' });
    expect(digests).toEqual([]);
    await run.drain();
    expect(digests).toEqual(['973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b']);
  });

  it('needs an onSuccess function', () => {
    expect(() => fakeRun().apis.sha256('x')).toThrow('sha256: the second argument must be the onSuccess function');
  });
});

describe('hmacSha256', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sgtm-keys-'));
  const file = join(dir, 'keys.json');
  writeFileSync(file, JSON.stringify({ keys: { jefe: 'Jefe' } }));
  const saved = process.env.SGTM_CREDENTIALS;
  beforeEach(() => {
    process.env.SGTM_CREDENTIALS = file;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.SGTM_CREDENTIALS;
    else process.env.SGTM_CREDENTIALS = saved;
  });

  // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
  const data = 'what do ya want for nothing?';

  it('signs with the key from SGTM_CREDENTIALS, base64url by default', () => {
    const { apis } = fakeRun({ permissions: [perm('use_custom_private_keys', { keyIds: ['jefe'] })] });
    expect(apis.hmacSha256(data, 'jefe', { outputEncoding: 'hex' })).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    expect(apis.hmacSha256(data, 'jefe')).toBe('W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM');
    expect(apis.hmacSha256(data, 'jefe', { outputEncoding: 'base64' })).toBe('W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=');
  });

  it('accepts the permission list under keys as well as keyIds', () => {
    const { apis } = fakeRun({ permissions: [perm('use_custom_private_keys', { keys: [{ keyId: 'jefe' }] })] });
    expect(apis.hmacSha256(data, 'jefe', { outputEncoding: 'hex' })).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('refuses a key the permission does not list', () => {
    const { apis } = fakeRun({ permissions: [perm('use_custom_private_keys', { keyIds: ['other'] })] });
    expect(() => apis.hmacSha256(data, 'jefe')).toThrow('hmacSha256: use_custom_private_keys does not allow key "jefe" (allowed keys: other)');
  });

  it('names the missing variable, file or key and the fix', () => {
    const { apis } = fakeRun({ permissions: [perm('use_custom_private_keys', { keyIds: ['jefe', 'nokey'] })] });
    expect(() => apis.hmacSha256(data, 'nokey')).toThrow(`hmacSha256: key "nokey" is not in the "keys" object of ${file}; add it there`);
    process.env.SGTM_CREDENTIALS = join(dir, 'missing.json');
    expect(() => apis.hmacSha256(data, 'jefe')).toThrow(`hmacSha256: cannot read SGTM_CREDENTIALS file ${join(dir, 'missing.json')} as JSON`);
    delete process.env.SGTM_CREDENTIALS;
    expect(() => apis.hmacSha256(data, 'jefe')).toThrow('hmacSha256: SGTM_CREDENTIALS is not set; point it at a JSON file like {"keys": {"jefe": "secret"}}');
  });
});
