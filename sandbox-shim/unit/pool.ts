/**
 * The second wall: execution units. Each unit is a child process with a heap cap
 * (--max-old-space-size) and, where the shim can bundle its unit code with esbuild, Node's
 * permission model (it may read its own bundle and nothing else: no file writes, no child
 * processes, no worker threads, no native addons). Units are warm (kept across runs, each
 * template sent and compiled once per unit) and replaced when one is killed. A process rather
 * than a worker thread: a worker that exceeds its resourceLimits with one large allocation
 * takes the whole process down (V8's fatal out-of-memory), a child only itself.
 *
 * The host enforces each run's deadline from outside (one timer per unit, set for the run due
 * first): when a run is past its tag timeout and its unit does not answer a ping (a loop in sync
 * code, promise callbacks, thenables…), the unit is terminated, the run ends as `timeout` and a fresh unit takes its
 * place. A unit that exceeds its heap cap ends its run as `exception` ("memory limit N MB
 * exceeded"). The host process lives on either way.
 *
 * Outgoing HTTP is performed here, on the host (the unit asks by message), so nock, routes and the
 * permission check (done in the unit before asking) behave exactly as in an inline run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import type { Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { authSecretForUnits } from '../apis/google-cloud';
import { startExchange } from '../apis/http';
import { redactorFor } from '../runtime/redact';
import type { ConsoleEntry, OutgoingRequest, ParsedTemplate, PreviewRecord, RunOptions, ScenarioResult, TagStatus, TestOptions, TestScenario } from '../types';
import { defineOwn } from '../runtime/own-property';
import { encodeFrame, FrameDecoder, FrameWriter, readsInto } from './frames';
import { FUNCTION_MARKER, OVER_MEMORY_MARK, type FromUnit, type StorageOp, type ToUnit, type UnitRunOptions } from './protocol';

export const DEFAULT_UNIT_MEMORY_MB = 256;
/** How long past its deadline a run may take before the host probes its unit. */
export const KILL_GRACE_MS = 200;
/** How long a probed unit has to answer before it counts as stuck and is terminated. */
export const PROBE_MS = 150;
const DEFAULT_TAG_TIMEOUT_MS = 5000;
const DEFAULT_SCENARIO_TIMEOUT_MS = 5000;
/** A unit that has not said it is ready by then is stuck starting: it is killed, its runs end as exception. */
const START_LIMIT_MS = 30_000;

export interface UnitPoolOptions {
  /** Units (processes) at most; runs beyond that share units. Default: cores, between 2 and 4. */
  size?: number;
  /** Heap cap of each unit in MB (old generation). Default 256, or SGTM_UNIT_MEMORY_MB. */
  memoryLimitMb?: number;
  /**
   * A JavaScript file to start as each unit instead of the shim's own unit code, unconfined: for
   * tests of how the host handles a unit that breaks the protocol (garbage, a torn frame, a crash).
   */
  unitScript?: string;
}

export interface UnitStats {
  /** Units started, killed for a timeout, killed by their memory cap, lost otherwise. */
  started: number;
  timeouts: number;
  memoryKills: number;
  crashes: number;
  runs: number;
  live: number;
}

interface RunState {
  id: number;
  options: RunOptions;
  templateName: string;
  started: number;
  timeoutMs: number;
  /** Epoch ms after which the host probes the run's unit (its deadline plus grace); unset until the unit is up. */
  due?: number;
  /** Streamed console entries and host-performed requests: the record of a run that is killed. */
  console: ConsoleEntry[];
  requests: OutgoingRequest[];
  resolve(record: PreviewRecord): void;
  reject(err: Error): void;
  /** The tag's own verdict, once it had one and only event callbacks were left (it stands if the unit is killed). */
  ended?: { status: TagStatus; error?: string };
  /** Set for a ___TESTS___ scenario: how it ends when its unit has to be killed. */
  scenario?: { name: string; resolve(result: ScenarioResult): void };
}

interface UnitEntry {
  file: string;
  execArgv: string[];
  /** The permission model is on (the unit runs from one bundled file it alone may read). */
  confined: boolean;
}

