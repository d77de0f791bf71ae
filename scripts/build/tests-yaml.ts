/**
 * ___TESTS___ the way GTM exports it: a YAML mapping whose code strings are double-quoted
 * scalars with `\n` escapes, folded at 80 columns with `\` continuations (SnakeYAML's emitter,
 * which GTM uses). Names are plain scalars when safe, otherwise quoted the same way.
 */

export interface Scenario {
  name: string;
  code: string;
}

const BEST_WIDTH = 80;

const ESCAPES: Record<string, string> = {
  '\0': '0', '\x07': 'a', '\b': 'b', '\t': 't', '\n': 'n', '\x0B': 'v', '\f': 'f', '\r': 'r',
  '\x1B': 'e', '"': '"', '\\': '\\', '\x85': 'N', '\xA0': '_', '\u2028': 'L', '\u2029': 'P',
};

function isPrintable(ch: string): boolean {
  return (ch >= ' ' && ch <= '~') || (ch >= '\xA0' && ch <= '\uD7FF') || (ch >= '\uE000' && ch <= '\uFFFD');
}

function escapeChar(ch: string): string {
  if (ESCAPES[ch] !== undefined) return '\\' + ESCAPES[ch];
  const code = ch.charCodeAt(0);
  if (code <= 0xff) return '\\x' + code.toString(16).toUpperCase().padStart(2, '0');
  return '\\u' + code.toString(16).toUpperCase().padStart(4, '0');
}

/**
 * A double-quoted scalar starting at `column` (where the opening quote goes); continuation
 * lines are indented by `indent`. A port of SnakeYAML/PyYAML's writeDoubleQuoted.
 */
export function doubleQuoted(text: string, column: number, indent: number): string {
  let out = '"';
  let col = column + 1;
  let start = 0;
  let end = 0;
  while (end <= text.length) {
    const ch = end < text.length ? text[end] : undefined;
    if (ch === undefined || '"\\\x85\u2028\u2029\uFEFF'.includes(ch) || !isPrintable(ch)) {
      if (start < end) {
        out += text.slice(start, end);
        col += end - start;
        start = end;
      }
      if (ch !== undefined) {
        const data = escapeChar(ch);
        out += data;
        col += data.length;
        start = end + 1;
      }
    }
    if (end > 0 && end < text.length - 1 && (ch === ' ' || start >= end) && col + (end - start) > BEST_WIDTH) {
      out += text.slice(start, end) + '\\';
      if (start < end) start = end;
      out += '\n' + ' '.repeat(indent);
      col = indent;
      if (text[start] === ' ') {
        out += '\\';
        col += 1;
      }
    }
    end++;
  }
  return out + '"';
}

/** Plain scalars need no quoting: letters first, then a conservative character set. */
function isPlainSafe(text: string): boolean {
  return /^[A-Za-z][A-Za-z0-9 ,()_./'+=-]*$/.test(text) && !text.endsWith(' ') && !/ #|: /.test(text) && text.length <= 200;
}

function scalar(text: string, column: number, indent: number): string {
  if (text === '') return "''";
  return isPlainSafe(text) ? text : doubleQuoted(text, column, indent);
}

export function testsYaml(scenarios: Scenario[], setup: string): string {
  const lines: string[] = [];
  if (scenarios.length === 0) lines.push('scenarios: []');
  else {
    lines.push('scenarios:');
    for (const s of scenarios) {
      lines.push('- name: ' + scalar(s.name, '- name: '.length, 4));
      lines.push('  code: ' + scalar(s.code, '  code: '.length, 4));
    }
  }
  lines.push('setup: ' + scalar(setup, 'setup: '.length, 2));
  return lines.join('\n');
}
