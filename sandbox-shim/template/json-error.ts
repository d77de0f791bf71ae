/**
 * Finds where and why a JSON text is malformed. JSON.parse's messages differ between Node
 * versions and some carry no position at all, so the parser reports errors from this scanner
 * instead: a stable reason and an exact offset to turn into a file line and column.
 */

export interface JsonErrorLocation {
  /** 0-based offset into the text. */
  offset: number;
  reason: string;
}

class JsonScanError extends Error {
  constructor(public readonly offset: number, reason: string) {
    super(reason);
  }
}

/** Returns undefined when the text is valid JSON. */
export function locateJsonError(text: string): JsonErrorLocation | undefined {
  let i = 0;
  const fail = (reason: string): never => {
    throw new JsonScanError(i, reason);
  };
  const unexpected = (): never => (i >= text.length ? fail('Unexpected end of input') : fail(`Unexpected token ${text[i]}`));
  const skipWs = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) unexpected();
      i++;
    }
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length && text[i] !== '"') {
      const ch = text[i];
      if (ch < ' ') fail('Unescaped control character in string');
      if (ch === '\\') {
        i++;
        if (text[i] === 'u') {
          for (let k = 1; k <= 4; k++) if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) { i += k; fail('Bad unicode escape in string'); }
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? '')) {
          fail('Bad escape in string');
        }
      }
      i++;
    }
    if (i >= text.length) fail('Unterminated string');
    i++;
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m) unexpected();
    i += m![0].length;
  };
  const value = (): void => {
    skipWs();
    const ch = text[i];
    if (ch === '{') return object();
    if (ch === '[') return array();
    if (ch === '"') return string();
    if (ch === 't') return literal('true');
    if (ch === 'f') return literal('false');
    if (ch === 'n') return literal('null');
    if (ch === '-' || (ch >= '0' && ch <= '9')) return number();
    unexpected();
  };
  const object = () => {
    i++;
    skipWs();
    if (text[i] === '}') { i++; return; }
    for (;;) {
      skipWs();
      if (text[i] !== '"') (text[i] === '}' ? fail('Unexpected token } (trailing comma?)') : unexpected());
      string();
      skipWs();
      if (text[i] !== ':') (i >= text.length ? unexpected() : fail(`Expected ':' after property name, found ${text[i]}`));
      i++;
      value();
      skipWs();
      if (text[i] === ',') { i++; continue; }
      if (text[i] === '}') { i++; return; }
      i >= text.length ? unexpected() : fail(`Expected ',' or '}' after property value, found ${text[i]}`);
    }
  };
  const array = () => {
    i++;
    skipWs();
    if (text[i] === ']') { i++; return; }
    for (;;) {
      skipWs();
      if (text[i] === ']') fail('Unexpected token ] (trailing comma?)');
      value();
      skipWs();
      if (text[i] === ',') { i++; continue; }
      if (text[i] === ']') { i++; return; }
      i >= text.length ? unexpected() : fail(`Expected ',' or ']' after array element, found ${text[i]}`);
    }
  };
  try {
    value();
    skipWs();
    if (i < text.length) fail(`Unexpected token ${text[i]} after the end of the JSON value`);
    return undefined;
  } catch (err) {
    if (err instanceof JsonScanError) return { offset: err.offset, reason: err.message };
    throw err;
  }
}