let entry: UnitEntry | undefined;

/**
 * How to start a unit: the unit code bundled into one file by esbuild (built once per host
 * process, ~0.1 s), run under the permission model; without esbuild, the TypeScript source
 * through ts-node, unconfined (the permission model refuses ts-node's native SWC addon).
 */
function unitEntry(): UnitEntry {
  if (entry) return entry;
  const source = path.join(__dirname, `worker${path.extname(__filename) || '.js'}`);
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const esbuild = require('esbuild') as typeof import('esbuild');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgtm-unit-'));
    const file = path.join(dir, 'unit.js');
    esbuild.buildSync({ entryPoints: [source], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: file, logLevel: 'silent' });
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    const confine = process.env.SGTM_UNIT_PERMISSIONS !== '0';
    entry = { file, confined: confine, execArgv: confine ? ['--experimental-permission', `--allow-fs-read=${file}`, '--disable-warning=ExperimentalWarning'] : [] };
  } catch {
    entry = { file: source, confined: false, execArgv: source.endsWith('.ts') ? ['--require', safeResolve('ts-node/register')] : [] };
  }
  return entry;
}

/** Environment variables a unit sees: only the shim's own switches (escaped code would find no secret in process.env). */
function unitEnv(memoryLimitMb: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && (key === 'SGTM_REUSE_REALM' || key.startsWith('TS_NODE_') || key === 'NODE_ENV')) out[key] = value;
  }
  out.SGTM_UNIT_AUTH_SECRET = authSecretForUnits();
  out.SGTM_UNIT_MEMORY_MB = String(memoryLimitMb);
  if (!out.TS_NODE_PROJECT) out.TS_NODE_PROJECT = path.join(__dirname, '..', '..', 'tsconfig.json');
  return out;
}

const templateKeys = new WeakMap<ParsedTemplate, { key: number; code: string }>();
let nextTemplateKey = 0;

/** A key per template object (and code: a caller that edits template.code gets a new one). */
function keyOf(template: ParsedTemplate): number {
  const known = templateKeys.get(template);
  if (known && known.code === template.code) return known.key;
  const key = ++nextTemplateKey;
  templateKeys.set(template, { key, code: template.code });
  return key;
}

/** The run's options hold something that cannot cross to another process (e.g. a function in `data`). */
export class UnitCloneError extends Error {
  constructor(detail: string) {
    super(`the run's options cannot cross to an execution unit: ${detail}`);
    this.name = 'UnitCloneError';
  }
}

/** Last bytes of a unit's stderr kept: enough to see V8's out-of-memory report. */
const STDERR_KEEP = 4096;
/**
 * Requests the host performs at once for one unit; the rest wait their turn. A template that
 * fires thousands of requests in a loop would otherwise keep the host's event loop busy opening
 * sockets, and the host timer that ends the run would fire late.
 */
const HTTP_IN_FLIGHT = 32;

class Unit {
  readonly child: ChildProcess;
  /** The host's end of the socket pair the unit's frames travel on (frames.ts). */
  private readonly link: Socket;
  private readonly writer: FrameWriter;
  readonly runs = new Map<number, RunState>();
  readonly templates = new Set<number>();
  /** callId → how to abort that request (the unit asked, or it is gone). */
  private readonly aborts = new Map<number, () => void>();
  private httpInFlight = 0;
  private readonly httpWaiting: Extract<FromUnit, { type: 'http' }>[] = [];
  /** Why the host is ending this unit (set before the kill). */
  private ending?: { culprit: number; status: TagStatus; message: string; kind: 'timeout' | 'memory' | 'crash' };
  private probe?: { timer: NodeJS.Timeout; runId: number };
  private watch?: { timer: NodeJS.Timeout; at: number };
  /** The run that last entered sandbox code (the unit says so when it changes). */
  private onCpu = 0;
  private stderr = '';
  private ready = false;
  private readonly startTimer: NodeJS.Timeout;
  alive = true;

