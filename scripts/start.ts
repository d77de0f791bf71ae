/**
 * `npm start`: build the template, start the local server container (PORT, default 8080) with the
 * embedded mock TikTok Events API, send a small GA4 funnel (one line per hit), print the preview
 * URL and a one-screen health summary, and keep serving until Ctrl-C. Takes the flags of
 * `sgtm serve` after `--` (npm start -- --verbose): see startHelp in scripts/server/command.ts.
 */
import { UsageError } from '../sandbox-shim/cli/args';
import { main as sgtm } from './sgtm';
import { createHealthAccumulator } from './health';
import { serveConfig, startContainer, startHelp, waitForSignal, type StartedContainer } from './server/command';
import { sendSampleTraffic } from './server/sample-traffic';
import { formatStartSummary } from './server/summary';

async function start(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(startHelp + '\n');
    return 0;
  }
  let started: StartedContainer;
  try {
    const serve = serveConfig(argv, process.env.SGTM_CONFIG);
    process.stderr.write('== building template/template.tpl\n');
    const built = await sgtm(['build']);
    if (built !== 0) {
      process.stderr.write('npm start: the build failed (see above); fix src/ and run npm start again\n');
      return 1;
    }
    started = await startContainer(serve);
  } catch (err) {
    process.stderr.write(`npm start: ${(err as Error).message}\n`);
    return err instanceof UsageError ? 2 : 1;
  }
  const { server } = started;
  const c = server.container;
  process.stderr.write('== sending a sample GA4 funnel\n');

  const health = createHealthAccumulator();
  const stop = c.sink.onHealthLine((line) => health.addRecord(line.record));
  const sent = await sendSampleTraffic(server.url);
  stop();
  const refused = sent.filter((s) => s.status >= 400);

  const token = c.config.preview.token;
  const width = Math.min(process.stdout.columns || 100, 110);
  process.stdout.write(
    '\n' + formatStartSummary(health.report(), width) + '\n\n' +
      `Sent ${sent.length} sample hits${refused.length ? ` (${refused.length} refused: ${refused.map((s) => `${s.label} → ${s.status}`).join(', ')})` : ''}.\n` +
      `Preview:  ${server.url}/preview${token ? `?token=${token}` : ''}\n` +
      `Logs:     ${c.config.logs.file ?? '(none)'}   report: npx sgtm health ${c.config.logs.file ?? ''}\n` +
      (c.config.tiktok.target === 'mock' ? `Mock:     ${c.target}   faults: curl -X PUT ${c.target}/__mock/faults -d '{"http5xx":0.3}'\n` : '') +
      `Send GA4 hits to ${server.url}/g/collect, Measurement Protocol to ${server.url}/mp/collect, event data to POST ${server.url}/events.\n` +
      'Serving until Ctrl-C.\n',
  );
  await waitForSignal();
  await server.close();
  return 0;
}

start(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`npm start: ${(err as Error)?.stack ?? String(err)}\n`); process.exitCode = 1; },
);
