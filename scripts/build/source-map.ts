/**
 * Just enough of the source map v3 format to turn a position in the bundled code back into the
 * TypeScript file, line and column esbuild compiled it from.
 */

export interface RawSourceMap {
  version: number;
  sources: string[];
  mappings: string;
}

export interface SourcePosition {
  source: string;
  /** 1-based. */
  line: number;
  /** 0-based. */
  column: number;
}

interface Segment {
  generatedColumn: number;
  source: number;
  line: number;
  column: number;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeVlq(text: string): number[] {
  const values: number[] = [];
  let shift = 0;
  let value = 0;
  for (const ch of text) {
    const digit = BASE64.indexOf(ch);
    if (digit === -1) throw new Error(`source map: invalid base64 digit "${ch}"`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/** Segments per generated line (index 0 = line 1), columns ascending. */
export function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let source = 0;
  let line = 0;
  let column = 0;
  for (const lineText of mappings.split(';')) {
    const segments: Segment[] = [];
    let generatedColumn = 0;
    for (const part of lineText.split(',')) {
      if (part === '') continue;
      const fields = decodeVlq(part);
      generatedColumn += fields[0];
      if (fields.length < 4) continue;
      source += fields[1];
      line += fields[2];
      column += fields[3];
      segments.push({ generatedColumn, source, line, column });
    }
    lines.push(segments);
  }
  return lines;
}

/** The original position of generated (line 1-based, column 0-based): the nearest mapping at or before it. */
export function originalPosition(map: RawSourceMap, decoded: Segment[][], line: number, column: number): SourcePosition | undefined {
  for (let l = line - 1; l >= 0; l--) {
    const segments = decoded[l] ?? [];
    for (let i = segments.length - 1; i >= 0; i--) {
      const s = segments[i];
      if (l === line - 1 && s.generatedColumn > column) continue;
      return { source: map.sources[s.source], line: s.line + 1, column: s.column };
    }
  }
  return undefined;
}
