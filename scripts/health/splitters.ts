/**
 * Incremental splitters: text arrives in chunks of any size, records leave one at a time, and
 * nothing but the record in progress is held — so a multi-gigabyte export reads in constant memory.
 */

export interface RecordSink {
  /** A complete record's text. */
  record(text: string): void;
  /** A record that cannot be read: oversized, truncated, or stray text between records. */
  malformed(): void;
}

/** JSONL (and any line-oriented text): one record per line, `\n` or `\r\n`. */
export class LineSplitter {
  private pending = '';
  private discarding = false;

  constructor(private readonly sink: RecordSink, private readonly maxLength: number) {}

  push(chunk: string): void {
    let start = 0;
    let nl: number;
    while ((nl = chunk.indexOf('\n', start)) !== -1) {
      if (this.discarding) this.discarding = false;
      else {
        const line = this.pending ? this.pending + chunk.slice(start, nl) : chunk.slice(start, nl);
        this.pending = '';
        if (line.length > this.maxLength) this.sink.malformed();
        else this.sink.record(line);
      }
      start = nl + 1;
    }
    if (this.discarding || start === chunk.length) return;
    if (this.pending.length + chunk.length - start > this.maxLength) {
      this.pending = '';
      this.discarding = true;
      this.sink.malformed();
    } else {
      this.pending += chunk.slice(start);
    }
  }

  end(): void {
    if (this.pending) this.sink.record(this.pending);
    this.pending = '';
    this.discarding = false;
  }
}

const enum Level {
  Outside,
  BetweenElements,
  InElement,
}

function oddBackslashesBefore(text: string, at: number, from: number): boolean {
  let k = at - 1;
  while (k >= from && text.charCodeAt(k) === 92) k--;
  return (at - 1 - k) % 2 === 1;
}

const QUOTE = 34;
const COMMA = 44;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

/**
 * The elements of top-level JSON arrays (a Cloud Logging export such as `gcloud logging read
 * --format=json`). Also accepts several arrays in a row and bare top-level objects, so
 * concatenated exports read too. Strings and escapes are respected, so brackets inside
 * messages do not confuse it.
 */
export class JsonArraySplitter {
  private level = Level.Outside;
  private parent = Level.Outside;
  private depth = 0;
  private inString = false;
  private escape = false;
  private scalar = false;
  private parts: string[] = [];
  private partsLength = 0;
  private oversized = false;
  private garbage = false;

  constructor(private readonly sink: RecordSink, private readonly maxLength: number) {}

  push(chunk: string): void {
    const n = chunk.length;
    let i = 0;
    let elementStart = this.level === Level.InElement ? 0 : -1;
    while (i < n) {
      if (this.level === Level.InElement) {
        if (this.scalar) {
          const c = chunk.charCodeAt(i);
          if (c === COMMA || c === CLOSE_BRACKET || c <= 32) {
            this.finish(chunk, elementStart, i);
            elementStart = -1;
          } else i++;
          continue;
        }
        // Hot loop: locals instead of fields; strings are skipped with indexOf.
        let depth = this.depth;
        let inString = this.inString;
        let ended = false;
        if (inString && this.escape) {
          this.escape = false;
          i++;
        }
        while (i < n) {
          if (inString) {
            // A quote ends the string unless an odd run of backslashes (after i) precedes it.
            let quote = chunk.indexOf('"', i);
            while (quote !== -1 && oddBackslashesBefore(chunk, quote, i)) quote = chunk.indexOf('"', quote + 1);
            if (quote === -1) {
              this.escape = oddBackslashesBefore(chunk, n, i);
              i = n;
              break;
            }
            i = quote + 1;
            inString = false;
            if (depth === 0) {
              ended = true;
              break;
            }
            continue;
          }
          const c = chunk.charCodeAt(i++);
          if (c === QUOTE) inString = true;
          else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
          else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && --depth === 0) {
            ended = true;
            break;
          }
        }
        this.depth = depth;
        this.inString = inString;
        if (ended) {
          this.finish(chunk, elementStart, i);
          elementStart = -1;
        }
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (c <= 32) {
        i++;
      } else if (this.level === Level.Outside) {
        if (c === OPEN_BRACKET) {
          this.flushGarbage();
          this.level = Level.BetweenElements;
          i++;
        } else if (c === OPEN_BRACE) {
          this.flushGarbage();
          elementStart = i;
          this.start(Level.Outside, false);
        } else {
          this.garbage = true;
          i++;
        }
      } else if (c === COMMA) {
        i++;
      } else if (c === CLOSE_BRACKET) {
        this.level = Level.Outside;
        i++;
      } else {
        elementStart = i;
        this.start(Level.BetweenElements, c !== OPEN_BRACE && c !== OPEN_BRACKET && c !== QUOTE);
      }
    }
    if (this.level === Level.InElement && elementStart !== -1) this.keep(chunk.slice(elementStart));
  }

  end(): void {
    if (this.level === Level.InElement) {
      if (this.scalar) this.finish('', 0, 0);
      else {
        this.reset();
        this.sink.malformed();
      }
    }
    this.flushGarbage();
    this.level = Level.Outside;
  }

  private start(parent: Level, scalar: boolean): void {
    this.level = Level.InElement;
    this.parent = parent;
    this.depth = 0;
    this.inString = false;
    this.escape = false;
    this.scalar = scalar;
  }

  private keep(text: string): void {
    if (this.oversized) return;
    this.partsLength += text.length;
    if (this.partsLength > this.maxLength) {
      this.oversized = true;
      this.parts = [];
    } else this.parts.push(text);
  }

  private finish(chunk: string, from: number, to: number): void {
    const tail = chunk.slice(from, to);
    const oversized = this.oversized || this.partsLength + tail.length > this.maxLength;
    const text = this.parts.length ? this.parts.join('') + tail : tail;
    this.level = this.parent;
    this.reset();
    if (oversized) this.sink.malformed();
    else this.sink.record(text);
  }

  private reset(): void {
    this.parts = [];
    this.partsLength = 0;
    this.oversized = false;
    this.inString = false;
    this.escape = false;
  }

  private flushGarbage(): void {
    if (this.garbage) this.sink.malformed();
    this.garbage = false;
  }
}
