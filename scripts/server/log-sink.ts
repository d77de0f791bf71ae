/**
 * Where the tag's console output goes: every line to stdout (as Cloud Logging would read it), and
 * the health log lines (docs/health-log-schema.md) also to a JSON-lines file. Secret values are
 * replaced by "[REDACTED]" before anything is written, whatever the tag logged.
 */
import fs from 'fs';
import path from 'path';
import { Redactor } from '../../sandbox-shim/runtime/redact';
import { LOG_SCHEMA } from '../health/types';

export interface LogSinkOptions {
  /** JSON-lines file for health lines; null for none. Parent directories are created. */
  file: string | null;
  stdout: boolean;
  secrets: string[];
  /** Where stdout lines go (default process.stdout). */
  out?: NodeJS.WritableStream;
}

export interface HealthLine {
  text: string;
  record: Record<string, unknown>;
}

export interface LogSink {
  /** Writes one console message; returns the parsed health record when it is one. */
  write(message: string): HealthLine | undefined;
  /** Called for every health line written (the health summary of `npm start` listens here). */
  onHealthLine(listener: (line: HealthLine) => void): () => void;
  /** Counts of lines written so far. */
  counts(): { health: number; results: number; other: number };
  /** Closes the file. */
  close(): Promise<void>;
}

/** "logs/health.jsonl" → "logs/health.previous.jsonl". */
export function previousLogPath(file: string): string {
  const ext = path.extname(file);
  return ext ? `${file.slice(0, -ext.length)}.previous${ext}` : `${file}.previous`;
}

/**
 * Starts a run's log fresh: an existing, non-empty file becomes FILE.previous.EXT (replacing the
 * one before), so a report on the file covers this run only. Returns where the old one went.
 */
export function startFresh(file: string): string | undefined {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    return undefined;
  }
  if (size === 0) return undefined;
  const previous = previousLogPath(file);
  fs.renameSync(file, previous);
  return previous;
}

/** The parsed record when `message` is one of the tag's health log lines. */
export function parseHealthLine(message: string): Record<string, unknown> | undefined {
  if (!message.startsWith('{') || !message.includes(LOG_SCHEMA)) return undefined;
  try {
    const value = JSON.parse(message);
    return value && typeof value === 'object' && value.schema === LOG_SCHEMA ? value : undefined;
  } catch {
    return undefined;
  }
}

export function createLogSink(options: LogSinkOptions): LogSink {
  const out = options.out ?? process.stdout;
  const redactor = new Redactor(options.secrets);
  // Synchronous appends: a line is on disk when the event's response goes out, and a crash loses nothing.
  let fd: number | undefined;
  if (options.file) {
    fs.mkdirSync(path.dirname(options.file), { recursive: true });
    fd = fs.openSync(options.file, 'a');
  }
  const append = (text: string) => {
    if (fd === undefined) return;
    try {
      fs.writeSync(fd, text);
    } catch (err) {
      process.stderr.write(`health log file ${options.file}: ${(err as Error).message}; lines now go to stdout only\n`);
      fd = undefined;
    }
  };
  const listeners = new Set<(line: HealthLine) => void>();
  const counts = { health: 0, results: 0, other: 0 };

  return {
    write(message) {
      const text = redactor.text(message.replace(/\r?\n/g, ' '));
      const record = parseHealthLine(text);
      if (options.stdout) out.write(text + '\n');
      if (!record) {
        counts.other++;
        return undefined;
      }
      counts.health++;
      if (record.type === 'result') counts.results++;
      append(text + '\n');
      const line = { text, record };
      for (const listener of listeners) listener(line);
      return line;
    },
    onHealthLine(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    counts: () => ({ ...counts }),
    close: async () => {
      if (fd === undefined) return;
      const closing = fd;
      fd = undefined;
      fs.closeSync(closing);
    },
  };
}
