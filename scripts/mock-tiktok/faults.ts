/**
 * Fault injection for the mock. Each decision is a pure function of (seed, key), where the key is
 * the first event_id of the request plus how many times that event_id was seen before. So a run
 * with the same seed injects the same faults into the same events and the same retries, whatever
 * order concurrent requests arrive in; tests can be exact.
 */

export interface FaultOptions {
  /** Seed of every decision (default 1). */
  seed?: number;
  /** Share of requests answered with an HTTP 5xx (0..1). */
  http5xx?: number;
  /** Share of requests never answered (the client times out). */
  timeout?: number;
  /** Share of requests answered HTTP 200 with a non-zero `code`. */
  code200?: number;
  /** Share of requests answered HTTP 200 with a body that is not JSON. */
  nonJson?: number;
  /** Added latency before every answer, ms. */
  latencyMs?: number;
  /** Extra latency in [0, latencyJitterMs), drawn from the seed. */
  latencyJitterMs?: number;
  /** The `code` of a code200 fault (default 40100, rate limited). */
  errorCode?: number;
  /** The status of an http5xx fault (default 503). */
  http5xxStatus?: number;
  /** How long a timed-out request is held before the mock drops the connection (default 60000). */
  timeoutHoldMs?: number;
}

export type FaultKind = 'http5xx' | 'timeout' | 'code200' | 'nonJson';
export const FAULT_KINDS: FaultKind[] = ['http5xx', 'timeout', 'code200', 'nonJson'];

export interface FaultDecision {
  fault?: FaultKind;
  latencyMs: number;
}

/** Two independent uniform draws in [0, 1) from (seed, key). */
export function draws(seed: number, key: string): [number, number] {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < key.length; i++) {
    h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  }
  const next = () => {
    // mulberry32 step
    h = (h + 0x6d2b79f5) >>> 0;
    let t = h;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return [next(), next()];
}

export function decideFault(options: FaultOptions, key: string): FaultDecision {
  const [pick, jitter] = draws(options.seed ?? 1, key);
  const latencyMs = (options.latencyMs ?? 0) + Math.floor(jitter * (options.latencyJitterMs ?? 0));
  let edge = 0;
  for (const kind of FAULT_KINDS) {
    edge += options[kind] ?? 0;
    if (pick < edge) return { fault: kind, latencyMs };
  }
  return { latencyMs };
}

/** Problems with fault options, for a clear error before the mock starts. */
export function checkFaultOptions(options: FaultOptions): string | undefined {
  let total = 0;
  for (const kind of FAULT_KINDS) {
    const share = options[kind];
    if (share === undefined) continue;
    if (typeof share !== 'number' || !(share >= 0 && share <= 1)) return `fault share "${kind}" must be a number from 0 to 1 (got ${share})`;
    total += share;
  }
  if (total > 1 + 1e-9) return `fault shares add up to ${total}; they must add up to at most 1`;
  for (const key of ['latencyMs', 'latencyJitterMs', 'timeoutHoldMs'] as const) {
    const v = options[key];
    if (v !== undefined && (typeof v !== 'number' || !(v >= 0))) return `${key} must be a non-negative number of milliseconds (got ${v})`;
  }
  if (options.http5xxStatus !== undefined && !(options.http5xxStatus >= 500 && options.http5xxStatus <= 599)) {
    return `http5xxStatus must be 500-599 (got ${options.http5xxStatus})`;
  }
  return undefined;
}
