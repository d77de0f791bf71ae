/** --since/--until values: ISO timestamps or dates, epoch milliseconds, or "how long ago" (`90m`, `24h`, `7d`, `2w`). */

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export class PeriodError extends Error {}

/** The largest time a JavaScript Date can hold (±100,000,000 days around 1970). */
const MAX_DATE_MS = 8.64e15;

function inRange(ms: number, value: string): number {
  if (Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS) return ms;
  throw new PeriodError(`time "${value}" is out of range: give a date between the years -271821 and 275760`);
}

/** @returns ms since the Unix epoch. */
export function parseTimeArg(value: string, now: number = Date.now()): number {
  const text = value.trim();
  const relative = /^(\d+(?:\.\d+)?)\s*([smhdw])$/i.exec(text);
  if (relative) return inRange(now - Number(relative[1]) * UNIT_MS[relative[2].toLowerCase()], value);
  if (/^\d{10,}$/.test(text)) return inRange(Number(text), value);
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
    // Without a zone, JavaScript would read a date-time as local time; logs are UTC, so are we.
    const zoned = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text) ? `${text}Z` : text;
    const ms = Date.parse(zoned);
    if (!Number.isNaN(ms)) return ms;
  }
  throw new PeriodError(
    `cannot read time "${value}": use an ISO time (2026-11-25T12:00:00Z), a date (2026-11-25, UTC), ` +
      `epoch milliseconds, or an age such as 30m, 24h, 7d`,
  );
}

/** A Cloud Logging `timestamp`: an RFC 3339 string, or {seconds, nanos} in some exports. */
export function parseEntryTimestamp(value: unknown): number | undefined {
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
  }
  if (value && typeof value === 'object') {
    const { seconds, nanos } = value as { seconds?: unknown; nanos?: unknown };
    const s = typeof seconds === 'string' ? Number(seconds) : seconds;
    if (typeof s === 'number' && Number.isFinite(s)) return s * 1000 + (typeof nanos === 'number' ? Math.floor(nanos / 1e6) : 0);
  }
  return undefined;
}
