/**
 * The permissions the tag declares, as plain values; the build encodes them the way GTM exports
 * them and checks them against the APIs the compiled code requires (least privilege).
 */
import { ENDPOINT_URL } from './endpoint';

export type PermissionValue = string | boolean | PermissionValue[] | { [key: string]: PermissionValue };

export interface PermissionDeclaration {
  publicId: string;
  /** Param key → value, in the order GTM writes them. Empty for permissions without settings. */
  params: Record<string, PermissionValue>;
}

export const PERMISSIONS: PermissionDeclaration[] = [
  // Result lines are production monitoring, so logging works in every environment.
  { publicId: 'logging', params: { environments: 'all' } },
  { publicId: 'read_event_data', params: { eventDataAccess: 'any' } },
  {
    publicId: 'read_request',
    params: {
      requestAccess: 'specific',
      headerAccess: 'specific',
      headersAllowed: true,
      headerWhitelist: [{ headerName: 'trace-id' }],
      queryParameterAccess: 'any',
    },
  },
  { publicId: 'send_http', params: { allowedUrls: 'specific', urls: [ENDPOINT_URL] } },
  { publicId: 'get_cookies', params: { cookieAccess: 'specific', cookieNames: ['ttclid', '_ttp'] } },
  {
    publicId: 'set_cookies',
    params: {
      allowedCookies: [
        { name: 'ttclid', domain: '*', path: '*', secure: 'secure', session: 'any' },
        { name: '_ttp', domain: '*', path: '*', secure: 'secure', session: 'any' },
      ],
    },
  },
  { publicId: 'read_container_data', params: {} },
];
