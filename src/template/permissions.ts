/**
 * The permissions the tag declares, as plain values; the build encodes them the way GTM exports
 * them and checks them against the APIs the compiled code requires (least privilege).
 */
import { ENHANCEMENT_COOKIE, TTCLID_COOKIE, TTP_COOKIE } from '../cookie-names';
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
      headerWhitelist: [{ headerName: 'trace-id' }, { headerName: 'referer' }],
      queryParameterAccess: 'any',
    },
  },
  { publicId: 'send_http', params: { allowedUrls: 'specific', urls: [ENDPOINT_URL] } },
  { publicId: 'get_cookies', params: { cookieAccess: 'specific', cookieNames: [TTCLID_COOKIE, TTP_COOKIE, ENHANCEMENT_COOKIE] } },
  {
    publicId: 'set_cookies',
    params: {
      allowedCookies: [
        { name: TTCLID_COOKIE, domain: '*', path: '*', secure: 'secure', session: 'any' },
        { name: TTP_COOKIE, domain: '*', path: '*', secure: 'secure', session: 'any' },
        { name: ENHANCEMENT_COOKIE, domain: '*', path: '*', secure: 'secure', session: 'any' },
      ],
    },
  },
  { publicId: 'read_container_data', params: {} },
];
