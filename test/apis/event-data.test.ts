import { run } from './e2e-helpers';
import { fakeRun, perm } from './fake-context';
import { fireEventCallbacks, keyMatches } from '../../sandbox-shim/apis/event-data';

const eventData = {
  event_name: 'purchase',
  value: 12.5,
  items: [{ id: 'sku-1', price: 10 }, { id: 'sku-2' }],
  user_data: { email_address: 'a@b.c', address: { city: 'Paris' } },
  'x-ga-gcs': 'G111',
};
const any = [perm('read_event_data', { eventDataAccess: 'any' })];

describe('getEventData', () => {
  it('follows dot paths with numeric array indices', () => {
    const { apis } = fakeRun({ env: { eventData }, permissions: any });
    expect(apis.getEventData('items.1.id')).toBe('sku-2');
    expect(apis.getEventData('user_data.address.city')).toBe('Paris');
    expect(apis.getEventData('x-ga-gcs')).toBe('G111');
    expect(apis.getEventData('value')).toBe(12.5);
  });

  it('is undefined for absent paths, including paths through primitives', () => {
    const { apis } = fakeRun({ env: { eventData }, permissions: any });
    expect(apis.getEventData('missing')).toBeUndefined();
    expect(apis.getEventData('items.5.id')).toBeUndefined();
    expect(apis.getEventData('value.deeper')).toBeUndefined();
    expect(apis.getEventData('items.length')).toBeUndefined();
  });

  it('coerces a non-string path to a string', () => {
    const { apis } = fakeRun({ env: { eventData: { 5: 'five', true: 'yes' } }, permissions: any });
    expect(apis.getEventData(5)).toBe('five');
    expect(apis.getEventData(true)).toBe('yes');
  });

  it('prefers a top-level key that contains dots', () => {
    const { apis } = fakeRun({ env: { eventData: { 'a.b': 'flat', a: { b: 'nested' } } }, permissions: any });
    expect(apis.getEventData('a.b')).toBe('flat');
  });

  // The copy is the runtime's: every API result is copied into the realm on its way to template code.
  it('returns copies: changing the result does not change the event', async () => {
    const event = structuredClone(eventData);
    const code = "const get = require('getEventData');\nconst items = get('items');\nitems[0].id = 'changed';\nreturn get('items.0.id');";
    const record = await run(code, any, { eventData: event, isolation: 'inline' });
    expect(record.error).toBeUndefined();
    expect(record.returnValue).toBe('sku-1');
    expect(event).toEqual(eventData);
  });
});

describe('getAllEventData', () => {
  it('returns a deep copy of the event', async () => {
    const event = structuredClone(eventData);
    const code = "const all = require('getAllEventData')();\nall.user_data.address.city = 'Rome';\nreturn [all.user_data.address.city, require('getAllEventData')().user_data.address.city];";
    const record = await run(code, any, { eventData: event, isolation: 'inline' });
    expect(record.error).toBeUndefined();
    expect(record.returnValue).toEqual(['Rome', 'Paris']);
    expect(event).toEqual(eventData);
  });
});

