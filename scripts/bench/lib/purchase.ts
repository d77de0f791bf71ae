/**
 * The one GA4 purchase every bench fires (2 items, email, phone, ip, user agent, page URL), the
 * templates it is fired at (our tag, lookalikes of the two published TikTok tags, a tag that
 * only calls gtmOnSuccess), and the check every measured run must pass: success, exactly one
 * request, email and phone hashed.
 */
import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import path from 'path';
import { parseTemplate } from '../../../sandbox-shim';
import { ENDPOINT_URL } from '../../../src/template/endpoint';
import type { ParsedTemplate, PreviewRecord } from '../../../sandbox-shim';

export const ROOT = path.resolve(__dirname, '..', '..', '..');

export const EMAIL = 'Jane.Doe@Example.com';
export const PHONE = '+44 7911 123456';

export const PURCHASE: Record<string, unknown> = {
  event_name: 'purchase',
  transaction_id: 'T-1001',
  currency: 'GBP',
  value: 149.5,
  items: [
    { item_id: 'SKU-1', item_name: 'Runner', item_category: 'Shoes', item_brand: 'Acme', price: 49.5, quantity: 1 },
    { item_id: 'SKU-2', item_name: 'Trail', item_category: 'Shoes', item_brand: 'Acme', price: 50, quantity: 2 },
  ],
  user_data: { email_address: EMAIL, phone_number: PHONE },
  ip_override: '203.0.113.7',
  user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15',
  page_location: 'https://shop.example/checkout/thanks',
};

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** TikTok's normalisation: trimmed lower-case email, E.164 phone. */
export const EMAIL_HASH = sha256('jane.doe@example.com');
export const PHONE_HASH = sha256('+447911123456');

export const ACCESS_TOKEN = 'bench-token-0123456789';

export interface BenchTag {
  /** Short label for tables. */
  label: string;
  /** What it is, for the heading. */
  what: string;
  template: ParsedTemplate;
  data: Record<string, unknown>;
  /** Sends one request per event (false: the gtmOnSuccess-only floor). */
  sends: boolean;
  /** The email and phone hashes this template must send for PURCHASE (its own normalisation). */
  hashes?: { email: string; phone: string };
}

export function loadTemplate(relative: string): ParsedTemplate {
  return parseTemplate(readFileSync(path.join(ROOT, relative), 'utf8'), relative);
}

export function benchTags(): BenchTag[] {
  const ours = loadTemplate('template/template.tpl');
  return [
    {
      label: 'ours',
      what: 'our tag (template/template.tpl)',
      template: ours,
      data: { accessToken: ACCESS_TOKEN, pixelCode: 'CBENCHPIXEL' },
      sends: true,
      hashes: { email: EMAIL_HASH, phone: PHONE_HASH },
    },
    {
      label: 'Stape',
      what: "Stape's TikTok tag (lookalike: test/conformance/templates/tiktok-events.tpl)",
      template: loadTemplate('test/conformance/templates/tiktok-events.tpl'),
      data: { accessToken: ACCESS_TOKEN, pixelId: 'CBENCHPIXEL', eventNameSetupMethod: 'inherit' },
      sends: true,
      // This one hashes the phone as typed (trimmed, lower-cased), not as E.164.
      hashes: { email: EMAIL_HASH, phone: sha256(PHONE.trim().toLowerCase()) },
    },
    {
      label: 'TikTok',
      what: "TikTok's own server template (lookalike: test/conformance/templates/tiktok-own-events-api.tpl)",
      template: loadTemplate('test/conformance/templates/tiktok-own-events-api.tpl'),
      data: { accessToken: ACCESS_TOKEN, pixelCode: 'CBENCHPIXEL', eventType: 'inherit' },
      sends: true,
      hashes: { email: EMAIL_HASH, phone: PHONE_HASH },
    },
    {
      label: 'floor',
      what: 'a tag that only calls data.gtmOnSuccess()',
      template: successOnly(ours),
      data: {},
      sends: false,
    },
  ];
}

/** Our template's info and fields with code that only calls gtmOnSuccess and no permissions. */
export function successOnly(base: ParsedTemplate): ParsedTemplate {
  return { ...base, name: 'gtmOnSuccess-only.tpl', code: 'data.gtmOnSuccess();', permissions: [] };
}

/**
 * A tag that only sends `body` (our tag's request for PURCHASE, made in advance) to TikTok with one
 * sendHttpRequest and reports the answer to GTM: the least any tag that sends this request does.
 * Its CPU per event against the peers' bounds the ratio any TikTok tag can reach in the shim.
 */
export function sendOnlyTag(ours: BenchTag, body: string): BenchTag {
  const code = [
    "const sendHttpRequest = require('sendHttpRequest');",
    "const headers = { 'Access-Token': data.accessToken, 'Content-Type': 'application/json' };",
    "sendHttpRequest(data.url, { method: 'POST', headers: headers, timeout: 5000 }, data.body).then(function (response) {",
    '  if (response.statusCode >= 200 && response.statusCode < 300) data.gtmOnSuccess();',
    '  else data.gtmOnFailure();',
    '}, function () {',
    '  data.gtmOnFailure();',
    '});',
  ].join('\n');
  const permissions = ours.template.permissions.filter((p) => p.publicId === 'send_http');
  return {
    label: 'send',
    what: "a tag that only sends our tag's request body, made in advance, and reports TikTok's answer",
    template: { ...ours.template, name: 'send-only.tpl', code, permissions },
    data: { accessToken: ours.data.accessToken, url: ENDPOINT_URL, body },
    sends: true,
    hashes: ours.hashes,
  };
}

/** Why a run does not count (undefined when it is a valid measurement). */
export function runProblem(tag: BenchTag, record: PreviewRecord): string | undefined {
  if (record.status !== 'success') return `ended ${record.status}: ${record.error ?? record.console.map((e) => e.message).join(' | ')}`;
  const expected = tag.sends ? 1 : 0;
  if (record.outgoingRequests.length !== expected) return `made ${record.outgoingRequests.length} requests (expected ${expected})`;
  if (!tag.hashes) return undefined;
  const body = record.outgoingRequests[0].body ?? '';
  let user: Record<string, unknown> | undefined;
  try {
    user = (JSON.parse(body) as { data?: { user?: Record<string, unknown> }[] }).data?.[0]?.user;
  } catch {
    return 'sent a body that is not JSON';
  }
  if (user?.email !== tag.hashes.email) return `sent user.email ${String(user?.email)} (expected the SHA-256 ${tag.hashes.email})`;
  if (user?.phone !== tag.hashes.phone) return `sent user.phone ${String(user?.phone)} (expected the SHA-256 ${tag.hashes.phone})`;
  const lower = body.toLowerCase();
  const raw = ['jane.doe@', 'jane.doe%40', '7911123456', '7911 123456', '7911+123456', '7911%20123456'];
  if (raw.some((text) => lower.includes(text))) return 'sent a raw email or phone';
  return undefined;
}
