/** The incoming-request readers (getRequest*, getRemoteAddress) and the read_request check. */
import type { ApiFamily, IncomingRequest, PermissionCheck } from './family';
import type { SandboxApis } from '../sandbox-apis';
import { clientAddress } from './client-address';
import { boolParam, listForMessage, stringListParam, stringParam } from './permission-params';
import { defineOwn } from '../runtime/own-property';

/**
 * read_request is called as (component, name?): 'header' + name, 'query' (+ name for one
 * parameter; without a name the whole query), 'body', 'path', 'remoteAddress', 'method'.
 * `requestAccess: any` allows everything. 'method' is allowed whenever read_request is declared
 * (no export carries a method flag).
 */
const readRequest: PermissionCheck = (params, component, name) => {
  if (stringParam(params, 'requestAccess') === 'any') return undefined;
  const part = normaliseComponent(component);
  switch (part) {
    case 'method':
      return undefined;
    case 'header': {
      if (!boolParam(params, 'headersAllowed')) return 'does not allow reading request headers (headersAllowed is off)';
      if (stringParam(params, 'headerAccess') === 'any') return undefined;
      const allowed = stringListParam(params, 'headerWhitelist', 'headerName');
      if (name === undefined) return `does not allow reading every request header (allowed headers: ${listForMessage(allowed)})`;
      const wanted = String(name).toLowerCase();
      if (allowed.some((h) => h.toLowerCase() === wanted)) return undefined;
      return `does not allow reading request header "${wanted}" (allowed headers: ${listForMessage(allowed)})`;
    }
    case 'query': {
      if (!boolParam(params, 'queryParametersAllowed')) {
        return 'does not allow reading query parameters (queryParametersAllowed is off)';
      }
      if (stringParam(params, 'queryParameterAccess') === 'any') return undefined;
      const allowed = stringListParam(params, 'queryParameterWhitelist', 'queryParameter');
      if (name === undefined) {
        return `does not allow reading the whole query string (queryParameterAccess is specific: ${listForMessage(allowed)})`;
      }
      if (allowed.includes(String(name))) return undefined;
      return `does not allow reading query parameter "${String(name)}" (allowed parameters: ${listForMessage(allowed)})`;
    }
    case 'body':
      return boolParam(params, 'bodyAllowed') ? undefined : 'does not allow reading the request body (bodyAllowed is off)';
    case 'path':
      return boolParam(params, 'pathAllowed') ? undefined : 'does not allow reading the request path (pathAllowed is off)';
    case 'remoteAddress':
      return boolParam(params, 'remoteAddressAllowed')
        ? undefined
        : 'does not allow reading the remote address (remoteAddressAllowed is off)';
    default:
      return `does not know the request component "${String(component)}" (use header, query, body, path, remoteAddress or method)`;
  }
};

function normaliseComponent(component: unknown): string {
  const c = String(component).toLowerCase().replace(/[_-]/g, '');
  if (c === 'header' || c === 'headers') return 'header';
  if (c === 'query' || c === 'queryparameter' || c === 'queryparameters' || c === 'querystring') return 'query';
  if (c === 'remoteaddress') return 'remoteAddress';
  return c;
}

/** Header values by lower-cased name, repeats joined with ", " (undefined when absent). */
export function headerValue(request: IncomingRequest, name: string): string | undefined {
  const key = String(name).toLowerCase();
  // Own keys only: getRequestHeader('constructor') must not find Object.prototype.constructor.
  const values = Object.prototype.hasOwnProperty.call(request.headers, key) ? request.headers[key] : undefined;
  return Array.isArray(values) && values.length ? values.join(', ') : undefined;
}

/** Decoded query parameters; a repeated name gives an array. */
export function queryParameters(queryString: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(queryString)) {
    const existing = Object.prototype.hasOwnProperty.call(out, key) ? out[key] : undefined;
    defineOwn(out, key, existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value]);
  }
  return out;
}

/** Client address: the first Forwarded `for=`, else the first X-Forwarded-For entry, else the socket. */
export function remoteAddress(request: IncomingRequest): string | undefined {
  return clientAddress((name) => headerValue(request, name), request.remoteAddress);
}

export const family: ApiFamily = {
  name: 'request',
  permissions: { read_request: readRequest },
  create(ctx) {
    const request = () => ctx.env.request;
    const apis = {
      getRequestHeader: (name: string) => {
        const header = String(name).toLowerCase();
        ctx.checkPermission('read_request', 'getRequestHeader', 'header', header);
        return headerValue(request(), header);
      },
      getRequestBody: () => {
        ctx.checkPermission('read_request', 'getRequestBody', 'body');
        return request().body;
      },
      getRequestPath: () => {
        ctx.checkPermission('read_request', 'getRequestPath', 'path');
        return request().path;
      },
      getRequestMethod: () => {
        ctx.checkPermission('read_request', 'getRequestMethod', 'method');
        return request().method;
      },
      getRequestQueryParameters: () => {
        ctx.checkPermission('read_request', 'getRequestQueryParameters', 'query');
        return queryParameters(request().queryString);
      },
      getRequestQueryParameter: (name: string) => {
        const key = String(name);
        ctx.checkPermission('read_request', 'getRequestQueryParameter', 'query', key);
        const params = queryParameters(request().queryString);
        const value = Object.prototype.hasOwnProperty.call(params, key) ? params[key] : undefined;
        return Array.isArray(value) ? value[0] : value;
      },
      getRequestQueryString: () => {
        ctx.checkPermission('read_request', 'getRequestQueryString', 'query');
        return request().queryString;
      },
      getRemoteAddress: () => {
        ctx.checkPermission('read_request', 'getRemoteAddress', 'remoteAddress');
        return remoteAddress(request());
      },
    } satisfies Pick<
      SandboxApis,
      | 'getRequestHeader'
      | 'getRequestBody'
      | 'getRequestPath'
      | 'getRequestMethod'
      | 'getRequestQueryParameters'
      | 'getRequestQueryParameter'
      | 'getRequestQueryString'
      | 'getRemoteAddress'
    >;
    return apis;
  },
};
