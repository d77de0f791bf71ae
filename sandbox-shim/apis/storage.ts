/** templateDataStorage: the per-template store in ctx.env.storage, copied both ways. */
import type { ApiFamily } from './family';
import type { SandboxApis } from '../sandbox-apis';

export const family: ApiFamily = {
  name: 'storage',
  permissions: { access_template_storage: () => undefined },
  create(ctx) {
    const store = () => ctx.env.storage;
    const check = (method: string) => ctx.checkPermission('access_template_storage', `templateDataStorage.${method}`);
    const apis = {
      templateDataStorage: {
        getItemCopy: (key: string) => {
          check('getItemCopy');
          const k = String(key);
          return store().has(k) ? ctx.toSandbox(store().get(k)) : null;
        },
        setItemCopy: (key: string, value: unknown) => {
          check('setItemCopy');
          const k = String(key);
          if (value === null || value === undefined) store().delete(k);
          else store().set(k, ctx.fromSandbox(value));
        },
        removeItem: (key: string) => {
          check('removeItem');
          store().delete(String(key));
        },
        clear: () => {
          check('clear');
          store().clear();
        },
      },
    } satisfies Pick<SandboxApis, 'templateDataStorage'>;
    return apis;
  },
};
