/**
 * Inside an execution unit: the `stack` of an error made by sandbox code lists only sandbox
 * frames (template and test code), never the unit's own files. Node formats an error of a vm
 * realm with the main context's Error.prepareStackTrace when the realm has none (the realm's
 * globals are deleted), so setting it here, in a process the shim owns, reaches every sandbox
 * error and no user code. Host errors keep V8's usual format.
 */
import { dataProperty } from '../runtime/compile';

const SANDBOX_FRAME = /^sgtm-(template|test):/;

function header(error: unknown): string {
  const name = dataProperty(error, 'name');
  const message = dataProperty(error, 'message');
  const n = typeof name === 'string' ? name : 'Error';
  const m = typeof message === 'string' ? message : '';
  return n && m ? `${n}: ${m}` : n || m;
}

export function formatSandboxStacks(): void {
  Error.prepareStackTrace = (error: unknown, sites: NodeJS.CallSite[]) => {
    const sandbox = !(error instanceof Error);
    const frames = sandbox ? sites.filter((site) => SANDBOX_FRAME.test(String(site.getFileName() ?? ''))) : sites;
    const head = sandbox ? header(error as object) : String(error);
    return [head, ...frames.map((site) => `    at ${site.toString()}`)].join('\n');
  };
}
