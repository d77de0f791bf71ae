/**
 * `sgtm push`: the built template into a GTM workspace — checked, diffed, and written with the
 * fingerprint so an edit made in the editor meanwhile is refused rather than overwritten.
 */
import path from 'path';
import { parseArgs, UsageError } from '../../sandbox-shim/cli/args';
import { readText } from '../../sandbox-shim/cli/read-text';
import { reportingErrors } from './errors';
import { findTemplate } from './find-template';
import { resolveIO, TEMPLATE_FILE, type DeployIO } from './io';
import { preflight } from './preflight';
import { openSession, readTarget, SESSION_FLAGS } from './session';
import { diffTemplates, formatDiff } from './template-diff';
import { displayNameOf, templateData } from './template-text';
import { templatePath, workspaceUrl, type WorkspacePath } from './workspace-path';

export const help = `usage: sgtm push --workspace accounts/A/containers/C/workspaces/W [--template-id N] [--dry-run] [--key-file KEY.json]

Pushes template/template.tpl into a Google Tag Manager workspace through the Tag Manager API v2,
then prints the workspace URL where you open Preview. Before anything is sent the template must
pass "sgtm validate", its own ___TESTS___, and "sgtm build --check" (it is what src/ builds).
The template in the workspace is found by --template-id, else by the displayName in ___INFO___;
when there is none, it is created. A diff of what changes is printed (fields added/removed/
changed by name, permissions by id, the code as a unified diff, other sections). The update
carries the template's fingerprint: if someone edited it in GTM since it was read, the API
refuses and nothing is overwritten.

  --workspace PATH   accounts/<n>/containers/<n>/workspaces/<n> (from the workspace's URL in
                     tagmanager.google.com; that URL is accepted too)
  --template-id N    the template's number in the workspace (…/templates/<n> in its URL)
  --dry-run          check, find and diff only: no create or update is sent (only GET requests)
  --key-file FILE    a service account's JSON key (else GOOGLE_APPLICATION_CREDENTIALS, else
                     Application Default Credentials); needs Edit permission on the container

Exit codes: 0 pushed, already up to date, or dry run; 1 refused (a check failed, or the template
changed in the workspace since it was read); 2 bad usage, credentials, or an API error.
See docs/deploy.md.`;

export async function run(argv: string[], io: DeployIO = {}): Promise<number> {
  const { stdout, stderr, env, fetchImplementation, root, built, sleep } = resolveIO(io);
  const args = parseArgs(argv, ['dry-run'], SESSION_FLAGS);
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}" (usage: sgtm push --workspace PATH [--template-id N] [--dry-run])`);
  const target = readTarget(args);
  const dryRun = args.flags.has('dry-run');

  const text = readText(path.join(root, TEMPLATE_FILE));
  const problems = await preflight(text, TEMPLATE_FILE, { built });
  if (problems.length > 0) {
    stderr.write(`refusing to push ${TEMPLATE_FILE}:\n${problems.map((p) => `  ${p}\n`).join('')}`);
    return 1;
  }
  return reportingErrors('push', stderr, async () => {
    const displayName = displayNameOf(text, TEMPLATE_FILE);
    stdout.write(`${TEMPLATE_FILE} "${displayName}": validate ok, tests pass, up to date with src/\n`);
    const { api, source } = await openSession(target, 'edit', { env, stderr, sleep, fetchImplementation });
    stdout.write(`workspace ${target.ws.path} as ${source}\n`);
    const remote = await findTemplate(api, target.ws, { templateId: target.templateId, displayName });
    const body = { name: displayName, templateData: templateData(text) };

    if (!remote) {
      stdout.write(`no template "${displayName}" in the workspace: ${dryRun ? 'would create it' : 'creating it'}\n`);
      if (dryRun) return done(stdout, target.ws, 'dry run: nothing sent');
      const created = await api.create(target.ws.path, body);
      return done(stdout, target.ws, `created template ${created.templateId} "${displayName}"`, created.tagManagerUrl);
    }

    const diff = diffTemplates(remote.templateData ?? '', text, { old: `workspace template ${remote.templateId}`, new: TEMPLATE_FILE });
    if (diff.equal) return done(stdout, target.ws, `template ${remote.templateId} in the workspace already equals ${TEMPLATE_FILE}: nothing to push`, remote.tagManagerUrl);
    stdout.write(`changes from workspace template ${remote.templateId} to ${TEMPLATE_FILE}:\n${formatDiff(diff)}`);
    if (dryRun) return done(stdout, target.ws, `dry run: would update template ${remote.templateId} (fingerprint ${remote.fingerprint}); nothing sent`);
    const updated = await api.update(remote.path ?? templatePath(target.ws, String(remote.templateId)), remote.fingerprint ?? '', body);
    return done(stdout, target.ws, `updated template ${updated.templateId ?? remote.templateId} "${displayName}" (fingerprint ${updated.fingerprint})`, updated.tagManagerUrl);
  });
}

function done(stdout: NodeJS.WritableStream, ws: WorkspacePath, message: string, templateUrl?: string | null): number {
  stdout.write(`${message}\n`);
  if (templateUrl) stdout.write(`template in GTM: ${templateUrl}\n`);
  stdout.write(`open the workspace and press Preview: ${workspaceUrl(ws)}\n`);
  return 0;
}
