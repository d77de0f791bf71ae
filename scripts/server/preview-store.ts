/**
 * What /preview shows, mirroring GTM's server preview: each incoming request, the events the
 * client made of it, and for each event the tags that fired with their outgoing HTTP requests,
 * console messages and event data. The history is bounded; subscribers hear every change.
 */
import type { ConsoleEntry, CookieSet, OutgoingRequest, TagStatus } from '../../sandbox-shim/types';

export interface PreviewTag {
  name: string;
  status: TagStatus;
  executionTimeMs: number;
  outgoingRequests: OutgoingRequest[];
  console: ConsoleEntry[];
  cookiesSet: CookieSet[];
  /** The uncaught error of an `exception`. */
  error?: string;
}

export interface PreviewEvent {
  index: number;
  name: string;
  eventData: Record<string, unknown>;
  tags: PreviewTag[];
}

export interface PreviewRequest {
  id: string;
  seq: number;
  receivedAt: number;
  /** The client that claimed it: "GA4", "Measurement Protocol" or "Event data". Unset when no client claimed it. */
  client?: string;
  method: string;
  path: string;
  query: string;
  headers: Record<string, string | string[]>;
  body: string;
  bodyBytes: number;
  bodyTruncated: boolean;
  remoteAddress?: string;
  state: 'running' | 'done' | 'rejected';
  /** The response the container sent. */
  response?: { status: number; headers: Record<string, string | string[]>; body?: string };
  /** Why the request was rejected (4xx). */
  error?: string;
  durationMs?: number;
  events: PreviewEvent[];
}

export type PreviewChange = { kind: 'request'; request: PreviewRequest };

export interface PreviewStore {
  add(request: PreviewRequest): void;
  /** Tells subscribers the request changed (it is updated in place). */
  changed(request: PreviewRequest): void;
  /** Newest last; with `since`, only requests whose seq is greater. */
  list(since?: number): PreviewRequest[];
  get(id: string): PreviewRequest | undefined;
  subscribe(listener: (change: PreviewChange) => void): () => void;
  /** Total requests seen (including those no longer kept). */
  total(): number;
  clear(): void;
}

export function createPreviewStore(maxRequests: number): PreviewStore {
  const requests: PreviewRequest[] = [];
  const byId = new Map<string, PreviewRequest>();
  const listeners = new Set<(change: PreviewChange) => void>();
  let total = 0;

  const emit = (request: PreviewRequest) => {
    for (const listener of listeners) {
      try {
        listener({ kind: 'request', request });
      } catch {
        // A broken subscriber (e.g. a closed stream) must not break the request being served.
      }
    }
  };

  return {
    add(request) {
      total++;
      requests.push(request);
      byId.set(request.id, request);
      while (requests.length > maxRequests) byId.delete(requests.shift()!.id);
      emit(request);
    },
    changed(request) {
      if (byId.has(request.id)) emit(request);
    },
    list(since) {
      return since === undefined ? [...requests] : requests.filter((r) => r.seq > since);
    },
    get: (id) => byId.get(id),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    total: () => total,
    clear() {
      requests.length = 0;
      byId.clear();
    },
  };
}
