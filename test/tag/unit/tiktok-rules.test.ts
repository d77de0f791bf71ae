import { tiktokRuleViolations } from '../support/tiktok-rules';

describe('the TikTok rules checker used by the robustness tests', () => {
  it('accepts a valid body and names every rule a bad one breaks', () => {
    const good = { event_source: 'web', event_source_id: 'C1', data: [{ event: 'Purchase', event_time: 1764070000, user: { email: 'a'.repeat(64) } }] };
    expect(tiktokRuleViolations(JSON.stringify(good))).toEqual([]);
    const bad = {
      event_source: 'tv', event_source_id: 'C1',
      data: [{
        event: 'Purchase', event_time: 1764070000123, event_id: 7, user: { email: 'Jane@x.com', ip: '' },
        properties: { value: '10', currency: 'usd', contents: [{ content_id: 5, price: '1', quantity: 1.5 }] },
      }],
    };
    expect(tiktokRuleViolations(JSON.stringify(bad))).toEqual([
      'event_source invalid', 'body.data[0].user.ip is ""', 'event_time must be integer seconds', 'event_id must be a string',
      'user.email is not lowercase SHA-256 hex', 'properties.value must be a finite number', 'properties.currency must be ISO 4217',
      'content_id must be a string', 'price must be a number', 'quantity must be an integer',
    ]);
    expect(tiktokRuleViolations(JSON.stringify({ ...good, data: [] }))).toEqual(['data must hold exactly one event']);
  });
});