  constructor(private readonly pool: UnitPool, readonly memoryLimitMb: number, script?: string) {
    const { file, execArgv } = script ? { file: script, execArgv: [] } : unitEntry();
    // fd 3 is a socket pair: the unit's frames both ways (frames.ts). No Node IPC channel.
    this.child = spawn(process.execPath, [...execArgv, ...unitFlags(memoryLimitMb), file], { env: unitEnv(memoryLimitMb), stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
    this.link = this.child.stdio[3] as Socket;
    this.writer = new FrameWriter(this.link);
    // Set before the first read: the decoder must know whether reads share one buffer.
    let decoder: FrameDecoder | undefined;
    const reused = readsInto(this.link, (bytes) => {
      try {
        decoder?.push(bytes);
      } catch (err) {
        // Bytes that are not our frames: the unit (or code that escaped into it) is not speaking the protocol.
        this.kill({ culprit: -1, status: 'exception', message: `the execution unit sent a ${err instanceof Error ? err.message : String(err)}; it was stopped`, kind: 'crash' });
      }
    });
    decoder = new FrameDecoder((message) => this.onMessage(message as FromUnit), undefined, reused);
    // A write to a unit that just died (EPIPE): its 'close' ends its runs.
    this.link.on('error', () => undefined);
    this.child.stderr?.setEncoding('utf8');
    this.child.stderr?.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-STDERR_KEEP);
    });
    this.child.on('error', () => {
      // A failed spawn or send: 'exit' (or the kill below) ends the runs.
      this.kill({ culprit: -1, status: 'exception', message: 'the execution unit could not be started or reached', kind: 'crash' });
    });
    // 'close', not 'exit': by then stderr is fully read (the out-of-memory report, the console-budget mark).
    this.child.on('close', (code, signal) => this.onExit(code, signal));
    this.startTimer = setTimeout(() => this.kill({ culprit: -1, status: 'exception', message: `the execution unit did not start within ${START_LIMIT_MS / 1000} s`, kind: 'crash' }), START_LIMIT_MS);
    this.startTimer.unref();
    this.idle();
  }

  /** An idle unit does not keep the host process alive; a busy one does. */
  private idle(): void {
    this.child.unref();
    this.link.unref();
    (this.child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
  }

  busy(): void {
    this.child.ref();
    this.link.ref();
    (this.child.stderr as unknown as { ref?: () => void } | null)?.ref?.();
  }

  post(message: ToUnit): void {
    if (!this.alive) return;
    // Serialized synchronously: a function in the message throws here, and nothing was sent.
    this.writer.write(encodeFrame(message));
  }

  start(state: RunState, template: ParsedTemplate, options: UnitRunOptions, hooks: Extract<ToUnit, { type: 'run' }>['hooks'], storage?: [string, unknown][]): void {
    const key = keyOf(template);
    if (!this.templates.has(key)) {
      this.post({ type: 'template', key, template });
      this.templates.add(key);
    }
    try {
      // Serialized synchronously: a function inside the options fails here, and nothing was sent.
      // No `storage: undefined` key: a message with an undefined in it cannot travel as JSON (frames.ts).
      this.post(storage ? { type: 'run', id: state.id, key, options, hooks, storage } : { type: 'run', id: state.id, key, options, hooks });
    } catch (err) {
      throw new UnitCloneError(err instanceof Error ? err.message : String(err));
    }
    // Registered after posting: the unit's answer arrives on a later turn of the event loop.
    this.runs.set(state.id, state);
    this.busy();
    // The clock starts once the unit is up: a cold start (bundling, process start) is not the tag's time.
    if (this.ready) this.arm(state, Date.now() + state.timeoutMs);
  }

  startScenario(state: RunState, template: ParsedTemplate, name: string, options: TestOptions & Record<string, unknown>): void {
    const key = keyOf(template);
    if (!this.templates.has(key)) {
      this.post({ type: 'template', key, template });
      this.templates.add(key);
    }
    this.post({ type: 'scenario', id: state.id, key, name, options });
    this.runs.set(state.id, state);
    this.busy();
    if (this.ready) this.arm(state, Date.now() + state.timeoutMs);
  }

  /** At its deadline plus grace, the host probes the run's unit. */
  private arm(state: RunState, untilMs: number): void {
    state.due = untilMs + KILL_GRACE_MS;
    this.watchUntil(state.due);
  }

  /**
   * One timer per unit, not per run, set for the earliest due run: runs in sequence (each due
   * ~5 s after it starts) reset it about once per timeout, not once per run. Unref'd: a busy
   * unit's channel keeps the host alive, an idle unit has nothing due.
   */
  private watchUntil(at: number): void {
    if (this.watch && this.watch.at <= at) return;
    if (this.watch) clearTimeout(this.watch.timer);
    const timer = setTimeout(() => {
      this.watch = undefined;
      this.checkDue();
    }, Math.max(0, at - Date.now()));
    timer.unref();
    this.watch = { timer, at };
  }

  /** Probes the unit for the first run past due (one probe at a time); watches for the next. */
  private checkDue(): void {
    if (!this.alive) return;
    const now = Date.now();
    let next = Infinity;
    for (const state of this.runs.values()) {
      if (state.due === undefined) continue;
      if (state.due > now) next = Math.min(next, state.due);
      else if (!this.probe) this.overdue(state);
    }
    // Runs past due while a probe is out are looked at again once it is answered (see 'pong').
    if (next !== Infinity) this.watchUntil(next);
  }

  private overdue(state: RunState): void {
    // A unit that still answers is not stuck: the run is ended here and the unit kept.
    this.probe = {
      runId: state.id,
      timer: setTimeout(() => {
        this.probe = undefined;
        this.kill({ culprit: this.culprit() ?? state.id, status: 'timeout', message: '', kind: 'timeout' });
      }, PROBE_MS),
    };
    this.post({ type: 'ping' });
  }

  /** The run on the CPU: the only one in flight, or the one the unit last said entered sandbox code. */
  private culprit(): number | undefined {
    if (this.runs.size === 1) return this.runs.keys().next().value as number;
    return this.runs.has(this.onCpu) ? this.onCpu : undefined;
  }

  kill(ending: NonNullable<Unit['ending']>): void {
    if (this.ending || !this.alive) return;
    this.ending = ending;
    this.child.kill('SIGKILL');
  }

  private onMessage(message: FromUnit): void {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        clearTimeout(this.startTimer);
        for (const state of this.runs.values()) this.arm(state, Date.now() + state.timeoutMs);
        return;
      case 'enter':
        this.onCpu = message.id;
        return;
      case 'console':
        this.takeConsole(message.id, message.entries);
        return;
      case 'done':
      case 'failed': {
        const state = this.runs.get(message.id);
        if (!state) return;
        this.finish(state);
        if (message.type === 'failed') {
          state.reject(new Error(message.message));
          return;
        }
        let { record, storageOps } = message;
        if (message.marked || Reflect.getPrototypeOf(record) !== Object.prototype) {
          // Deserialized by Node in its main realm; a caller in another realm (a jest vm context)
          // gets values of its own realm, and markers become functions again.
          record = rebuild(record) as PreviewRecord;
          storageOps = rebuild(storageOps) as StorageOp[] | undefined;
        }
        if (storageOps && state.options.storage) replay(state.options.storage, storageOps);
        record.eventData = eventDataOf(state.options);
        state.resolve(record);
        return;
      }
      case 'scenario-done': {
        const state = this.runs.get(message.id);
        if (!state) return;
        this.finish(state);
        state.scenario?.resolve(rebuild(message.result) as ScenarioResult);
        return;
      }
      case 'extend': {
        if (message.console) this.takeConsole(message.id, message.console);
        const state = this.runs.get(message.id);
        if (!state) return;
        state.ended = { status: message.status, error: message.error };
        this.arm(state, message.untilMs);
        return;
      }

      case 'http':
        if (message.console) this.takeConsole(message.id, message.console);
        if (this.httpInFlight < HTTP_IN_FLIGHT) this.performHttp(message);
        else this.httpWaiting.push(message);
        return;
      case 'http-abort': {
        const waiting = this.httpWaiting.findIndex((m) => m.callId === message.callId);
        if (waiting !== -1) this.httpWaiting.splice(waiting, 1);
        this.aborts.get(message.callId)?.();
        return;
      }
      case 'call':
        if (message.console) this.takeConsole(message.id, message.console);
        this.callHook(message);
        return;
      case 'pong': {
        if (message.consoles) for (const [id, entries] of message.consoles) this.takeConsole(id, entries);
        const probe = this.probe;
        if (!probe) return;
        clearTimeout(probe.timer);
        this.probe = undefined;
        const state = this.runs.get(probe.runId);
        // Responsive but past its time (its own drain should have ended it): end it here.
        if (state) {
          this.finish(state);
          this.pool.end(state, 'timeout', '');
        }
        this.checkDue();
        return;
      }
    }
  }

  /** Console entries of a run the unit handed over before its record (the record of a run that is killed). */
  private takeConsole(id: number, entries: ConsoleEntry[]): void {
    const state = this.runs.get(id);
    if (!state) return;
    for (const entry of entries) {
      state.console.push(entry);
      state.options.onConsole?.(entry);
    }
  }

  private finish(state: RunState): void {
    this.runs.delete(state.id);
    if (this.runs.size === 0 && this.alive) this.idle();
  }

  private performHttp(message: Extract<FromUnit, { type: 'http' }>): void {
    const state = this.runs.get(message.id);
    this.httpInFlight++;
    const started = performance.now();
    const exchange = startExchange(message.request);
    this.aborts.set(message.callId, exchange.abort);
    void exchange.outcome.then((outcome) => {
      this.aborts.delete(message.callId);
      this.httpInFlight--;
      const next = this.alive ? this.httpWaiting.shift() : undefined;
      if (next) this.performHttp(next);
      const { url, method, headers, body } = message.request;
      state?.requests.push({
        url,
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
        response: 'statusCode' in outcome ? outcome : { reason: outcome.reason },
        durationMs: Math.round(performance.now() - started),
      });
      this.post({ type: 'reply', callId: message.callId, ok: true, value: outcome });
    });
  }

  private callHook(message: Extract<FromUnit, { type: 'call' }>): void {
    const state = this.runs.get(message.id);
    const hook = (state?.options as Record<string, unknown> | undefined)?.[message.name] as ((...a: unknown[]) => unknown) | undefined;
    Promise.resolve()
      .then(() => (hook ? hook(...message.args) : undefined))
      .then(
        () => this.post({ type: 'reply', callId: message.callId, ok: true }),
        (err: unknown) => this.post({ type: 'reply', callId: message.callId, ok: false, error: err instanceof Error ? err.message : String(err) }),
      );
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    if (!this.alive) return;
    this.alive = false;
    if (this.probe) clearTimeout(this.probe.timer);
    if (this.watch) clearTimeout(this.watch.timer);
    // Requests still waiting their turn were never sent: the runs that made them end here.
    this.httpWaiting.length = 0;
    for (const abort of this.aborts.values()) abort();
    let ending = this.ending;
    const over = this.stderr.lastIndexOf(OVER_MEMORY_MARK);
    if (!ending && over !== -1) {
      const run = /\(run (\d+)\)/.exec(this.stderr.slice(over));
      ending = { culprit: run ? Number(run[1]) : this.culprit() ?? -1, status: 'exception', message: `memory limit ${this.memoryLimitMb} MB exceeded`, kind: 'memory' };
    }
    if (!ending && /heap out of memory|Reached heap limit/.test(this.stderr)) {
      ending = { culprit: this.culprit() ?? -1, status: 'exception', message: `memory limit ${this.memoryLimitMb} MB exceeded`, kind: 'memory' };
    }
    const said = this.stderr.trim().split('\n').filter((line) => line.trim() !== '').slice(-1)[0];
    ending ??= { culprit: -1, status: 'exception', message: `the execution unit exited (${signal ?? `code ${code}`})${said ? `: ${said.slice(0, 300)}` : ''}`, kind: 'crash' };
    this.pool.unitEnded(this, ending.kind);
    const culpritKnown = this.runs.has(ending.culprit);
    for (const state of [...this.runs.values()]) {
      this.finish(state);
      if (ending.kind === 'crash' || !culpritKnown || state.id === ending.culprit) {
        this.pool.end(state, ending.status, ending.message);
      } else {
        this.pool.end(state, 'exception', `the run was stopped with its execution unit, which another run in it ${ending.kind === 'memory' ? 'drove past its memory limit' : 'kept busy past its time'}`);
      }
    }
  }
}

