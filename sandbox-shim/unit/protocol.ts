/**
 * The messages between the host and an execution unit (a child process running template code).
 * Everything crossing is structured-cloneable data, carried in frames (frames.ts); host callbacks of RunOptions stay on the
 * host: HTTP and onRunContainer are asked for by message; templateDataStorage travels as a
 * snapshot in and a list of changes out; now/random cannot be called across processes (such runs
 * stay inline).
 */
import type { ExchangeRequest, ExchangeOutcome } from '../apis/family';
import type { ConsoleEntry, ParsedTemplate, PreviewRecord, RunOptions, ScenarioResult, TagStatus, TestOptions } from '../types';

/** The RunOptions fields that cross as data (functions and the storage Map stay on the host). */
export type UnitRunOptions = Omit<RunOptions, 'now' | 'random' | 'storage' | 'onConsole' | 'isolation'> & Record<string, unknown>;

/** Which host callbacks the run may call (the option was given). */
export interface UnitHooksWanted {
  onRunContainer: boolean;
  /** Console entries are streamed one message each as they happen (else batched, see worker.ts). */
  onConsole: boolean;
}

/** A change a run made to templateDataStorage, replayed on the host's Map when the run is done. */
export type StorageOp = ['set', string, unknown] | ['delete', string] | ['clear'];

export type ToUnit =
  | { type: 'template'; key: number; template: ParsedTemplate }
  | {
      type: 'run';
      id: number;
      key: number;
      options: UnitRunOptions;
      hooks: UnitHooksWanted;
      /** The host's templateDataStorage as the run starts (when RunOptions.storage was given). */
      storage?: [string, unknown][];
    }
  | { type: 'scenario'; id: number; key: number; name: string; options: TestOptions & Record<string, unknown> }
  | { type: 'reply'; callId: number; ok: boolean; value?: unknown; error?: string }
  | { type: 'ping' };

/**
 * Console entries of the run that a message carries along (see worker.ts): batched entries ride
 * inside the run's next message instead of a message of their own.
 */
interface Carried {
  console?: ConsoleEntry[];
}

export type FromUnit =
  | { type: 'ready' }
  | { type: 'enter'; id: number }
  | { type: 'console'; id: number; entries: ConsoleEntry[] }
  | {
      type: 'done';
      id: number;
      /** Without its eventData (null here): the host has the event and fills it in. */
      record: PreviewRecord;
      storageOps?: StorageOp[];
      /** Functions in it were replaced by markers. */
      marked?: boolean;
    }
  | { type: 'scenario-done'; id: number; result: ScenarioResult }
  | { type: 'failed'; id: number; message: string }
  | ({ type: 'extend'; id: number; untilMs: number; status: TagStatus; error?: string } & Carried)

  | ({ type: 'http'; id: number; callId: number; request: Omit<ExchangeRequest, 'signal'> } & Carried)
  | { type: 'http-abort'; callId: number }
  | ({ type: 'call'; id: number; callId: number; name: 'onRunContainer'; args: unknown[] } & Carried)
  /** `consoles`: the batched entries of every run in flight, so a unit about to be killed has handed them over. */
  | { type: 'pong'; onCpu: number; consoles?: [number, ConsoleEntry[]][] };

/** Key of the object standing for a function in a record (functions cannot cross processes). */
export const FUNCTION_MARKER = '\u0000sgtm:function';

/** What a unit writes to stderr before it exits because a run's console output passed its share of the memory cap. */
export const OVER_MEMORY_MARK = 'sgtm-unit: console output over the memory budget';
