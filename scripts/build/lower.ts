/**
 * The last mile from esbuild's output to GTM's language (spec §1.6): esbuild prints `undefined`
 * as `void 0`, uses shorthand properties, keeps `/* @__PURE__ *\/` marks, and knows the sandbox's
 * `require` as `sandboxRequire` (src/sandbox.ts). Each rewrite is an edit on the text, and the edits
 * are kept so positions in the final code can be traced back to esbuild's output (and its map).
 */
import * as acorn from 'acorn';
import * as walk from 'acorn-walk';

export interface Edit {
  start: number;
  end: number;
  text: string;
}

export const SANDBOX_REQUIRE = 'sandboxRequire';

type AnyNode = acorn.Node & Record<string, any>;

export function loweringEdits(code: string): Edit[] {
  const edits: Edit[] = [];
  const comments: acorn.Comment[] = [];
  const ast = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'script', allowReturnOutsideFunction: true, onComment: comments });
  for (const comment of comments) {
    if (comment.type === 'Block' && /^\s*[@#]__PURE__\s*$/.test(comment.value)) {
      const end = code[comment.end] === ' ' ? comment.end + 1 : comment.end;
      edits.push({ start: comment.start, end, text: '' });
    }
  }
  walk.full(ast, (node) => {
    const n = node as AnyNode;
    if (n.type === 'UnaryExpression' && n.operator === 'void' && n.argument.type === 'Literal' && n.argument.value === 0) {
      edits.push({ start: n.start, end: n.end, text: 'undefined' });
    } else if (n.type === 'Property' && n.shorthand && n.kind === 'init' && n.value.type === 'Identifier') {
      edits.push({ start: n.start, end: n.end, text: `${n.key.name}: ${n.value.name}` });
    } else if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === SANDBOX_REQUIRE) {
      edits.push({ start: n.callee.start, end: n.callee.end, text: 'require' });
    }
  });
  return edits.sort((a, b) => a.start - b.start);
}

export function applyEdits(code: string, edits: Edit[]): string {
  let out = '';
  let at = 0;
  for (const edit of edits) {
    out += code.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + code.slice(at);
}

/** An offset in the edited code → the offset in the code before the edits. */
export function offsetBeforeEdits(edits: Edit[], editedOffset: number): number {
  let delta = 0;
  for (const edit of edits) {
    const editedStart = edit.start + delta;
    if (editedOffset < editedStart) break;
    const editedEnd = editedStart + edit.text.length;
    if (editedOffset < editedEnd) return edit.start;
    delta += edit.text.length - (edit.end - edit.start);
  }
  return editedOffset - delta;
}

export function lineColumnToOffset(code: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = code.indexOf('\n', offset);
    if (next === -1) return code.length;
    offset = next + 1;
  }
  return offset + column;
}

export function offsetToLineColumn(code: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < code.length; i++) {
    if (code[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart };
}