/** A copy made of this realm's objects, arrays and functions (from markers); own keys stay own (a key named __proto__ too). */
function rebuild(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(rebuild);
  const d = Reflect.getOwnPropertyDescriptor(value, FUNCTION_MARKER);
  if (d) {
    const name = typeof d.value === 'string' ? d.value : '';
    const fn = function () {
      return undefined;
    };
    Object.defineProperty(fn, 'name', { value: name });
    return fn;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) defineOwn(out, key, rebuild((value as Record<string, unknown>)[key]));
  return out;
}

/**
 * The record's eventData, as a run on this thread has it: the caller's event, copied and redacted
 * (the unit does not send its own copy back; it is the same event, cloned on its way there).
 */
function eventDataOf(options: RunOptions): PreviewRecord['eventData'] {
  if (options.eventData === undefined) return {};
  return redactorFor(options.secrets, options.redactHeaders).value(options.eventData);
}

/** Applies a run's templateDataStorage changes to the host's Map. */
function replay(storage: Map<string, unknown>, ops: StorageOp[]): void {
  for (const op of ops) {
    if (op[0] === 'set') storage.set(op[1], op[2]);
    else if (op[0] === 'delete') storage.delete(op[1]);
    else storage.clear();
  }
}

export class UnitPool {
  private readonly units: Unit[] = [];
  private nextRun = 0;
  private closed = false;
  readonly size: number;
  readonly memoryLimitMb: number;
  private readonly unitScript?: string;
  private readonly counts = { started: 0, timeouts: 0, memoryKills: 0, crashes: 0, runs: 0 };