describe('read_event_data permission', () => {
  const specific = [perm('read_event_data', { eventDataAccess: 'specific', keyPatterns: ['event_name', 'items.*', 'user_data.address'] })];

  it('allows exact keys and prefix patterns', () => {
    const { apis } = fakeRun({ env: { eventData }, permissions: specific });
    expect(apis.getEventData('event_name')).toBe('purchase');
    expect(apis.getEventData('items.0.price')).toBe(10);
    expect(apis.getEventData('user_data.address')).toEqual({ city: 'Paris' });
  });

  it('allows the sub-paths of a granted key, since reading the key returns them anyway', () => {
    const { apis } = fakeRun({ env: { eventData }, permissions: specific });
    expect(apis.getEventData('user_data.address.city')).toBe('Paris');
  });

  it('treats * inside a pattern as a wildcard over any characters', () => {
    expect(keyMatches('x-ga-*', 'x-ga-gcs')).toBe(true);
    expect(keyMatches('x-ga-*', 'x-ga-mp2-seg')).toBe(true);
    expect(keyMatches('x-ga-*', 'x-sst-gcs')).toBe(false);
    expect(keyMatches('user_data.*', 'user_data.email_address')).toBe(true);
    expect(keyMatches('user_data.*', 'user_data.address.city')).toBe(true);
    expect(keyMatches('user_data.*', 'user_data')).toBe(false);
    expect(keyMatches('*_id', 'client_id')).toBe(true);
    expect(keyMatches('*_id', 'client_id.x')).toBe(true);
    expect(keyMatches('*_id', 'client_idx')).toBe(false);
    expect(keyMatches('items', 'items.0.item_id')).toBe(true);
    expect(keyMatches('items', 'items_count')).toBe(false);
    const { apis } = fakeRun({ env: { eventData: { 'x-ga-gcs': 'G111' } }, permissions: [perm('read_event_data', { eventDataAccess: 'specific', keyPatterns: ['x-ga-*'] })] });
    expect(apis.getEventData('x-ga-gcs')).toBe('G111');
  });

  it('refuses other keys, the bare prefix, and getAllEventData, with exact messages', () => {
    const { apis } = fakeRun({ env: { eventData }, permissions: specific });
    expect(() => apis.getEventData('value')).toThrow(
      'getEventData: read_event_data does not allow reading event data key "value" (allowed keys: event_name, items.*, user_data.address)',
    );
    expect(() => apis.getEventData('items')).toThrow('does not allow reading event data key "items"');
    expect(() => apis.getEventData('event_name_2')).toThrow('does not allow reading event data key "event_name_2"');
    expect(() => apis.getEventData('user_data.addresses')).toThrow('does not allow reading event data key "user_data.addresses"');
    expect(() => apis.getAllEventData()).toThrow(
      'getAllEventData: read_event_data does not allow reading all event data (eventDataAccess is specific; set it to any)',
    );
  });

  it('throws a PermissionError when read_event_data is not declared', () => {
    const { apis } = fakeRun({ env: { eventData } });
    expect(() => apis.getAllEventData()).toThrow(
      expect.objectContaining({ name: 'PermissionError', message: 'getAllEventData: requires the read_event_data permission; declare it in ___SERVER_PERMISSIONS___' }),
    );
  });

  it('is answered by queryPermission without throwing', () => {
    const { apis } = fakeRun({ env: { eventData }, permissions: [...specific, perm('read_container_data')] });
    expect(apis.queryPermission('read_event_data', 'event_name')).toBe(true);
    expect(apis.queryPermission('read_event_data', 'value')).toBe(false);
    expect(apis.queryPermission('read_event_data')).toBe(false);
    expect(apis.queryPermission('send_http', 'https://x')).toBe(false);
  });
});

describe('addEventCallback', () => {
  it('needs read_event_metadata', () => {
    const { apis } = fakeRun();
    expect(() => apis.addEventCallback(() => undefined)).toThrow('addEventCallback: requires the read_event_metadata permission');
  });

  it('calls registered callbacks once with the container id and tag results', () => {
    const run = fakeRun({ permissions: [perm('read_event_metadata')] });
    const seen: unknown[] = [];
    run.apis.addEventCallback((containerId: string, data: unknown) => seen.push([containerId, data]));
    const tags = { tags: [{ id: '12', status: 'success' as const, executionTime: 40 }] };
    fireEventCallbacks(run.ctx, 'GTM-TEST', tags);
    fireEventCallbacks(run.ctx, 'GTM-TEST', tags);
    expect(seen).toEqual([['GTM-TEST', tags]]);
  });

  it('rejects a non-function with a clear error', () => {
    const { apis } = fakeRun({ permissions: [perm('read_event_metadata')] });
    expect(() => apis.addEventCallback('nope')).toThrow('addEventCallback: the argument must be a function');
  });
});
