/**
 * What app and CRM events carry beyond a web event (../shared/docs/tiktok-events-api.md):
 * app events the `app` and `ad` objects and the device ids in `user`; CRM events the `lead`
 * object. Tag fields and rows beat the event data; event data is read from flat keys and from
 * the nested objects app SDKs and GA4/Firebase app streams use.
 */
import { warning, Warning } from './data-quality';
import { Dict, firstDefined, given, isTruthyFlag, onlyChars, own, recordOf, text } from './values';

export const APP_KEYS: readonly string[] = ['app_id', 'app_name', 'app_version'];
export const AD_KEYS: readonly string[] = [
  'callback', 'campaign_id', 'ad_id', 'creative_id', 'is_retargeting', 'attributed', 'attribution_type', 'attribution_provider',
];
export const DEVICE_KEYS: readonly string[] = ['idfa', 'idfv', 'gaid', 'att_status'];
export const ATT_STATUSES: readonly string[] = ['AUTHORIZED', 'DENIED', 'NOT_DETERMINED', 'RESTRICTED', 'NOT_APPLICABLE'];
/** iOS ATTrackingManager.AuthorizationStatus raw values, as some SDKs report them. */
const ATT_BY_CODE: readonly string[] = ['NOT_DETERMINED', 'RESTRICTED', 'DENIED', 'AUTHORIZED'];
const BOOLEAN_AD_KEYS: readonly string[] = ['is_retargeting', 'attributed'];
/** A device that limits ad tracking reports the all-zero id: it identifies nobody. */
const ZERO_ID = '00000000-0000-0000-0000-000000000000';

export interface AppSources {
  event: Dict;
  /** `app` object of the event data (or its first element), `ad` likewise, `device`, `app_info`. */
  app: Dict;
  ad: Dict;
  device: Dict;
  appInfo: Dict;
}

export function appSources(eventData: Dict): AppSources {
  return {
    event: eventData,
    app: recordOf(given(eventData.app)),
    ad: recordOf(given(eventData.ad)),
    device: recordOf(given(eventData.device)),
    appInfo: recordOf(given(eventData.app_info)),
  };
}

export interface AppFields {
  appId: string | undefined;
  appName: string | undefined;
  appVersion: string | undefined;
  /** Rows name → value for any app, ad or device key. */
  overrides: Record<string, unknown>;
}

function rowOr(fields: AppFields, key: string, fallback: unknown): unknown {
  const row = own(fields.overrides, key);
  return text(row) !== undefined ? row : fallback;
}

/** The `app` object: tag rows, tag fields, then app_id / app.app_id / app.id / app_info.id (and likewise). */
export function buildApp(sources: AppSources, fields: AppFields): Dict {
  const app: Dict = {};
  const id = text(rowOr(fields, 'app_id', firstDefined([fields.appId, given(sources.event.app_id), given(sources.app.app_id), given(sources.app.id), given(sources.appInfo.id)])), 200);
  const name = text(rowOr(fields, 'app_name', firstDefined([fields.appName, given(sources.event.app_name), given(sources.app.app_name), given(sources.app.name), given(sources.appInfo.name)])), 200);
  const version = text(rowOr(fields, 'app_version', firstDefined([fields.appVersion, given(sources.event.app_version), given(sources.app.app_version), given(sources.app.version), given(sources.appInfo.version)])), 100);
  if (id !== undefined) app.app_id = id;
  if (name !== undefined) app.app_name = name;
  if (version !== undefined) app.app_version = version;
  return app;
}

function booleanOf(value: unknown): boolean | undefined {
  if (isTruthyFlag(value)) return true;
  return value === false || value === 'false' || value === 0 || value === '0' ? false : undefined;
}

/** The `ad` object: each key from a tag row, else the flat key, else `ad.<key>`. */
export function buildAd(sources: AppSources, fields: AppFields): Dict {
  const ad: Dict = {};
  for (let i = 0; i < AD_KEYS.length; i++) {
    const key = AD_KEYS[i];
    const raw = rowOr(fields, key, firstDefined([own(sources.event, key), own(sources.ad, key)]));
    const value = BOOLEAN_AD_KEYS.indexOf(key) !== -1 ? booleanOf(raw) : text(raw, key === 'callback' ? 1000 : 200);
    if (value !== undefined) ad[key] = value;
  }
  return ad;
}

function platformOf(sources: AppSources): string {
  const platform = text(firstDefined([given(sources.event.platform), given(sources.event.os), given(sources.device.operating_system), given(sources.device.platform)]), 50);
  return platform === undefined ? '' : platform.toLowerCase();
}

/** A device advertising id: a UUID (8-4-4-4-12 hex), not the all-zero one. */
export function isDeviceId(value: string): boolean {
  return value.length === 36 && onlyChars(value.toLowerCase(), '0123456789abcdef-') && value.charAt(8) === '-' && value.charAt(13) === '-'
    && value.charAt(18) === '-' && value.charAt(23) === '-' && value !== ZERO_ID;
}