  constructor(options: UnitPoolOptions = {}) {
    const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
    this.size = Math.max(1, options.size ?? Math.min(4, Math.max(2, cores)));
    const fromEnv = Number(process.env.SGTM_UNIT_MEMORY_MB);
    this.memoryLimitMb = options.memoryLimitMb ?? (Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_UNIT_MEMORY_MB);
    this.unitScript = options.unitScript;
  }

  /**
   * Fires `template` in a unit; resolves with its record (also for a run the host had to kill).
   * `otherwise`: what to do instead when the run cannot be started in a unit (options that cannot
   * cross, UnitCloneError); without it the promise rejects.
   */
  run(template: ParsedTemplate, options: RunOptions = {}, otherwise?: (template: ParsedTemplate, options: RunOptions, err: Error) => Promise<PreviewRecord>): Promise<PreviewRecord> {
    if (this.closed) return Promise.reject(new Error('the execution unit pool is closed'));
    // Taken out by destructuring, not `delete`: a deleted key turns the object into a dictionary,
    // slower to serialize on every run.
    const { now: _now, random: _random, storage, onConsole: _onConsole, isolation: _isolation, onRunContainer, ...data } = options as RunOptions & Record<string, unknown>;
    const hooks = { onRunContainer: typeof onRunContainer === 'function', onConsole: typeof options.onConsole === 'function' };
    const snapshot = storage ? [...storage.entries()] : undefined;
    const unit = this.pick();
    this.counts.runs++;
    return new Promise<PreviewRecord>((resolve, reject) => {
      const state: RunState = {
        id: ++this.nextRun,
        options,
        templateName: template.name,
        started: performance.now(),
        timeoutMs: options.tagTimeoutMs ?? DEFAULT_TAG_TIMEOUT_MS,
        console: [],
        requests: [],
        resolve,
        reject,
      };
      try {
        unit.start(state, template, data as UnitRunOptions, hooks, snapshot);
      } catch (err) {
        if (otherwise) resolve(otherwise(template, options, err as Error));
        else reject(err);
      }
    });
  }

