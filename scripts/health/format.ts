/** Number, share and time formatting shared by the terminal tables and the HTML page. */

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** "1 record", "2 records". */
export function countOf(n: number, noun: string): string {
  return `${formatCount(n)} ${noun}${n === 1 ? '' : 's'}`;
}

/** One decimal ("35.8%"); exactly none or all is "0%" / "100%"; a partial share never rounds to either. */
export function formatShare(share: number | null): string {
  if (share === null || Number.isNaN(share)) return '–';
  const tenths = Math.round(share * 1000) / 10;
  if (share > 0 && tenths === 0) return '<0.1%';
  if (share < 1 && tenths === 100) return '>99.9%';
  if (share === 0 || share === 1) return `${share * 100}%`;
  return `${tenths.toFixed(1)}%`;
}

export function formatMs(ms: number | null, maxTrackedMs?: number): string {
  if (ms === null) return '–';
  const text = `${formatCount(Math.round(ms))} ms`;
  return maxTrackedMs !== undefined && ms >= maxTrackedMs ? `≥${text}` : text;
}

/** "2026-11-25 12:00" (UTC), or with seconds. */
export function formatTime(isoTime: string | null, seconds = false): string {
  if (!isoTime) return '–';
  return isoTime.replace('T', ' ').slice(0, seconds ? 19 : 16);
}
