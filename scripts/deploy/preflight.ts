/**
 * The checks a template passes before it leaves the repo (push, release): it validates, its own
 * ___TESTS___ pass, and it is what src/ builds today (`build --check`). Each problem is one line
 * naming the check and the fix; an empty list means go.
 */
import { parseTemplate, runTemplateTests, TemplateParseError, validateTemplate } from '../../sandbox-shim';
import { formatProblem, locate } from '../../sandbox-shim/cli/validate';

export interface PreflightOptions {
  /** The template src/ builds now; omitted when the file is not the repo's built template. */
  built?: () => Promise<string>;
}

export async function preflight(text: string, file: string, options: PreflightOptions): Promise<string[]> {
  let template;
  try {
    template = parseTemplate(text, file);
  } catch (err) {
    if (err instanceof TemplateParseError) return [`validate: ${file} is not a valid template: ${err.message}`];
    throw err;
  }
  const problems: string[] = [];
  const errors = locate(validateTemplate(template).problems, template).filter((p) => p.severity === 'error');
  for (const p of errors) problems.push(`validate: ${formatProblem(file, p)}`);

  const report = await runTemplateTests(template, {});
  for (const s of report.scenarios.filter((scenario) => !scenario.passed)) {
    problems.push(`test: scenario "${s.name}" fails: ${s.error ?? 'no error message'} (run: npx sgtm test ${file})`);
  }

  if (options.built) {
    let built: string | undefined;
    try {
      built = await options.built();
    } catch (err) {
      problems.push(`build: src/ does not build: ${(err as Error).message} (run: npm run build)`);
    }
    if (built !== undefined && built !== text) {
      problems.push(`build --check: ${file} is not up to date with src/: run "npm run build", commit template/, and push again`);
    }
  }
  return problems;
}
