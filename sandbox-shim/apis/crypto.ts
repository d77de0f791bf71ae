/** sha256Sync, sha256, hmacSha256 and the use_custom_private_keys check. */
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ApiFamily, PermissionCheck } from './family';
import type { SandboxApis } from '../sandbox-apis';
import { listForMessage, listParam } from './permission-params';

/** use_custom_private_keys: the key id list is spelled `keyIds` in some exports and `keys` in others. */
const useCustomPrivateKeys: PermissionCheck = (params, keyId) => {
  const allowed = [...listParam(params, 'keyIds'), ...listParam(params, 'keys')]
    .map((item) => {
      if (typeof item === 'string') return item;
      if (item && typeof item === 'object') {
        const map = item as Record<string, unknown>;
        const id = map.keyId ?? map.key ?? map.id ?? map.name;
        return typeof id === 'string' ? id : undefined;
      }
      return undefined;
    })
    .filter((s): s is string => typeof s === 'string');
  if (allowed.includes(String(keyId))) return undefined;
  return `does not allow key "${String(keyId)}" (allowed keys: ${listForMessage(allowed)})`;
};

export function sha256Digest(input: unknown, encoding: unknown): string {
  const hash = createHash('sha256').update(String(input), 'utf8');
  return hash.digest(encoding === 'hex' ? 'hex' : 'base64');
}

/**
 * The key named keyId from the JSON file at $SGTM_CREDENTIALS ({"keys": {"id": "secret"}}).
 * The secret string's UTF-8 bytes are the HMAC key.
 */
export function privateKey(keyId: string, credentialsPath = process.env.SGTM_CREDENTIALS): string {
  if (!credentialsPath) {
    throw new Error('hmacSha256: SGTM_CREDENTIALS is not set; point it at a JSON file like {"keys": {"' + keyId + '": "secret"}}');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(credentialsPath, 'utf8'));
  } catch (error) {
    throw new Error(`hmacSha256: cannot read SGTM_CREDENTIALS file ${credentialsPath} as JSON (${(error as Error).message})`);
  }
  const keys = (parsed as { keys?: unknown } | null)?.keys;
  const value = keys && typeof keys === 'object' ? (keys as Record<string, unknown>)[keyId] : undefined;
  if (typeof value !== 'string') {
    throw new Error(`hmacSha256: key "${keyId}" is not in the "keys" object of ${credentialsPath}; add it there`);
  }
  return value;
}

export const family: ApiFamily = {
  name: 'crypto',
  permissions: { use_custom_private_keys: useCustomPrivateKeys },
  create(ctx) {
    const encodingOf = (options: unknown) => (options && typeof options === 'object' ? (options as { outputEncoding?: unknown }).outputEncoding : undefined);
    const apis = {
      sha256Sync: (input: string, options?: { outputEncoding?: 'base64' | 'hex' }) => sha256Digest(input, encodingOf(options)),
      sha256: (input: string, onSuccess: (digest: string) => void, options?: { outputEncoding?: 'base64' | 'hex' }) => {
        if (typeof onSuccess !== 'function') throw new Error('sha256: the second argument must be the onSuccess function');
        const digest = sha256Digest(input, encodingOf(options));
        ctx.later(() => {
          ctx.callSandbox(onSuccess, digest);
        });
      },
      hmacSha256: (data: string, keyId: string, options?: { outputEncoding?: 'hex' | 'base64' | 'base64url' }) => {
        const id = String(keyId);
        ctx.checkPermission('use_custom_private_keys', 'hmacSha256', id);
        const encoding = encodingOf(options);
        return createHmac('sha256', Buffer.from(privateKey(id), 'utf8'))
          .update(String(data), 'utf8')
          .digest(encoding === 'hex' ? 'hex' : encoding === 'base64' ? 'base64' : 'base64url');
      },
    } satisfies Pick<SandboxApis, 'sha256Sync' | 'sha256' | 'hmacSha256'>;
    return apis;
  },
};
