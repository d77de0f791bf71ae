/**
 * `npm start`: build the template, start the local server container (PORT, default 8080) with the
 * embedded mock TikTok Events API, send a small GA4 funnel, print the preview URL and a one-screen
 * health summary, and keep serving until Ctrl-C.
 */
import { main as sgtm } from './sgtm';
import { createHealthAccumulator } from './health';
import { waitForSignal } from './server/command';
import { ConfigError, loadConfigFile } from './server/config';
import { startServer, type RunningServer } from './server';
import { sendSampleTraffic } from './server/sample-traffic';
import { formatStartSummary } from './server/summary';

async function start(): Promise<number> {
  process.stderr.write('== building template/template.tpl\n');
  const built = await sgtm(['build']);
  if (built !== 0) {
    process.stderr.write('npm start: the build failed (see above); fix src/ and run npm start again\n');
    return 1;
  }

  let server: RunningServer;
  try {
    server = await startServer(loadConfigFile(process.env.SGTM_CONFIG));
  } catch (err) {
    process.stderr.write(`npm start: ${(err as Error).message}\n`);
    return err instanceof ConfigError ? 2 : 1;
  }
  const c = server.container;
  process.stderr.write(
    `== local server container on ${server.url} (TikTok: ${c.config.tiktok.target === 'mock' ? `mock Events API at ${c.target}` : 'the REAL Events API'})\n` +
      '== sending a sample GA4 funnel\n',
  );

  const health = createHealthAccumulator();
  const stop = c.sink.onHealthLine((line) => health.addRecord(line.record));
  const sent = await sendSampleTraffic(server.url);
  stop();
  const refused = sent.filter((s) => s.status >= 400);

  const width = Math.min(process.stdout.columns || 100, 110);
  process.stdout.write(
    '\n' + formatStartSummary(health.report(), width) + '\n\n' +
      `Sent ${sent.length} sample hits${refused.length ? ` (${refused.length} refused: ${refused.map((s) => `${s.label} → ${s.status}`).join(', ')})` : ''}.\n` +
      `Preview:  ${server.url}/preview\n` +
      `Logs:     ${c.config.logs.file ?? '(stdout only)'}   report: npx sgtm health ${c.config.logs.file ?? ''}\n` +
      `Send GA4 hits to ${server.url}/g/collect, Measurement Protocol to ${server.url}/mp/collect, event data to POST ${server.url}/events.\n` +
      'Serving until Ctrl-C.\n',
  );
  await waitForSignal();
  await server.close();
  return 0;
}

start().then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`npm start: ${(err as Error)?.stack ?? String(err)}\n`); process.exitCode = 1; },
);
