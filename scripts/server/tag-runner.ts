/**
 * Fires the tag for one event through the shim, streams its console output to the log sink, and
 * makes sure the event ends with a result log line: when the tag threw, timed out, or wrote no
 * result line of its own, the container writes one (marked `"source":"container"`).
 */
import type { ParsedTemplate, PreviewRecord, RequestFixture, RunOptions } from '../../sandbox-shim/types';
import type { ContainerVersion } from '../../sandbox-shim/sandbox-apis';
import type { LogSink } from './log-sink';
import { Redactor } from '../../sandbox-shim/runtime/redact';
import { DATA_FIELDS, LOG_SCHEMA } from '../health/types';
import type { PreviewTag } from './preview-store';
import type { ShimRunner } from './tag-pool';

export interface TagRunnerOptions {
  template: ParsedTemplate;
  /** Where the shim runs (inline or a worker pool). */
  shim: ShimRunner;
  tagName: string;
  fields: Record<string, unknown>;
  secrets: string[];
  routes: Record<string, string>;
  containerVersion: ContainerVersion;
  tagTimeoutMs: number;
  permissions: RunOptions['permissions'];
  sink: LogSink;
  /** templateDataStorage shared by every run of this container (one server instance). */
  storage: Map<string, unknown>;
}

export interface TagRun {
  tag: PreviewTag;
  record: PreviewRecord;
  /** The result line that closed this event (the tag's own or the container's). */
  result: Record<string, unknown>;
}

export type TagRunner = (eventData: Record<string, unknown>, request: RequestFixture) => Promise<TagRun>;

/** The container knows nothing of the event's user data: every field of the log schema is absent. */
const noUserData = (): Record<string, boolean> => Object.fromEntries(DATA_FIELDS.map((field) => [field, false]));

export function createTagRunner(options: TagRunnerOptions): TagRunner {
  // The shim redacts what it records; this covers the messages written here (a shim failure's too).
  const redactor = new Redactor(options.secrets);
  return async (eventData, request) => {
    let result: Record<string, unknown> | undefined;
    const runOptions: RunOptions = {
      data: { ...options.fields },
      eventData,
      request,
      containerVersion: options.containerVersion,
      routes: options.routes,
      tagTimeoutMs: options.tagTimeoutMs,
      storage: options.storage,
      permissions: options.permissions,
      secrets: options.secrets,
      redactHeaders: ['access-token'],
      onConsole: (entry) => {
        const line = options.sink.write(entry.message);
        if (line && line.record.type === 'result') result = line.record;
      },
    };
    const started = Date.now();
    let record: PreviewRecord;
    try {
      record = await options.shim.run(runOptions);
    } catch (err) {
      // The shim itself failed: show it like a tag exception rather than failing the request.
      record = {
        template: options.template.name, status: 'exception', executionTimeMs: Date.now() - started,
        outgoingRequests: [], console: [], cookiesSet: [], responseHeaders: {}, eventData,
        error: `the sandbox could not run the template: ${(err as Error).message}`,
      };
    }
    if (!result) {
      const line = containerResult(record, eventData, request, options, redactor);
      options.sink.write(JSON.stringify(line));
      result = line;
    }
    const tag: PreviewTag = {
      name: options.tagName,
      status: record.status,
      executionTimeMs: record.executionTimeMs,
      outgoingRequests: record.outgoingRequests,
      console: record.console,
      cookiesSet: record.cookiesSet,
      error: record.error === undefined ? undefined : redactor.text(record.error),
    };
    return { tag, record, result };
  };
}

/** The result line the container writes for an event whose tag wrote none. */
function containerResult(record: PreviewRecord, eventData: Record<string, unknown>, request: RequestFixture, options: TagRunnerOptions, redactor: Redactor): Record<string, unknown> {
  const last = record.outgoingRequests[record.outgoingRequests.length - 1];
  const status = last && 'statusCode' in last.response ? last.response.statusCode : null;
  const outcome = record.status === 'success' ? 'success' : 'failure';
  const kind = record.status === 'success' ? null : record.status === 'failure' ? 'tag_failure' : `tag_${record.status}`;
  const why =
    record.status === 'exception' ? `the tag threw: ${redactor.text(record.error ?? 'unknown error').slice(0, 300)}`
    : record.status === 'timeout' && record.console.some((e) => e.message.startsWith('The template ran for more than')) ? `the tag was still running after ${options.tagTimeoutMs} ms (an endless loop?) and was stopped`
    : record.status === 'timeout' ? `the tag called neither gtmOnSuccess nor gtmOnFailure within ${options.tagTimeoutMs} ms`
    : record.status === 'failure' ? 'the tag called gtmOnFailure without writing a result log line'
    : null;
  const ga4Event = typeof eventData.event_name === 'string' ? eventData.event_name : null;
  const pixel = options.fields.pixelCode;
  const headers = request.headers ?? {};
  const trace = headers['trace-id'];
  return {
    severity: outcome === 'success' ? 'INFO' : 'ERROR',
    message: `${options.tagName} ${ga4Event ?? '(no event name)'}: ${record.status}${why ? ` (${why})` : ''}`,
    schema: LOG_SCHEMA,
    type: 'result',
    tag: options.tagName,
    trace_id: typeof trace === 'string' ? trace : null,
    time_ms: Date.now(),
    ga4_event: ga4Event,
    tiktok_event: null,
    event_id: null,
    pixel_code: typeof pixel === 'string' ? pixel : null,
    outcome,
    error_kind: kind,
    skip_reason: null,
    http_status: status,
    tiktok_code: null,
    tiktok_message: null,
    tiktok_request_id: null,
    error_message: why,
    attempts: record.outgoingRequests.length,
    latency_ms: record.outgoingRequests.length ? record.executionTimeMs : null,
    test_event: false,
    event_source: typeof options.fields.eventSource === 'string' ? options.fields.eventSource : 'web',
    user_data: noUserData(),
    // Schema: every result line carries its data-quality warnings; the container judged no data.
    warnings: [],
    source: 'container',
  };
}
