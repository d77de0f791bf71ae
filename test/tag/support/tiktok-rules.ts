/**
 * The Events API rules a request body must follow (shared/docs/tiktok-events-api.md), as a
 * checker that lists every violation; an empty list means the body is valid.
 */
const HEX64 = /^[0-9a-f]{64}$/;
const HASHED = ['email', 'phone', 'external_id', 'first_name', 'last_name', 'zip_code'];

function emptyStrings(value: unknown, at: string, out: string[]): void {
  if (value === '' || value === 'undefined' || value === 'null') out.push(`${at} is "${String(value)}"`);
  if (Array.isArray(value)) value.forEach((v, i) => emptyStrings(v, `${at}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) emptyStrings(v, `${at}.${k}`, out);
}

export function tiktokRuleViolations(bodyText: string): string[] {
  const out: string[] = [];
  let body: any;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return ['body is not JSON'];
  }
  if (!['web', 'app', 'offline', 'crm'].includes(body.event_source)) out.push('event_source invalid');
  if (typeof body.event_source_id !== 'string' || body.event_source_id === '') out.push('event_source_id missing');
  if (!Array.isArray(body.data) || body.data.length !== 1) return [...out, 'data must hold exactly one event'];
  emptyStrings(body, 'body', out);
  const event = body.data[0];
  if (typeof event.event !== 'string' || event.event === '') out.push('event name missing');
  if (!Number.isInteger(event.event_time) || event.event_time < 1e9 || event.event_time > 1e10) out.push('event_time must be integer seconds');
  if (event.event_id !== undefined && typeof event.event_id !== 'string') out.push('event_id must be a string');
  for (const key of HASHED) {
    const v = event.user?.[key];
    if (v === undefined) continue;
    for (const h of Array.isArray(v) ? v : [v]) if (typeof h !== 'string' || !HEX64.test(h)) out.push(`user.${key} is not lowercase SHA-256 hex`);
  }
  const p = event.properties;
  if (p !== undefined) {
    if (p.value !== undefined && (typeof p.value !== 'number' || !Number.isFinite(p.value))) out.push('properties.value must be a finite number');
    if (p.currency !== undefined && !/^[A-Z]{3}$/.test(p.currency)) out.push('properties.currency must be ISO 4217');
    for (const c of p.contents ?? []) {
      if (c.content_id !== undefined && typeof c.content_id !== 'string') out.push('content_id must be a string');
      if (c.price !== undefined && (typeof c.price !== 'number' || !Number.isFinite(c.price))) out.push('price must be a number');
      if (c.quantity !== undefined && !Number.isInteger(c.quantity)) out.push('quantity must be an integer');
    }
  }
  return out;
}
