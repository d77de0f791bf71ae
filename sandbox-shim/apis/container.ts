/** getContainerVersion, getClientName, queryPermission. */
import type { ApiFamily } from './family';
import type { SandboxApis } from '../sandbox-apis';

export const family: ApiFamily = {
  name: 'container',
  permissions: { read_container_data: () => undefined },
  create(ctx) {
    const apis = {
      getContainerVersion: () => {
        ctx.checkPermission('read_container_data', 'getContainerVersion');
        return { ...ctx.env.containerVersion };
      },
      getClientName: () => {
        ctx.checkPermission('read_container_data', 'getClientName');
        return ctx.env.clientName ?? '';
      },
      // The same decision the APIs make, never a throw: templates branch on it.
      queryPermission: (permission: string, ...args: unknown[]) =>
        ctx.isAllowed(String(permission), ...args.map((a) => ctx.fromSandbox(a))),
    } satisfies Pick<SandboxApis, 'getContainerVersion' | 'getClientName' | 'queryPermission'>;
    return apis;
  },
};
