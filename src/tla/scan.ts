// A lightweight scanner of TLA+ module text: not a parser, but enough to know, with line numbers,
// which definitions, variables, constants, parameters and bound names a module has. The guards
// (lint.ts) use it to catch inputs the embedded engine would mishandle silently.

export interface Definition {
  readonly name: string;
  readonly line: number;
  readonly params: readonly string[];
}

export interface Binder {
  readonly name: string;
  readonly line: number;
}

export interface ModuleScan {
  readonly name: string | null;
  /** The text with comments, strings and everything outside the module blanked (offsets and lines kept). */
  readonly code: string;
  /** Top-level definitions (written at column 0, as in this project's specs). */
  readonly definitions: readonly Definition[];
  /** Operator definitions with parameters inside LET. */
  readonly localOperators: readonly Definition[];
  readonly variables: readonly string[];
  readonly constants: readonly string[];
  /** Names bound by \A, \E, CHOOSE, [x \in S |-> ...] and {x \in S : ...}. */
  readonly binders: readonly Binder[];
}

/** Blank `(* *)` (nested) and `\*` comments and string contents, keeping every newline and offset. */
export function blankComments(source: string): string {
  const out = source.split('');
  let i = 0;
  while (i < source.length) {
    if (source.startsWith('\\*', i)) {
      while (i < source.length && source[i] !== '\n') out[i++] = ' ';
    } else if (source.startsWith('(*', i)) {
      i = blankBlock(source, out, i);
    } else if (source[i] === '"') {
      i++;
      while (i < source.length && source[i] !== '"' && source[i] !== '\n') {
        if (source[i] === '\\') out[i++] = ' ';
        out[i++] = ' ';
      }
      i++;
    } else i++;
  }
  return out.join('');
}

function blankBlock(source: string, out: string[], start: number): number {
  let depth = 0;
  let i = start;
  while (i < source.length) {
    if (source.startsWith('(*', i)) { depth++; out[i] = out[i + 1] = ' '; i += 2; continue; }
    if (source.startsWith('*)', i)) { depth--; out[i] = out[i + 1] = ' '; i += 2; if (depth === 0) return i; continue; }
    if (source[i] !== '\n') out[i] = ' ';
    i++;
  }
  return i;
}

/** Everything before the MODULE header and after the closing `====` line is not TLA+. */
function blankOutsideModule(code: string): { code: string; name: string | null } {
  const header = /^-{4,}\s*MODULE\s+([A-Za-z_][A-Za-z0-9_]*)\s*-{4,}[ \t]*$/m.exec(code);
  if (!header) return { code, name: null };
  const bodyStart = header.index + header[0].length;
  const footer = /^={4,}[ \t]*$/m.exec(code.slice(bodyStart));
  const bodyEnd = footer ? bodyStart + footer.index : code.length;
  const blank = (s: string): string => s.replace(/[^\n]/g, ' ');
  return { code: blank(code.slice(0, bodyStart)) + code.slice(bodyStart, bodyEnd) + blank(code.slice(bodyEnd)), name: header[1]! };
}

export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

function splitNames(list: string): string[] {
  return list.split(',').map((p) => p.trim()).filter((p) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(p));
}

function definitions(code: string): Definition[] {
  const found: Definition[] = [];
  const pattern = /^(?:LOCAL[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)[ \t]*(?:\(([^)]*)\))?[ \t]*==/gm;
  for (const m of code.matchAll(pattern)) found.push({ name: m[1]!, line: lineOf(code, m.index), params: splitNames(m[2] ?? '') });
  return found;
}

function localOperators(code: string): Definition[] {
  const found: Definition[] = [];
  for (const m of code.matchAll(/(?<=[^\n])\b([A-Za-z_][A-Za-z0-9_]*)[ \t]*\(([^)]*)\)[ \t]*==/g)) {
    const start = code.lastIndexOf('\n', m.index) + 1;
    if (m.index === start) continue; // a top-level definition
    found.push({ name: m[1]!, line: lineOf(code, m.index), params: splitNames(m[2]!) });
  }
  return found;
}

/** Names declared by VARIABLE(S) or CONSTANT(S): a comma-separated list, possibly over several lines. */
function declared(code: string, keyword: RegExp): string[] {
  const names: string[] = [];
  for (const m of code.matchAll(keyword)) {
    const rest = code.slice(m.index + m[0].length);
    const list = /^\s*([A-Za-z_][A-Za-z0-9_]*(?:\s*,\s*[A-Za-z_][A-Za-z0-9_]*)*)/.exec(rest);
    if (list) names.push(...splitNames(list[1]!.replace(/\s+/g, '')));
  }
  return names;
}

function binders(code: string): Binder[] {
  const found: Binder[] = [];
  const add = (name: string, offset: number): void => void found.push({ name, line: lineOf(code, offset) });
  for (const m of code.matchAll(/(?:\\A|\\E|\\AA|\\EE|CHOOSE)\s+([^:]*?):/g)) {
    // "x, y \in S" or "x \in S, y \in T": the names are what stands before each \in (or alone).
    for (const piece of m[1]!.split(',')) {
      const name = piece.split('\\in')[0]!.trim();
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) add(name, m.index);
    }
  }
  for (const m of code.matchAll(/[[{]\s*([A-Za-z_][A-Za-z0-9_]*)\s*\\in\b/g)) add(m[1]!, m.index);
  for (const m of code.matchAll(/:\s*([A-Za-z_][A-Za-z0-9_]*)\s*\\in\b[^}]*\}/g)) add(m[1]!, m.index);
  return found;
}

export function scanModule(source: string): ModuleScan {
  const { code, name } = blankOutsideModule(blankComments(source));
  return {
    name,
    code,
    definitions: definitions(code),
    localOperators: localOperators(code),
    variables: declared(code, /\bVARIABLES?\b/g),
    constants: declared(code, /\bCONSTANTS?\b/g),
    binders: binders(code),
  };
}
