/**
 * Inside an execution unit (a child process started by unit/pool.ts): fires templates for the
 * host, one message per run, with no vm watchdog (the host ends a runaway run by killing this
 * process). Host callbacks of RunOptions are reached through the host by message: HTTP and
 * onRunContainer. templateDataStorage starts from the host's snapshot and its changes go back
 * with the record.
 */
import fs from 'node:fs';
import { Socket } from 'node:net';
import type { ExchangeOutcome, ExchangeRequest } from '../apis/family';
import { reuseRealmByDefault } from '../runtime/realm-pool';
import { runTemplateHere } from '../runtime/run-template';
import { runScenario } from '../tests-runner/run-tests';
import type { ConsoleEntry, ParsedTemplate, PreviewRecord, RunOptions, ScenarioResult } from '../types';
import { encodeFrame, FrameDecoder, FrameWriter, READ_BUFFER_BYTES } from './frames';
import { FUNCTION_MARKER, OVER_MEMORY_MARK, type FromUnit, type StorageOp, type ToUnit } from './protocol';
import { formatSandboxStacks } from './sandbox-stacks';

formatSandboxStacks();

const MEMORY_MB = Number(process.env.SGTM_UNIT_MEMORY_MB) || 256;
/** Bytes of console output one run may stream (see onConsole below). */
const CONSOLE_BUDGET = (MEMORY_MB * 1024 * 1024) / 8;

/** Templates kept per unit (the host sends each once); the oldest is forgotten beyond this. */
const TEMPLATE_LIMIT = 64;

const templates = new Map<number, ParsedTemplate>();
const waiting = new Map<number, (value: unknown, error?: string) => void>();
let nextCall = 0;
/** The run that last entered sandbox code: the host blames it when this process must be killed. */
let onCpu = 0;

/**
 * The host: frames both ways on fd 3, a socket pair (frames.ts). Reads land in one buffer of our
 * own, handed to the decoder as they come (no buffer allocated per read, no stream machinery:
 * the host's messages are read without a `data` event, a push, a nextTick each).
 */
const decoder = new FrameDecoder((message) => onMessage(message as ToUnit), undefined, true);
const readBuffer = Buffer.allocUnsafe(READ_BUFFER_BYTES);
const link = new Socket({
  fd: 3,
  readable: true,
  writable: true,
  onread: { buffer: readBuffer, callback: (bytes: number, buffer: Uint8Array) => void decoder.push((buffer as Buffer).subarray(0, bytes)) },
} as ConstructorParameters<typeof Socket>[0]);
const writer = new FrameWriter(link);

const post = (message: FromUnit) => {
  // Serialized synchronously: a record holding a function throws here (see run()).
  writer.write(encodeFrame(message));
};

/**
 * Console entries of runs whose caller did not ask for a live stream (no onConsole): they wait
 * here and ride to the host inside the run's next message (an HTTP request, a hook call, an
 * extension) or a pong; the record carries them all at the end. One message per line cost each
 * run ~15 µs of CPU per line on each side, and a message of their own ~60.
 */
const unsent = new Map<number, ConsoleEntry[]>();

function takeConsole(id: number): ConsoleEntry[] | undefined {
  const entries = unsent.get(id);
  if (entries) unsent.delete(id);
  return entries;
}

const send = (message: FromUnit) => {
  if (unsent.size > 0) {
    if (message.type === 'pong') {
      message.consoles = [...unsent];
      unsent.clear();
    } else if (message.type === 'http' || message.type === 'call' || message.type === 'extend') {
      const entries = takeConsole(message.id);
      if (entries) message.console = entries;
    }
  }
  post(message);
};

/** Runs and scenarios in flight here. */
let active = 0;

/** Tells the host which run is on the CPU, when that is not obvious (more than one in flight). */
function enter(id: number): void {
  if (onCpu === id) return;
  onCpu = id;
  if (active > 1) send({ type: 'enter', id });
}

function callHost(id: number, message: (callId: number) => FromUnit): Promise<unknown> {
  const callId = ++nextCall;
  return new Promise((resolve, reject) => {
    waiting.set(callId, (value, error) => {
      // What runs next (the response's callbacks) belongs to this run.
      enter(id);
      if (error === undefined) resolve(value);
      else reject(new Error(error));
    });
    send(message(callId));
  });
}

function exchangeViaHost(id: number, request: ExchangeRequest): Promise<ExchangeOutcome> {
  const { signal, ...rest } = request;
  const aborted: ExchangeOutcome = { reason: 'failed', detail: 'aborted: the run ended before the response arrived' };
  if (signal?.aborted) return Promise.resolve(aborted);
  let callId = 0;
  return new Promise((resolve) => {
    const onAbort = () => {
      waiting.delete(callId);
      send({ type: 'http-abort', callId });
      resolve(aborted);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    void callHost(id, (c) => {
      callId = c;
      return { type: 'http', id, callId: c, request: rest };
    }).then((outcome) => {
      signal?.removeEventListener('abort', onAbort);
      resolve(outcome as ExchangeOutcome);
    });
  });
}

/** templateDataStorage: the host's snapshot, with every change noted for the host to replay. */
function loggedStorage(entries: [string, unknown][], ops: StorageOp[]): Map<string, unknown> {
  const map = new Map(entries);
  return {
    has: (key: string) => map.has(key),
    get: (key: string) => map.get(key),
    set(key: string, value: unknown) {
      map.set(key, value);
      ops.push(['set', key, value]);
      return this;
    },
    delete: (key: string) => {
      ops.push(['delete', key]);
      return map.delete(key);
    },
    clear: () => {
      ops.push(['clear']);
      map.clear();
    },
  } as unknown as Map<string, unknown>;
}

/**
 * Functions cannot cross processes: each becomes a marker the host turns back into a function
 * that does nothing (as a copied-out sandbox function does once its run is over).
 */
function cloneable(value: unknown, seen = new Set<object>()): unknown {
  if (typeof value === 'function') return { [FUNCTION_MARKER]: typeof value.name === 'string' ? value.name : '' };
  if (value === null || typeof value !== 'object' || seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => cloneable(v, seen));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) Object.defineProperty(out, key, { value: cloneable((value as Record<string, unknown>)[key], seen), enumerable: true, writable: true, configurable: true });
  return out;
}

