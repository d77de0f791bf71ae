/**
 * The only door to the sandbox: every API the tag uses, typed by the declaration file the shim
 * implements too. The build turns `sandboxRequire('x')` into GTM's `require('x')` and drops the
 * ones nothing uses (esbuild `pure`), so the compiled code requires exactly what it needs and the
 * permission check sees the real list. Unit tests install a fake `sandboxRequire` global.
 */
import type { SandboxApis, SandboxRequire } from '../sandbox-shim/sandbox-apis';

declare const sandboxRequire: SandboxRequire;

export const getType = sandboxRequire('getType');
export const makeString = sandboxRequire('makeString');
export const makeInteger = sandboxRequire('makeInteger');
export const JSON = sandboxRequire('JSON');
export const Math = sandboxRequire('Math');
export const Object = sandboxRequire('Object');
export const Promise = sandboxRequire('Promise');
export const sha256Sync = sandboxRequire('sha256Sync');
export const parseUrl = sandboxRequire('parseUrl');
export const getTimestampMillis = sandboxRequire('getTimestampMillis');
export const getAllEventData = sandboxRequire('getAllEventData');
export const getRequestHeader = sandboxRequire('getRequestHeader');
export const getCookieValues = sandboxRequire('getCookieValues');
export const sendHttpRequest = sandboxRequire('sendHttpRequest');
export const logToConsole = sandboxRequire('logToConsole');
export const getContainerVersion = sandboxRequire('getContainerVersion');

/*
 * APIs a typical event never calls (a numeric string, a non-ASCII personal value, a cookie to
 * write): required on first use, because a require crosses the sandbox boundary like any call.
 */
let makeNumberApi: SandboxApis['makeNumber'] | undefined;
let encodeUriComponentApi: SandboxApis['encodeUriComponent'] | undefined;
let setCookieApi: SandboxApis['setCookie'] | undefined;

export const makeNumber: SandboxApis['makeNumber'] = (value) => {
  if (makeNumberApi === undefined) makeNumberApi = sandboxRequire('makeNumber');
  return makeNumberApi(value);
};

export const encodeUriComponent: SandboxApis['encodeUriComponent'] = (value) => {
  if (encodeUriComponentApi === undefined) encodeUriComponentApi = sandboxRequire('encodeUriComponent');
  return encodeUriComponentApi(value);
};

export const setCookie: SandboxApis['setCookie'] = (name, value, options, noEncode) => {
  if (setCookieApi === undefined) setCookieApi = sandboxRequire('setCookie');
  return setCookieApi(name, value, options, noEncode);
};