  /** The first idle unit; else a new one while under size; else the least busy (one pass, no arrays: it runs per run). */
  private pick(): Unit {
    let live = 0;
    let least: Unit | undefined;
    for (const unit of this.units) {
      if (!unit.alive) continue;
      if (unit.runs.size === 0) return unit;
      live++;
      if (!least || unit.runs.size < least.runs.size) least = unit;
    }
    if (live < this.size || !least) return this.spawn();
    return least;
  }

  private spawn(): Unit {
    const unit = new Unit(this, this.memoryLimitMb, this.unitScript);
    this.counts.started++;
    this.units.push(unit);
    return unit;
  }

  /** A unit is gone: forget it (the next run starts a fresh one). */
  unitEnded(unit: Unit, kind: 'timeout' | 'memory' | 'crash'): void {
    const at = this.units.indexOf(unit);
    if (at !== -1) this.units.splice(at, 1);
    if (this.closed) return;
    if (kind === 'timeout') this.counts.timeouts++;
    else if (kind === 'memory') this.counts.memoryKills++;
    else this.counts.crashes++;
  }

  /** Ends a run (or scenario) its unit could not finish. */
  end(state: RunState, status: TagStatus, message: string): void {
    if (!state.scenario) {
      state.resolve(this.killedRecord(state, status, message));
      return;
    }
    const error =
      status === 'timeout'
        ? `timed out: the scenario ran for more than ${state.timeoutMs} ms without returning (an endless loop?)`
        : message;
    state.scenario.resolve({ name: state.scenario.name, passed: false, error, durationMs: Math.round((performance.now() - state.started) * 10) / 10, console: [], warnings: [] });
  }

