/**
 * Which permission each server sandbox API needs (spec §2.1, §3.2), and the `require` calls of a
 * piece of code. Shared with the build (tag area), which reuses the map for least-privilege checks.
 */
import * as walk from 'acorn-walk';
import type { SandboxApiName } from '../sandbox-apis';
import { parseCode } from './language-rules';

/** API name → the publicId it needs, or null when it needs none (or none is known). */
export const apiPermissions: Record<SandboxApiName, string | null> = {
  sendHttpRequest: 'send_http',
  sendHttpGet: 'send_http',
  sendPixelFromBrowser: 'send_pixel_from_browser',
  getAllEventData: 'read_event_data',
  getEventData: 'read_event_data',
  addEventCallback: 'read_event_metadata',
  getRequestHeader: 'read_request',
  getRequestBody: 'read_request',
  getRequestPath: 'read_request',
  getRequestMethod: 'read_request',
  getRequestQueryParameters: 'read_request',
  getRequestQueryParameter: 'read_request',
  getRequestQueryString: 'read_request',
  getRemoteAddress: 'read_request',
  isRequestMpv1: 'read_request',
  isRequestMpv2: 'read_request',
  extractEventsFromMpv1: 'read_request',
  extractEventsFromMpv2: 'read_request',
  getCookieValues: 'get_cookies',
  setCookie: 'set_cookies',
  logToConsole: 'logging',
  getContainerVersion: 'read_container_data',
  getClientName: 'read_container_data',
  queryPermission: null,
  sha256Sync: null,
  sha256: null,
  hmacSha256: 'use_custom_private_keys',
  makeString: null,
  makeNumber: null,
  makeInteger: null,
  makeTableMap: null,
  getType: null,
  JSON: null,
  Math: null,
  Object: null,
  Promise: null,
  createRegex: null,
  testRegex: null,
  parseUrl: null,
  encodeUri: null,
  encodeUriComponent: null,
  decodeUri: null,
  decodeUriComponent: null,
  toBase64: null,
  fromBase64: null,
  computeEffectiveTldPlusOne: null,
  getTimestampMillis: null,
  getTimestamp: null,
  generateRandom: null,
  callLater: null,
  templateDataStorage: 'access_template_storage',
  getGoogleAuth: 'use_google_credentials',
  BigQuery: 'access_bigquery',
  Firestore: 'access_firestore',
  // Unverified (spec §8.9): no permission known for these.
  sendEventToGoogleAnalytics: null,
  claimRequest: null,
  getGoogleScript: null,
  returnResponse: 'return_response',
  runContainer: 'run_container',
  setResponseStatus: 'access_response',
  setResponseHeader: 'access_response',
  setResponseBody: 'access_response',
  setPixelResponse: 'access_response',
  addMessageListener: 'use_message',
  hasMessageListener: 'use_message',
  sendMessage: 'use_message',
};

/** Every server permission publicId GTM is known to use (spec §3.2). */
export const knownServerPermissions: readonly string[] = [
  'logging', 'read_event_data', 'read_request', 'send_http', 'get_cookies', 'set_cookies', 'read_container_data',
  'read_event_metadata', 'access_template_storage', 'use_google_credentials', 'access_bigquery', 'access_firestore',
  'access_response', 'return_response', 'run_container', 'send_pixel_from_browser', 'use_message', 'use_custom_private_keys',
];

/** Web-only APIs, named so `require` of one gets a precise message rather than "unknown". */
export const webOnlyApis: readonly string[] = [
  'injectScript', 'sendPixel', 'copyFromWindow', 'setInWindow', 'callInWindow', 'copyFromDataLayer', 'createQueue',
  'createArgumentsQueue', 'localStorage', 'templateStorage', 'isConsentGranted', 'addConsentListener', 'setDefaultConsentState',
  'updateConsentState', 'getUrl', 'getReferrerUrl', 'getReferrerQueryParameters', 'getQueryParameters', 'readTitle',
  'readCharacterSet', 'injectHiddenIframe', 'aliasInWindow', 'gtagSet',
];

export const isSandboxApi = (name: string): name is SandboxApiName => Object.prototype.hasOwnProperty.call(apiPermissions, name);

export type RequireUse =
  | { kind: 'literal'; api: string; line: number; column: number }
  /** require(x) with a computed name: GTM cannot detect its permission. */
  | { kind: 'dynamic'; line: number; column: number }
  /** require used as a value (aliased, passed around) instead of called directly. */
  | { kind: 'indirect'; line: number; column: number };

/** Every use of `require` in code, in source order. Code that does not parse has none. */
export function findRequires(code: string): RequireUse[] {
  let ast;
  try {
    ast = parseCode(code);
  } catch {
    return [];
  }
  const uses: RequireUse[] = [];
  walk.fullAncestor(ast, (node: any, _state, ancestors) => {
    if (node.type !== 'Identifier' || node.name !== 'require') return;
    const parent = ancestors[ancestors.length - 2] as any;
    const at = { line: node.loc.start.line, column: node.loc.start.column };
    if (parent?.type === 'CallExpression' && parent.callee === node) {
      const arg = parent.arguments[0];
      if (arg && arg.type === 'Literal' && typeof arg.value === 'string') uses.push({ kind: 'literal', api: arg.value, ...at });
      else if (arg && arg.type === 'TemplateLiteral' && arg.expressions.length === 0) uses.push({ kind: 'literal', api: arg.quasis[0].value.cooked, ...at });
      else uses.push({ kind: 'dynamic', ...at });
    } else if (!(parent?.type === 'MemberExpression' && parent.property === node && !parent.computed) && !(parent?.type === 'Property' && parent.key === node && !parent.shorthand)) {
      uses.push({ kind: 'indirect', ...at });
    }
  });
  return uses;
}

/** The API names `code` requires with string-literal names, each once, in first-use order. */
export function requiredApis(code: string): string[] {
  const names: string[] = [];
  for (const use of findRequires(code)) if (use.kind === 'literal' && !names.includes(use.api)) names.push(use.api);
  return names;
}
