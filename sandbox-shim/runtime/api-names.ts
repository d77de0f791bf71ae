/** The names `require` knows on a server container (keys of SandboxApis in ../sandbox-apis.ts). */
import type { SandboxApiName } from '../sandbox-apis';

const NAMES: Record<SandboxApiName, true> = {
  sendHttpRequest: true, sendHttpGet: true, sendPixelFromBrowser: true,
  getAllEventData: true, getEventData: true, addEventCallback: true,
  getRequestHeader: true, getRequestBody: true, getRequestPath: true, getRequestMethod: true,
  getRequestQueryParameters: true, getRequestQueryParameter: true, getRequestQueryString: true, getRemoteAddress: true,
  getCookieValues: true, setCookie: true,
  logToConsole: true, getContainerVersion: true, getClientName: true, queryPermission: true,
  sha256Sync: true, sha256: true, hmacSha256: true,
  makeString: true, makeNumber: true, makeInteger: true, makeTableMap: true, getType: true,
  JSON: true, Math: true, Object: true, Promise: true, createRegex: true, testRegex: true,
  parseUrl: true, encodeUri: true, encodeUriComponent: true, decodeUri: true, decodeUriComponent: true,
  toBase64: true, fromBase64: true, computeEffectiveTldPlusOne: true,
  getTimestampMillis: true, getTimestamp: true, generateRandom: true, callLater: true,
  templateDataStorage: true, getGoogleAuth: true, BigQuery: true, Firestore: true, sendEventToGoogleAnalytics: true,
  claimRequest: true, returnResponse: true, runContainer: true, isRequestMpv1: true, isRequestMpv2: true,
  extractEventsFromMpv1: true, extractEventsFromMpv2: true, setResponseStatus: true, setResponseHeader: true,
  setResponseBody: true, setPixelResponse: true, getGoogleScript: true,
  addMessageListener: true, hasMessageListener: true, sendMessage: true,
};

export const SERVER_API_NAMES: ReadonlySet<string> = new Set(Object.keys(NAMES));

/** APIs that are objects of methods rather than functions (mockObject targets). */
export const OBJECT_APIS: ReadonlySet<string> = new Set(['JSON', 'Math', 'Object', 'Promise', 'templateDataStorage', 'BigQuery', 'Firestore']);
