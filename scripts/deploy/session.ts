/**
 * The common start of push and pull: the workspace path checked locally, then credentials, then
 * a templates API bound to them.
 */
import { lastValue, type ParsedArgs } from '../../sandbox-shim/cli/args';
import { loadCredentials, type SCOPES } from './credentials';
import { templatesApi, type TemplatesApi } from './gtm-api';
import { parseTemplateId, parseWorkspacePath, type WorkspacePath } from './workspace-path';

export const SESSION_FLAGS = ['workspace', 'template-id', 'key-file'];

export interface Target {
  ws: WorkspacePath;
  templateId?: string;
  keyFile?: string;
}

/** Everything checkable without the network; a usage error before any request. */
export function readTarget(args: ParsedArgs): Target {
  return { ws: parseWorkspacePath(lastValue(args, 'workspace')), templateId: parseTemplateId(lastValue(args, 'template-id')), keyFile: lastValue(args, 'key-file') };
}

export interface Session {
  api: TemplatesApi;
  source: string;
}

export async function openSession(target: Target, access: keyof typeof SCOPES, io: { env: NodeJS.ProcessEnv; stderr: NodeJS.WritableStream; sleep?: (ms: number) => Promise<void>; fetchImplementation?: typeof fetch }): Promise<Session> {
  const credentials = await loadCredentials({ keyFile: target.keyFile, env: io.env, access, fetchImplementation: io.fetchImplementation });
  const api = templatesApi(credentials.client, {
    container: `accounts/${target.ws.accountId}/containers/${target.ws.containerId}`,
    principal: credentials.principal,
    sleep: io.sleep,
    log: (line) => io.stderr.write(line + '\n'),
  });
  return { api, source: credentials.source };
}
