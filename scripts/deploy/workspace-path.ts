/**
 * The workspace a verb talks to, `accounts/A/containers/C/workspaces/W`, checked locally before
 * any request so a typo costs no round trip (and no confusing 404 from the API). The GTM UI's
 * own URL for a workspace is accepted too, since that is what a user has in the address bar.
 */
import { UsageError } from '../../sandbox-shim/cli/args';

export interface WorkspacePath {
  accountId: string;
  containerId: string;
  workspaceId: string;
  /** `accounts/A/containers/C/workspaces/W`, the API's relative path. */
  path: string;
}

const API_PATH = /^accounts\/(\d+)\/containers\/(\d+)\/workspaces\/(\d+)$/;
const UI_URL = /^https:\/\/tagmanager\.google\.com\/#\/container\/(accounts\/\d+\/containers\/\d+\/workspaces\/\d+)\/?/;
const EXAMPLE = 'accounts/6012345678/containers/198765432/workspaces/12';

export function parseWorkspacePath(input: string | undefined): WorkspacePath {
  if (input === undefined || input.trim() === '') {
    throw new UsageError(`--workspace is required, e.g. --workspace ${EXAMPLE} (the numbers are in the GTM URL of your workspace)`);
  }
  const text = input.trim().replace(/^\/+|\/+$/g, '');
  const fromUrl = UI_URL.exec(input.trim());
  const match = API_PATH.exec(fromUrl ? fromUrl[1] : text);
  if (!match) {
    const hint = /GTM-[A-Z0-9]+/i.test(text)
      ? ' (a public container id like GTM-XXXX is not the container number: open the container in tagmanager.google.com and copy the numbers from the URL)'
      : '';
    throw new UsageError(`--workspace "${input}" is not a workspace path: expected accounts/<number>/containers/<number>/workspaces/<number>, e.g. ${EXAMPLE}${hint}`);
  }
  const [, accountId, containerId, workspaceId] = match;
  return { accountId, containerId, workspaceId, path: `accounts/${accountId}/containers/${containerId}/workspaces/${workspaceId}` };
}

/** Where the user opens the workspace (and presses Preview). */
export function workspaceUrl(ws: WorkspacePath): string {
  return `https://tagmanager.google.com/#/container/${ws.path}`;
}

export function templatePath(ws: WorkspacePath, templateId: string): string {
  return `${ws.path}/templates/${templateId}`;
}

/** `--template-id` is the number GTM shows in the template's URL. */
export function parseTemplateId(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--template-id "${value}" must be the template's number (in the GTM URL: …/templates/<number>)`);
  return value;
}
