import { fakeRun, perm } from './fake-context';

const preview = { containerId: 'GTM-ABC', debugMode: false, environmentMode: false, environmentName: '', previewMode: true, version: '3' };

describe('getContainerVersion / getClientName', () => {
  it('return the environment values behind read_container_data', () => {
    const run = fakeRun({ env: { containerVersion: preview, clientName: 'GA4' }, permissions: [perm('read_container_data')] });
    const version = run.apis.getContainerVersion();
    expect(version).toEqual(preview);
    version.previewMode = false;
    expect(run.apis.getContainerVersion().previewMode).toBe(true);
    expect(run.apis.getClientName()).toBe('GA4');
    expect(fakeRun({ permissions: [perm('read_container_data')] }).apis.getClientName()).toBe('');
  });

  it('throw without read_container_data', () => {
    const { apis } = fakeRun();
    expect(() => apis.getContainerVersion()).toThrow('getContainerVersion: requires the read_container_data permission');
    expect(() => apis.getClientName()).toThrow('getClientName: requires the read_container_data permission');
  });

  it('queryPermission is true for everything when permissions are off', () => {
    expect(fakeRun({ mode: 'off' }).apis.queryPermission('send_http', 'https://a')).toBe(true);
  });
});
