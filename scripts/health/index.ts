/**
 * Tag Health and Data Monitoring from the TikTok Events API tag's logs (docs/health.md).
 * Lines follow docs/health-log-schema.md; the same reports over BigQuery live in ./sql/.
 */
export { createHealthAccumulator, type HealthAccumulator } from './accumulator';
export { readHealthFiles, readHealthStream, HealthInputError, type ReadOptions } from './readers';
export { formatHealthReport, type TextFormatOptions } from './format-text';
export { renderHealthHtml } from './format-html';
export { parseTimeArg, PeriodError } from './period';
export { redactPersonal, reportText } from './redact';
export * from './types';
