/**
 * `sgtm pull`: the workspace's copy of the template, and whether it still equals the built one.
 * An edit made in GTM's template editor and never brought back to src/ shows up here (exit 1).
 */
import { writeFileSync } from 'fs';
import path from 'path';
import { lastValue, parseArgs, UsageError } from '../../sandbox-shim/cli/args';
import { readText } from '../../sandbox-shim/cli/read-text';
import { DeployError, reportingErrors } from './errors';
import { findTemplate } from './find-template';
import { resolveIO, TEMPLATE_FILE, type DeployIO } from './io';
import { openSession, readTarget, SESSION_FLAGS } from './session';
import { diffTemplates, formatDiff } from './template-diff';
import { displayNameOf } from './template-text';

export const help = `usage: sgtm pull --workspace accounts/A/containers/C/workspaces/W [--template-id N] [--out FILE|-] [--key-file KEY.json]

Reads the template from a Google Tag Manager workspace (Tag Manager API v2) and compares it with
the built template/template.tpl, ignoring line endings, a BOM and trailing whitespace. When they
differ it says so ("the container drifted") and prints the differences section by section.
The template is found by --template-id, else by the displayName in template/template.tpl.

  --workspace PATH   accounts/<n>/containers/<n>/workspaces/<n> (or the workspace's GTM URL)
  --template-id N    the template's number in the workspace (…/templates/<n> in its URL)
  --out FILE         write the workspace's copy to FILE; "-" (the default) writes it to stdout,
                     and the verdict and differences then go to stderr
  --key-file FILE    a service account's JSON key (else GOOGLE_APPLICATION_CREDENTIALS, else
                     Application Default Credentials); needs Read permission on the container

Exit codes: 0 the workspace holds the built template; 1 it differs or has no such template
(for CI: the container drifted); 2 bad usage, credentials, or an API error.
See docs/deploy.md.`;

export async function run(argv: string[], io: DeployIO = {}): Promise<number> {
  const { stdout, stderr, env, fetchImplementation, root, sleep } = resolveIO(io);
  const args = parseArgs(argv, [], [...SESSION_FLAGS, 'out']);
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}" (usage: sgtm pull --workspace PATH [--template-id N] [--out FILE])`);
  const target = readTarget(args);
  const out = lastValue(args, 'out') ?? '-';
  // The copy owns stdout when it goes there; the verdict must not mix into it.
  const say = out === '-' ? stderr : stdout;

  const built = readText(path.join(root, TEMPLATE_FILE));
  return reportingErrors('pull', stderr, async () => {
    const displayName = displayNameOf(built, TEMPLATE_FILE);
    const { api, source } = await openSession(target, 'read', { env, stderr, sleep, fetchImplementation });
    say.write(`workspace ${target.ws.path} as ${source}\n`);
    const remote = await findTemplate(api, target.ws, { templateId: target.templateId, displayName });
    if (!remote) {
      say.write(`the container drifted: workspace ${target.ws.path} has no template "${displayName}" (push it with: sgtm push --workspace ${target.ws.path})\n`);
      return 1;
    }
    const copy = remote.templateData ?? '';
    if (out === '-') stdout.write(copy.endsWith('\n') ? copy : copy + '\n');
    else {
      try {
        writeFileSync(out, copy);
      } catch (err) {
        throw new DeployError(`cannot write ${out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
      say.write(`wrote workspace template ${remote.templateId} to ${out}\n`);
    }
    const diff = diffTemplates(built, copy, { old: TEMPLATE_FILE, new: `workspace template ${remote.templateId}` });
    if (diff.equal) {
      say.write(`workspace template ${remote.templateId} equals ${TEMPLATE_FILE}\n`);
      return 0;
    }
    say.write(`the container drifted: workspace template ${remote.templateId} differs from ${TEMPLATE_FILE} (bring the change into src/ and rebuild, or push to overwrite it):\n${formatDiff(diff)}`);
    return 1;
  });
}
