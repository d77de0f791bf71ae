/**
 * A worker thread of the tag pool: fires the template through the shim for each message and
 * streams the console back as it happens. Each worker has its own templateDataStorage, like one
 * server instance of a container that scaled out.
 */
import { parentPort, workerData } from 'worker_threads';
import { runTemplate } from '../../sandbox-shim';
import type { ParsedTemplate, PreviewRecord, RunOptions } from '../../sandbox-shim/types';

export type ToWorker = { type: 'run'; id: number; options: RunOptions };
export type FromWorker =
  | { type: 'console'; id: number; entry: { level: string; message: string } }
  | { type: 'done'; id: number; record: PreviewRecord }
  | { type: 'error'; id: number; message: string };

const port = parentPort;
if (port) {
  const template = (workerData as { template: ParsedTemplate }).template;
  const storage = new Map<string, unknown>();
  const send = (message: FromWorker) => port.postMessage(message);

  port.on('message', async (message: ToWorker) => {
    const { id } = message;
    try {
      const record = await runTemplate(template, {
        ...message.options,
        storage,
        onConsole: (entry) => send({ type: 'console', id, entry }),
      });
      try {
        send({ type: 'done', id, record });
      } catch {
        // A return value holding sandbox functions cannot cross threads; the rest of the record can.
        send({ type: 'done', id, record: { ...record, returnValue: undefined } });
      }
    } catch (err) {
      send({ type: 'error', id, message: (err as Error)?.message ?? String(err) });
    }
  });
}