export function normalizeAttStatus(raw: unknown): string | undefined {
  if (typeof raw === 'number') {
    const index = [0, 1, 2, 3].indexOf(raw);
    return index === -1 ? undefined : ATT_BY_CODE[index];
  }
  const value = text(raw, 40);
  if (value === undefined) return undefined;
  const upper = value.toUpperCase().split(' ').join('_');
  if (ATT_STATUSES.indexOf(upper) !== -1) return upper;
  const code = ['0', '1', '2', '3'].indexOf(upper);
  return code === -1 ? undefined : ATT_BY_CODE[code];
}

/**
 * Device ids for `user` (app events): idfa, idfv, gaid as the device reports them, att_status
 * upper-case. `advertising_id` (flat or device.advertising_id) becomes idfa on iOS and gaid on
 * Android; `device.vendor_id` is the idfv. Malformed ids are dropped with a warning; the
 * all-zero id of a device that limits ad tracking is dropped silently.
 */
export function buildDeviceIds(sources: AppSources, fields: AppFields, warnings: Warning[]): Dict {
  const out: Dict = {};
  const platform = platformOf(sources);
  const advertisingId = firstDefined([given(sources.event.advertising_id), given(sources.device.advertising_id)]);
  const candidates: Dict = {
    idfa: firstDefined([given(sources.event.idfa), given(sources.device.idfa), platform === 'ios' ? advertisingId : undefined]),
    idfv: firstDefined([given(sources.event.idfv), given(sources.device.idfv), given(sources.device.vendor_id)]),
    gaid: firstDefined([given(sources.event.gaid), given(sources.device.gaid), given(sources.event.adid), platform === 'android' ? advertisingId : undefined]),
    att_status: firstDefined([given(sources.event.att_status), given(sources.device.att_status)]),
  };
  for (let i = 0; i < DEVICE_KEYS.length; i++) {
    const key = DEVICE_KEYS[i];
    const raw = rowOr(fields, key, candidates[key]);
    if (raw === undefined || raw === null || raw === '') continue;
    if (key === 'att_status') {
      const status = normalizeAttStatus(raw);
      if (status !== undefined) out.att_status = status;
      else warnings.push({ code: 'att_status_invalid', field: 'user.att_status', message: 'att_status is not one of ' + ATT_STATUSES.join(', ') + ' (or iOS status 0-3); it was not sent' });
      continue;
    }
    const id = text(raw, 100);
    if (id === undefined || id === ZERO_ID) continue;
    if (isDeviceId(id)) out[key] = id;
    else warnings.push({ code: 'device_id_invalid', field: 'user.' + key, message: key + ' is not a device id (a UUID such as 6D92078A-8246-4BA4-AE5B-76104861E7DC); it was not sent' });
  }
  return out;
}

export interface LeadFields {
  leadId: string | undefined;
  leadEventSource: string | undefined;
}

/** The `lead` object of a CRM event: tag fields, then lead_id / lead.lead_id (likewise the source). */
export function buildLead(eventData: Dict, fields: LeadFields): Dict {
  const nested = recordOf(given(eventData.lead));
  const lead: Dict = {};
  const id = text(firstDefined([fields.leadId, given(eventData.lead_id), given(nested.lead_id)]), 200);
  const source = text(firstDefined([fields.leadEventSource, given(eventData.lead_event_source), given(nested.lead_event_source)]), 200);
  if (id !== undefined) lead.lead_id = id;
  if (source !== undefined) lead.lead_event_source = source;
  return lead;
}

export interface SourceParts {
  /** Device ids to add to `user` (app events). */
  deviceIds: Dict;
  app: Dict;
  ad: Dict;
  lead: Dict;
}

export interface SourceFields extends AppFields, LeadFields {}

/**
 * What the event source adds to a web-shaped event: app events the app and ad objects and the
 * device ids, CRM events the lead; with a warning when what TikTok needs to attribute is missing.
 */
export function buildSourceParts(eventSource: string, eventData: Dict, fields: SourceFields, warnings: Warning[]): SourceParts {
  const parts: SourceParts = { deviceIds: {}, app: {}, ad: {}, lead: {} };
  if (eventSource === 'app') {
    const sources = appSources(eventData);
    parts.deviceIds = buildDeviceIds(sources, fields, warnings);
    parts.app = buildApp(sources, fields);
    parts.ad = buildAd(sources, fields);
    if (parts.app.app_id === undefined) {
      warnings.push(warning('app_id_missing', 'app.app_id', 'app event without app.app_id (tag field App ID, or app_id / app_info.id in the event data)'));
    }
  } else if (eventSource === 'crm') {
    parts.lead = buildLead(eventData, fields);
    if (parts.lead.lead_id === undefined) {
      warnings.push(warning('lead_id_missing', 'lead.lead_id', 'CRM event without lead_id: TikTok attributes CRM stages to the Instant Form lead through it (tag field Lead ID, or lead_id in the event data)'));
    }
  }
  return parts;
}