/** Whether runs reuse realms unless their options say: read once (process.env is slow to read, and fixed here). */
const REUSE_REALM = reuseRealmByDefault();

async function run(message: Extract<ToUnit, { type: 'run' }>): Promise<void> {
  const { id, hooks } = message;
  const template = templates.get(message.key);
  if (!template) {
    send({ type: 'failed', id, message: `the execution unit does not have template #${message.key}` });
    return;
  }
  const storageOps: StorageOp[] = [];
  // Console entries wait in the write queue (bytes outside the V8 heap and its cap) until the host reads
  // them: a run may stream at most an eighth of the unit's memory cap, then the host kills the unit.
  let consoleBytes = 0;
  // The message is this run's own copy: the host callbacks are added to it rather than to a copy.
  const options = message.options as RunOptions & Record<string, unknown>;
  options.onConsole = (entry) => {
    if (consoleBytes > CONSOLE_BUDGET) return;
    consoleBytes += entry.message.length + 32;
    if (consoleBytes <= CONSOLE_BUDGET) {
      if (hooks.onConsole) {
        send({ type: 'console', id, entries: [entry] });
        return;
      }
      const entries = unsent.get(id);
      if (entries) entries.push(entry);
      else unsent.set(id, [entry]);
      return;
    }
    // A run stuck in a loop never lets queued messages out: tell the host on stderr
    // (synchronously) and end this unit now, as V8 would for a heap past its cap.
    fs.writeSync(2, `${OVER_MEMORY_MARK} (run ${id})\n`);
    process.exit(70);
  };
  options.exchange = (request: ExchangeRequest) => exchangeViaHost(id, request);
  if (options.reuseRealm === undefined) options.reuseRealm = REUSE_REALM;
  if (message.storage) options.storage = loggedStorage(message.storage, storageOps);
  if (hooks.onRunContainer) options.onRunContainer = (event: unknown) => callHost(id, (callId) => ({ type: 'call', id, callId, name: 'onRunContainer', args: [event] }));
  let record: PreviewRecord;
  active++;
  try {
    record = await runTemplateHere(template, options, {
      onEnter: () => enter(id),
      onExtend: (untilMs, status, error) => send({ type: 'extend', id, untilMs, status, error }),
      // The record's copy of the event (the largest part of a small run's record) does not travel back.
      eventDataOnHost: true,
    });
  } catch (err) {
    send({ type: 'failed', id, message: err instanceof Error ? err.message : String(err) });
    return;
  } finally {
    active--;
    // The record (or the failure) stands for them now.
    unsent.delete(id);
  }
  const ops = message.storage ? storageOps : undefined;
  try {
    // Without undefined keys (storageOps of a run without storage): the message can travel as JSON (frames.ts).
    send(ops ? { type: 'done', id, record, storageOps: ops } : { type: 'done', id, record });
  } catch {
    send({ type: 'done', id, record: cloneable(record) as PreviewRecord, storageOps: cloneable(ops) as StorageOp[] | undefined, marked: true });
  }
}

async function scenario(message: Extract<ToUnit, { type: 'scenario' }>): Promise<void> {
  const { id } = message;
  const template = templates.get(message.key);
  const found = template?.tests.scenarios.find((s) => s.name === message.name);
  if (!template || !found) {
    send({ type: 'failed', id, message: `the execution unit does not have scenario ${JSON.stringify(message.name)} of template #${message.key}` });
    return;
  }
  const options = { ...message.options, exchange: (request: ExchangeRequest) => exchangeViaHost(id, request) };
  active++;
  try {
    const result = await runScenario(template, found, options, { onEnter: () => enter(id) });
    send({ type: 'scenario-done', id, result: cloneable(result) as ScenarioResult });
  } catch (err) {
    send({ type: 'failed', id, message: err instanceof Error ? err.message : String(err) });
  } finally {
    active--;
  }
}

function onMessage(message: ToUnit): void {
  switch (message.type) {
    case 'scenario':
      void scenario(message);
      break;
    case 'template':
      if (templates.size >= TEMPLATE_LIMIT) templates.delete(templates.keys().next().value as number);
      templates.set(message.key, message.template);
      break;
    case 'run':
      void run(message);
      break;
    case 'reply': {
      const call = waiting.get(message.callId);
      if (!call) break;
      waiting.delete(message.callId);
      call(message.value, message.ok ? undefined : message.error ?? 'the host hook failed');
      break;
    }
    case 'ping':
      send({ type: 'pong', onCpu });
      break;
  }
}

// The host closing its end (it exited) ends the unit.
link.on('end', () => process.exit(0));
link.on('error', () => process.exit(0));
send({ type: 'ready' });
