/**
 * A unified line diff (`diff -u` style hunks) for template sections. Common prefix and suffix are
 * trimmed first — an edit to a template touches a few lines of thousands — and the rest is an LCS;
 * a middle too large for an LCS table is shown as replaced whole rather than taking minutes.
 */

export type Op = { kind: ' ' | '-' | '+'; line: string; oldNo: number; newNo: number };

const LCS_CELL_LIMIT = 4_000_000;

function lcsOps(a: string[], b: string[], oldStart: number, newStart: number): Op[] {
  const n = a.length;
  const m = b.length;
  if (n * m > LCS_CELL_LIMIT) {
    return [...a.map((line, i) => ({ kind: '-' as const, line, oldNo: oldStart + i, newNo: newStart })), ...b.map((line, j) => ({ kind: '+' as const, line, oldNo: oldStart + n, newNo: newStart + j }))];
  }
  // lengths[i][j] = LCS of a[i..] and b[j..], in one flat table.
  const lengths = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[at(i, j)] = a[i] === b[j] ? lengths[at(i + 1, j + 1)] + 1 : Math.max(lengths[at(i + 1, j)], lengths[at(i, j + 1)]);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push({ kind: ' ', line: a[i], oldNo: oldStart + i, newNo: newStart + j });
      i++;
      j++;
    } else if (i < n && (j === m || lengths[at(i + 1, j)] >= lengths[at(i, j + 1)])) {
      // Removals before additions within a change, like diff -u.
      ops.push({ kind: '-', line: a[i], oldNo: oldStart + i, newNo: newStart + j });
      i++;
    } else {
      ops.push({ kind: '+', line: b[j], oldNo: oldStart + i, newNo: newStart + j });
      j++;
    }
  }
  return ops;
}

export function diffLines(oldText: string, newText: string): Op[] {
  const a = oldText === '' ? [] : oldText.split('\n');
  const b = newText === '' ? [] : newText.split('\n');
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const head = a.slice(0, prefix).map((line, k) => ({ kind: ' ' as const, line, oldNo: k, newNo: k }));
  const middle = lcsOps(a.slice(prefix, a.length - suffix), b.slice(prefix, b.length - suffix), prefix, prefix);
  const tail = a.slice(a.length - suffix).map((line, k) => ({ kind: ' ' as const, line, oldNo: a.length - suffix + k, newNo: b.length - suffix + k }));
  return [...head, ...middle, ...tail];
}

export function countChanges(ops: Op[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const op of ops) {
    if (op.kind === '+') added++;
    else if (op.kind === '-') removed++;
  }
  return { added, removed };
}

/** `--- old` / `+++ new` and `@@ -a,b +c,d @@` hunks with `context` lines around each change. */
export function unifiedDiff(oldText: string, newText: string, labels: { old: string; new: string }, context = 3): string {
  const ops = diffLines(oldText, newText);
  const changed = ops.map((op, index) => (op.kind !== ' ' ? index : -1)).filter((index) => index >= 0);
  if (changed.length === 0) return '';
  const hunks: Array<[number, number]> = [];
  for (const index of changed) {
    const start = Math.max(0, index - context);
    const end = Math.min(ops.length - 1, index + context);
    const last = hunks[hunks.length - 1];
    if (last && start <= last[1] + 1) last[1] = Math.max(last[1], end);
    else hunks.push([start, end]);
  }
  const out = [`--- ${labels.old}`, `+++ ${labels.new}`];
  for (const [start, end] of hunks) {
    const slice = ops.slice(start, end + 1);
    const oldCount = slice.filter((op) => op.kind !== '+').length;
    const newCount = slice.filter((op) => op.kind !== '-').length;
    const oldFrom = oldCount === 0 ? slice[0].oldNo : slice[0].oldNo + 1;
    const newFrom = newCount === 0 ? slice[0].newNo : slice[0].newNo + 1;
    out.push(`@@ -${oldFrom},${oldCount} +${newFrom},${newCount} @@`);
    for (const op of slice) out.push(`${op.kind}${op.line}`);
  }
  return out.join('\n') + '\n';
}
