/**
 * Which template in the workspace is ours: the one with `--template-id`, else the one whose
 * display name is our ___INFO___ displayName. Two templates with that name is ambiguous, and we
 * say which ids to choose from rather than guess.
 */
import { DeployError } from './errors';
import type { RemoteTemplate, TemplatesApi } from './gtm-api';
import { displayNameOf } from './template-text';
import { templatePath, type WorkspacePath } from './workspace-path';

function remoteDisplayName(t: RemoteTemplate): string | undefined {
  if (t.name) return t.name;
  try {
    return t.templateData ? displayNameOf(t.templateData, t.path ?? 'workspace template') : undefined;
  } catch {
    return undefined;
  }
}

export async function findTemplate(api: TemplatesApi, ws: WorkspacePath, wanted: { templateId?: string; displayName: string }): Promise<RemoteTemplate | undefined> {
  if (wanted.templateId !== undefined) {
    const path = templatePath(ws, wanted.templateId);
    try {
      return await api.get(path);
    } catch (err) {
      if (err instanceof DeployError && err.status === 404) {
        throw new DeployError(`workspace ${ws.path} has no template ${wanted.templateId} (or this account cannot see it): check --template-id (the number in the template's URL in GTM), or omit it to find the template by its name "${wanted.displayName}"`);
      }
      throw err;
    }
  }
  const all = await api.list(ws.path);
  const matches = all.filter((t) => remoteDisplayName(t) === wanted.displayName);
  if (matches.length > 1) {
    const ids = matches.map((t) => `${t.templateId} (${t.path})`).join(', ');
    throw new DeployError(`workspace ${ws.path} has ${matches.length} templates named "${wanted.displayName}": ${ids}. Pass --template-id with the one to use.`);
  }
  const [match] = matches;
  if (!match) return undefined;
  // A list entry normally carries the template; fetch it when it does not, for its data and fingerprint.
  return match.templateData && match.fingerprint ? match : api.get(match.path ?? templatePath(ws, String(match.templateId)));
}
