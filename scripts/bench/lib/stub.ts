/**
 * A loopback TikTok stub in a child process, so the CPU it spends answering is not counted as
 * the tag's (process.cpuUsage covers the bench process only). It answers every POST with
 * TikTok's success body and counts them; GET /count returns the count.
 */
import { spawn, type ChildProcess } from 'child_process';
import http from 'http';

/** TikTok's success answer, as the stub gives it. */
export const TIKTOK_OK_BODY = '{"code":0,"message":"OK","request_id":"bench","data":{}}';

const STUB = `
const http = require('http');
let posts = 0;
const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/count') { res.end(String(posts)); return; }
  req.resume();
  req.on('end', () => {
    posts++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(${JSON.stringify(TIKTOK_OK_BODY)});
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
process.on('disconnect', () => process.exit(0));
`;

export interface Stub {
  origin: string;
  /** Its process id, to leave its CPU out of the tag's. */
  pid: number;
  posts(): Promise<number>;
  close(): void;
}

export async function startStub(): Promise<Stub> {
  const child: ChildProcess = spawn(process.execPath, ['-e', STUB], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the loopback stub did not start within 10 s')), 10_000);
    child.stdout!.once('data', (chunk: Buffer) => {
      clearTimeout(timer);
      resolve(Number(String(chunk).trim()));
    });
    child.once('exit', (code) => reject(new Error(`the loopback stub exited with ${code}`)));
  });
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    pid: child.pid!,
    posts: () =>
      new Promise((resolve, reject) => {
        http.get(`${origin}/count`, (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve(Number(text)));
        }).on('error', reject);
      }),
    close: () => {
      child.kill();
    },
  };
}