  /** Runs one ___TESTS___ scenario in a unit; resolves with its result (also when its unit had to be killed). */
  runScenario(template: ParsedTemplate, scenario: TestScenario, options: TestOptions = {}): Promise<ScenarioResult> {
    if (this.closed) return Promise.reject(new Error('the execution unit pool is closed'));
    const { isolation: _isolation, ...data } = options;
    const unit = this.pick();
    this.counts.runs++;
    return new Promise<ScenarioResult>((resolve, reject) => {
      const state: RunState = {
        id: ++this.nextRun,
        options: {},
        templateName: template.name,
        started: performance.now(),
        timeoutMs: options.scenarioTimeoutMs ?? DEFAULT_SCENARIO_TIMEOUT_MS,
        console: [],
        requests: [],
        resolve: () => undefined,
        reject,
        scenario: { name: scenario.name, resolve },
      };
      unit.startScenario(state, template, scenario.name, data as TestOptions & Record<string, unknown>);
    });
  }

  /** The record of a run its unit could not finish: what the host saw of it (console, requests). */
  killedRecord(state: RunState, killedAs: TagStatus, message: string): PreviewRecord {
    const options = state.options;
    const redactor = redactorFor(options.secrets, options.redactHeaders);
    const console = [...state.console];
    let error: string | undefined;
    // A tag that had ended before its event callbacks ran away keeps its own status (first call wins).
    const status = state.ended && killedAs === 'timeout' ? state.ended.status : killedAs;
    if (state.ended && killedAs === 'timeout') {
      error = state.ended.error;
      console.push({ level: 'error', message: `The template ran for more than ${state.timeoutMs} ms without returning (an endless loop in an addEventCallback callback?); stopped. The tag had already ended as ${state.ended.status}.` });
    } else if (status === 'timeout') {
      console.push({ level: 'error', message: `The template ran for more than ${state.timeoutMs} ms without returning (an endless loop?); stopped.` });
    } else {
      error = message;
      console.push({ level: 'error', message });
    }
    const record: PreviewRecord = {
      template: state.templateName,
      status,
      executionTimeMs: Math.round(performance.now() - state.started),
      outgoingRequests: state.requests.map((r) => ({
        ...r,
        headers: redactor.headerMap(r.headers),
        response: 'statusCode' in r.response ? { ...r.response, headers: redactor.headerMap(r.response.headers) } : r.response,
      })),
      console,
      cookiesSet: [],
      responseHeaders: {},
      eventData: options.eventData ?? {},
    };
    if (error !== undefined) record.error = error;
    for (const entry of console.slice(state.console.length)) options.onConsole?.(redactor.value(entry));
    return redactor.value(record);
  }

