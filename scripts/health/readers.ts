/**
 * Streaming readers: files, stdin or any Readable, JSONL or JSON-array exports (sniffed from the
 * first non-blank character), optionally gzip-compressed (`.gz`).
 */
import { createReadStream } from 'fs';
import type { Readable } from 'stream';
import { StringDecoder } from 'string_decoder';
import { createGunzip } from 'zlib';
import { describeReadError } from '../../sandbox-shim/cli/read-text';
import { createHealthAccumulator, type HealthAccumulator } from './accumulator';
import { JsonArraySplitter, LineSplitter, type RecordSink } from './splitters';
import type { HealthOptions, HealthReport } from './types';

const DEFAULT_MAX_RECORD = 16 * 1024 * 1024;

/** A file or stream that could not be read: the command exits 2 with this message. */
export class HealthInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HealthInputError';
  }
}

export interface ReadOptions extends HealthOptions {
  /** Stream read for "-" (default process.stdin). */
  stdin?: Readable;
}

/** Feeds one stream into an accumulator; resolves when the stream ends. */
export async function readHealthStream(stream: Readable, acc: HealthAccumulator, options: HealthOptions = {}): Promise<void> {
  const max = options.maxRecordBytes ?? DEFAULT_MAX_RECORD;
  const sink: RecordSink = {
    record: (text) => acc.addLine(text),
    malformed: () => acc.addMalformed(),
  };
  const decoder = new StringDecoder('utf8');
  let splitter: LineSplitter | JsonArraySplitter | undefined;
  let head = '';
  const feed = (text: string): void => {
    if (splitter) return splitter.push(text);
    head += text;
    if (head.charCodeAt(0) === 0xfeff) head = head.slice(1);
    const firstChar = head.trimStart()[0];
    if (firstChar === undefined) {
      head = ''; // only blanks so far: nothing worth keeping
      return;
    }
    splitter = firstChar === '[' ? new JsonArraySplitter(sink, max) : new LineSplitter(sink, max);
    splitter.push(head);
    head = '';
  };
  for await (const chunk of stream) feed(typeof chunk === 'string' ? chunk : decoder.write(chunk));
  feed(decoder.end());
  splitter?.end();
}

function open(path: string, stdin: Readable | undefined): Readable {
  // 64 KiB chunks decode to strings V8 keeps in the young generation: cheap to collect, flat RSS.
  const source: Readable = path === '-' ? (stdin ?? process.stdin) : createReadStream(path, { highWaterMark: 1 << 16 });
  if (!path.endsWith('.gz')) return source;
  const gunzip = createGunzip();
  source.on('error', (err: Error) => gunzip.destroy(err));
  return source.pipe(gunzip);
}

/** The CLI's one wording of an unreadable file, with what is particular to log files. */
function describe(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'EISDIR') return 'is a directory, give the log files inside it';
  if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') return 'not valid gzip data (only .gz files are decompressed)';
  return describeReadError(err);
}

/** Reads every path (or stdin for "-") into one report. */
export async function readHealthFiles(paths: string[] | '-', options: ReadOptions = {}): Promise<HealthReport> {
  const acc = createHealthAccumulator(options);
  const list = paths === '-' ? ['-'] : paths;
  for (const path of list) {
    const stream = open(path, options.stdin);
    try {
      await readHealthStream(stream, acc, options);
    } catch (err) {
      throw new HealthInputError(`cannot read ${path === '-' ? 'stdin' : path}: ${describe(err)}`);
    }
  }
  return acc.report();
}
