/**
 * The only door to the sandbox: every API the tag uses, typed by the declaration file the shim
 * implements too. The build turns `sandboxRequire('x')` into GTM's `require('x')` and drops the
 * ones nothing uses (esbuild `pure`), so the compiled code requires exactly what it needs and the
 * permission check sees the real list. Unit tests install a fake `sandboxRequire` global.
 */
import type { SandboxRequire } from '../sandbox-shim/sandbox-apis';

declare const sandboxRequire: SandboxRequire;

export const getType = sandboxRequire('getType');
export const makeString = sandboxRequire('makeString');
export const makeNumber = sandboxRequire('makeNumber');
export const makeInteger = sandboxRequire('makeInteger');
export const JSON = sandboxRequire('JSON');
export const Math = sandboxRequire('Math');
export const Object = sandboxRequire('Object');
export const Promise = sandboxRequire('Promise');
export const sha256Sync = sandboxRequire('sha256Sync');
export const parseUrl = sandboxRequire('parseUrl');
export const encodeUriComponent = sandboxRequire('encodeUriComponent');
export const getTimestampMillis = sandboxRequire('getTimestampMillis');
export const getAllEventData = sandboxRequire('getAllEventData');
export const getRequestHeader = sandboxRequire('getRequestHeader');
export const getCookieValues = sandboxRequire('getCookieValues');
export const setCookie = sandboxRequire('setCookie');
export const sendHttpRequest = sandboxRequire('sendHttpRequest');
export const logToConsole = sandboxRequire('logToConsole');
export const getContainerVersion = sandboxRequire('getContainerVersion');