  stats(): UnitStats {
    return { ...this.counts, live: this.units.filter((u) => u.alive).length };
  }

  async close(): Promise<void> {
    this.closed = true;
    const units = this.units.splice(0);
    const closed = units.map((u) => (u.alive ? new Promise((resolve) => u.child.once('close', resolve)) : undefined));
    for (const unit of units) {
      // Referenced until it is gone: an idle unit's handles are unref'd, and a script whose last
      // step is awaiting this would otherwise exit before the unit's 'close' (and its own next line).
      unit.busy();
      unit.kill({ culprit: -1, status: 'exception', message: 'the execution unit pool was closed', kind: 'crash' });
    }
    await Promise.all(closed);
  }
}

let shared: UnitPool | undefined;

/** The pool runTemplate uses by default (created on first use). */
export function defaultUnitPool(): UnitPool {
  if (!shared) shared = new UnitPool();
  return shared;
}

/** Replaces the default pool's settings (its units are stopped; the next run starts new ones). */
export async function configureUnits(options: UnitPoolOptions): Promise<void> {
  const old = shared;
  shared = new UnitPool(options);
  await old?.close();
}

/** Stops the default pool's units (a host that wants its threads and memory back). */
export async function closeUnits(): Promise<void> {
  const old = shared;
  shared = undefined;
  await old?.close();
}

export function unitStats(): UnitStats {
  return shared ? shared.stats() : { started: 0, timeouts: 0, memoryKills: 0, crashes: 0, runs: 0, live: 0 };
}

/** Whether a run happens on the caller's thread rather than in a unit. */
export function runsInline(options: RunOptions & Record<string, unknown>): boolean {
  if (options.isolation === 'inline') return true;
  if (options.isolation === 'unit') return false;
  // Live listeners of other runs (a client and its tags), and clock/randomness callbacks the
  // run calls synchronously, cannot be reached from another process.
  if (options.messageListeners !== undefined || typeof options.now === 'function' || typeof options.random === 'function') return true;
  const env = process.env.SGTM_ISOLATION;
  return env === 'inline';
}

function safeResolve(name: string): string {
  try {
    return require.resolve(name);
  } catch {
    return name;
  }
}

/** How a unit is started (file, Node flags, environment): for tests that attack the confinement itself. */
export function unitLaunchSpec(memoryLimitMb = DEFAULT_UNIT_MEMORY_MB): { file: string; execArgv: string[]; env: Record<string, string>; confined: boolean } {
  const { file, execArgv, confined } = unitEntry();
  return { file, execArgv: [...execArgv, ...unitFlags(memoryLimitMb)], env: unitEnv(memoryLimitMb), confined };
}

/**
 * Node flags of a unit. The young generation starts at its full 16 MB semi-space (V8 would start
 * at 1 MB and scavenge every few dozen runs, copying the run in flight each time), and the GC
 * works on the unit's own thread: a unit does one run's worth of garbage at a time, and helper
 * threads only add hand-over CPU on a machine whose cores the host and other units already use.
 * Together ~15% less unit CPU per gtmOnSuccess-only run (one bench run: 217/222 → 190/181 µs).
 */
function unitFlags(memoryLimitMb: number): string[] {
  return [`--max-old-space-size=${memoryLimitMb}`, '--min-semi-space-size=16', '--max-semi-space-size=16', '--single-threaded-gc', '--stack-size=2048'];
}
