/**
 * Percent-encoding without API calls where the text is ASCII (the sandbox has no charCodeAt):
 * decoding to look inside query values, encoding to find a personal value's URL-encoded form in
 * a log line. Non-ASCII text is left to the encodeUriComponent API.
 */
import { encodeUriComponent } from './sandbox';

const HEX = '0123456789abcdef';
const HEX_UPPER = '0123456789ABCDEF';
/** What encodeURIComponent leaves as it is. */
const UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()";

/**
 * The 128 ASCII characters by code, so a code needs no String.fromCharCode. Controls and the
 * backtick (which the build refuses in the template's code) are "\u0000": left to the API.
 * Made on first use: most events encode and decode nothing.
 */
let ascii: string | undefined;
function asciiTable(): string {
  if (ascii !== undefined) return ascii;
  let controls = '';
  for (let i = 0; i < 32; i++) controls += '\u0000';
  // Pieces joined at run time: folded into one literal holding both quotes, the build would
  // print it as a template literal, which the sandbox cannot run.
  ascii = controls + [' !"#$%&', "'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_", '\u0000abcdefghijklmnopqrstuvwxyz{|}~\u0000'].join('');
  return ascii;
}

/** %XX escapes of printable ASCII decoded (enough to see "@" or "+"); other escapes stay as they are. */
export function decodeAsciiEscapes(value: string): string {
  if (value.indexOf('%') === -1) return value;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value.charAt(i);
    const high = HEX.indexOf(value.charAt(i + 1).toLowerCase());
    const low = HEX.indexOf(value.charAt(i + 2).toLowerCase());
    if (ch === '%' && i + 2 < value.length && high >= 2 && high < 8 && low !== -1) {
      out += asciiTable().charAt(high * 16 + low);
      i += 2;
    } else out += ch;
  }
  return out;
}

/**
 * encodeURIComponent(value): by table for printable ASCII, through the API otherwise; undefined
 * when the API cannot encode it (a lone surrogate).
 */
export function percentEncode(value: string): string | undefined {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value.charAt(i);
    // Letters and digits by comparison (most characters of a value), the table for the rest.
    if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || UNRESERVED.indexOf(ch) !== -1) {
      out += ch;
      continue;
    }
    const code = asciiTable().indexOf(ch);
    if (code < 32 || code > 126) {
      const encoded = encodeUriComponent(value);
      return typeof encoded === 'string' ? encoded : undefined;
    }
    out += '%' + HEX_UPPER.charAt(code >> 4) + HEX_UPPER.charAt(code & 15);
  }
  return out;
}
