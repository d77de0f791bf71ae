/** logToConsole and the logging check. */
import type { ApiFamily, PermissionCheck } from './family';
import type { SandboxApis } from '../sandbox-apis';
import { stringParam } from './permission-params';

/**
 * logging: `environments` all | debug. Both are allowed here; outside preview/debug a
 * debug-only declaration makes logToConsole drop the line silently (GTM never throws for that).
 * Only an undeclared logging permission is a violation.
 */
const logging: PermissionCheck = (params) => {
  const environments = stringParam(params, 'environments') ?? 'debug';
  if (environments === 'all' || environments === 'debug') return undefined;
  return `has an unknown environments value "${environments}" (use all or debug)`;
};

/** One argument as GTM prints it: strings as they are, objects and arrays as JSON. */
export function formatLogArgument(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return 'function';
  if (value !== null && typeof value === 'object') {
    try {
      return JSON.stringify(value) ?? String(value);
    } catch {
      return '[circular object]';
    }
  }
  return String(value);
}

export const family: ApiFamily = {
  name: 'logging',
  permissions: { logging },
  create(ctx) {
    const apis = {
      logToConsole: (...args: unknown[]) => {
        const { env } = ctx;
        const declared = env.permissions.find((p) => p.publicId === 'logging');
        const inDebug = env.containerVersion.previewMode || env.containerVersion.debugMode;
        if (env.permissionMode !== 'off' && declared && stringParam(declared.params, 'environments') !== 'all' && !inDebug) {
          return;
        }
        ctx.checkPermission('logging', 'logToConsole');
        ctx.recorder.console({ level: 'log', message: args.map(formatLogArgument).join(' ') });
      },
    } satisfies Pick<SandboxApis, 'logToConsole'>;
    return apis;
  },
};
