import { fakeRun, perm } from './fake-context';

describe('messaging', () => {
  const any = [perm('use_message', { allowedActions: 'any' })];

  it('sendMessage calls listeners synchronously with a copy, and records the message', () => {
    const run = fakeRun({ permissions: any });
    const got: unknown[] = [];
    expect(run.apis.hasMessageListener('set_cookie')).toBe(false);
    run.apis.addMessageListener('set_cookie', (type: string, msg: unknown) => got.push(['first', type, msg]));
    run.apis.addMessageListener('set_cookie', (type: string, msg: unknown) => got.push(['second', type, msg]));
    expect(run.apis.hasMessageListener('set_cookie')).toBe(true);
    const message = { name: 'ttp', value: 'x' };
    run.apis.sendMessage('set_cookie', message);
    run.apis.sendMessage('other', 1);
    expect(got).toEqual([['first', 'set_cookie', message], ['second', 'set_cookie', message]]);
    expect((got[0] as unknown[])[2]).not.toBe(message);
    expect(run.extras.messagesSent).toEqual([{ type: 'set_cookie', message }, { type: 'other', message: 1 }]);
  });

  it('an error in a listener becomes the uncaught error, other listeners still run', () => {
    const run = fakeRun({ permissions: any });
    const got: string[] = [];
    run.apis.addMessageListener('t', () => {
      throw new Error('listener failed');
    });
    run.apis.addMessageListener('t', () => got.push('ok'));
    run.apis.sendMessage('t', {});
    expect(run.uncaught).toEqual([new Error('listener failed')]);
    expect(got).toEqual(['ok']);
  });

  it('use_message specific checks type and action', () => {
    const specific = perm('use_message', {
      allowedActions: 'specific',
      messageTypes: [{ type: 'set_cookie', action: 'send' }, { type: 'ads_*', action: 'listen_and_send' }],
    });
    const run = fakeRun({ permissions: [specific] });
    run.apis.sendMessage('set_cookie', 1);
    run.apis.addMessageListener('ads_data', () => undefined);
    run.apis.sendMessage('ads_data', 2);
    expect(() => run.apis.addMessageListener('set_cookie', () => undefined)).toThrow(
      'addMessageListener: use_message does not allow listening to message type "set_cookie" (allowed: set_cookie (send), ads_* (listen_and_send))',
    );
    expect(() => run.apis.sendMessage('other', 1)).toThrow('sendMessage: use_message does not allow sending message type "other"');
    expect(run.apis.queryPermission('use_message', 'send', 'set_cookie')).toBe(true);
    expect(run.apis.queryPermission('use_message', 'listen', 'set_cookie')).toBe(false);
  });

  it('queryPermission for use_message accepts (action, type) and (type, action)', () => {
    const run = fakeRun({ permissions: [perm('use_message', { allowedActions: 'specific', messageTypes: [{ type: 'a', action: 'listen' }] })] });
    expect(run.apis.queryPermission('use_message', 'listen', 'a')).toBe(true);
    expect(run.apis.queryPermission('use_message', 'a', 'listen')).toBe(true);
    expect(run.apis.queryPermission('use_message', 'send', 'a')).toBe(false);
  });

  it('runs sharing env.messageListeners reach each other (a client hearing its tags)', () => {
    const shared = new Map();
    const clientRun = fakeRun({ permissions: any, env: { messageListeners: shared } });
    const tagRun = fakeRun({ permissions: any, env: { messageListeners: shared } });
    const heard: unknown[] = [];
    clientRun.apis.addMessageListener('set_cookie', (type: string, message: unknown) => heard.push([type, message]));
    expect(tagRun.apis.hasMessageListener('set_cookie')).toBe(true);
    tagRun.apis.sendMessage('set_cookie', { name: 'ttp' });
    expect(heard).toEqual([['set_cookie', { name: 'ttp' }]]);
    expect(tagRun.extras.messagesSent).toEqual([{ type: 'set_cookie', message: { name: 'ttp' } }]);
    expect(fakeRun({ permissions: any }).apis.hasMessageListener('set_cookie')).toBe(false);
  });
});
