/**
 * What `npm start` / `sgtm serve` print and where the health log goes: one human line per hit
 * (JSON lines only with --verbose), each run's log started fresh with the previous one kept
 * (unless --append), and a banner with the mock's URL and a fault-injection command that works.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { Writable } from 'stream';
import { serveConfig, startContainer, type StartedContainer } from '../../scripts/server/command';
import { PIXEL, TOKEN } from './helpers';

function sink() {
  let text = '';
  const stream = new Writable({ write(chunk, _enc, cb) { text += chunk.toString(); cb(); } });
  return { stream, text: () => text };
}

describe('the terminal of npm start / sgtm serve', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgtm-terminal-'));
  const logFile = path.join(dir, 'health.jsonl');
  const configFile = path.join(dir, 'config.json');
  fs.writeFileSync(configFile, JSON.stringify({
    port: 0, workers: 0, mode: 'production', logs: { file: logFile },
    tag: { fields: { accessToken: TOKEN, pixelCode: PIXEL, timeoutMs: 2000, maxRetries: 1 } },
    tiktok: { mock: { accessToken: TOKEN, pixelCodes: [PIXEL] } },
  }));
  const OLD_LINE = '{"schema":"tiktok-events-api/1","type":"result","note":"a line of the previous run"}\n';

  const start = async (...flags: string[]) => {
    const out = sink();
    const err = sink();
    const started: StartedContainer = await startContainer(serveConfig(['--config', configFile, ...flags]), out.stream, err.stream);
    return { ...started, out, err };
  };

  test('one short human line per hit, no JSON on stdout; the banner names the mock and how to inject faults', async () => {
    fs.writeFileSync(logFile, OLD_LINE);
    const { server, out, err, previousLog } = await start();
    try {
      expect(server.container.config.logs.stdout).toBe(false);
      const c = server.container;
      expect(err.text()).toContain(`  TikTok:   mock Events API at ${c.target}\n            faults: none; inject some while it runs:\n            curl -X PUT ${c.target}/__mock/faults -d '{"http5xx":0.3,"seed":7}'`);
      expect(err.text()).toContain(`  preview:  ${server.url}/preview\n`);
      expect(err.text()).toContain(`  logs:     ${logFile} (the previous run's: ${path.join(dir, 'health.previous.jsonl')})\n`);
      expect(previousLog).toBe(path.join(dir, 'health.previous.jsonl'));

      await fetch(`${server.url}/events`, { method: 'POST', body: JSON.stringify({ event_name: 'purchase', transaction_id: 'T-TERM-1', value: 5, currency: 'EUR', user_data: { email_address: 'term.canary@example.com' } }) });
      // The printed fault command works as printed.
      const put = await fetch(`${c.target}/__mock/faults`, { method: 'PUT', body: '{"http5xx":1}' });
      expect(put.status).toBe(200);
      await fetch(`${server.url}/events`, { method: 'POST', body: JSON.stringify({ event_name: 'add_to_cart', value: 5, currency: 'EUR' }) });
      await fetch(`${server.url}/g/collect?v=2&tid=G-1&en=page_view&dl=%E0%A4%A`);
      // A refusal that quotes the input must not print it: it may carry an email.
      await fetch(`${server.url}/events`, { method: 'POST', body: 'term.canary@example.com' });

      const lines = out.text().trimEnd().split('\n');
      expect(lines).toEqual([
        expect.stringMatching(/^#1 POST \/events Event data → 200 in \d+ ms · purchase: TikTok Purchase: success \(HTTP 200, code 0\) \[1 warning\]$/),
        expect.stringMatching(/^#2 POST \/events Event data → 200 in \d+ ms · add_to_cart: TikTok AddToCart: failure \(http_5xx, HTTP 503, code 50002, 2 attempts\) \[1 warning\]$/),
        expect.stringMatching(/^#3 GET \/g\/collect GA4 → 400 in \d+ ms · refused: malformed query string: "…" is not valid percent-encoding \(details in the preview\)$/),
        expect.stringMatching(/^#4 POST \/events Event data → 400 in \d+ ms · refused: POST \/events: invalid JSON \(Unexpected token '.', "…"(\.\.\.)? is not valid JSON\) \(details in the preview\)$/),
      ]);
      expect(out.text()).not.toContain('{');
      expect(out.text()).not.toContain('term.can');
    } finally {
      await server.close();
    }
    // This run's log holds this run only; the previous run's is kept next to it.
    expect(fs.readFileSync(path.join(dir, 'health.previous.jsonl'), 'utf8')).toBe(OLD_LINE);
    const results = fs.readFileSync(logFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((l) => l.type === 'result');
    expect(results.map((r) => r.ga4_event)).toEqual(['purchase', 'add_to_cart']);
  }, 30000);

  test('--append keeps adding to the same log; --verbose turns the JSON lines on; --quiet prints no hit lines', async () => {
    fs.writeFileSync(logFile, OLD_LINE);
    fs.rmSync(path.join(dir, 'health.previous.jsonl'), { force: true });
    const { server, out, previousLog } = await start('--append', '--quiet');
    try {
      expect(previousLog).toBeUndefined();
      await fetch(`${server.url}/events`, { method: 'POST', body: JSON.stringify({ event_name: 'purchase', transaction_id: 'T-TERM-2' }) });
      expect(out.text()).toBe('');
    } finally {
      await server.close();
    }
    const text = fs.readFileSync(logFile, 'utf8');
    expect(text.startsWith(OLD_LINE)).toBe(true);
    expect(text).toContain('"event_id":"T-TERM-2"');
    expect(fs.existsSync(path.join(dir, 'health.previous.jsonl'))).toBe(false);

    expect(serveConfig(['--config', configFile, '--verbose']).input.logs?.stdout).toBe(true);
    expect(() => serveConfig(['--verbose', '--quiet'])).toThrow('--verbose and --quiet contradict each other: pick one');
  }, 30000);
});

test('beyond loopback the banner prints the preview URL with its token', async () => {
  const { createServerContainer } = await import('../../scripts/server');
  const { banner } = await import('../../scripts/server/console-lines');
  // Configured for every interface but never listening: the banner needs only the container.
  const container = await createServerContainer({
    host: '0.0.0.0', port: 0, workers: 0, logs: { file: null, stdout: false },
    tag: { fields: { accessToken: TOKEN, pixelCode: PIXEL } },
  }, { env: {} });
  try {
    const token = container.config.preview.token!;
    const text = banner({ url: 'http://0.0.0.0:8080', port: 8080, container, close: async () => undefined });
    expect(text).toContain(`  preview:  http://0.0.0.0:8080/preview?token=${token}\n            (the preview needs this token: the server listens beyond loopback)`);
    expect(text).not.toContain(TOKEN);
  } finally {
    await container.close();
  }
});
