// A parser for TLC model configuration files (.cfg): enough to know, with line numbers, what a
// config asks for (behavior spec, constants, invariants, properties, deadlock checking), so both
// engines get checked inputs and the embedded engine's "Invariant 2 violated" can be named.
import type { SourceLocation } from './types.ts';

export interface CfgName {
  readonly name: string;
  readonly line: number;
}

export interface TlaCfg {
  readonly file: string;
  readonly specification: CfgName | null;
  readonly init: CfgName | null;
  readonly next: CfgName | null;
  /** Constant name -> value as written (TLA+ text). */
  readonly constants: ReadonlyMap<string, { readonly value: string; readonly line: number }>;
  /** In the order written: the embedded engine reports a violated invariant by this index. */
  readonly invariants: readonly CfgName[];
  readonly properties: readonly CfgName[];
  readonly checkDeadlock: boolean;
  /** Directives the embedded engine ignores or mishandles (VIEW, ALIAS, `<-` substitutions, ...). */
  readonly unsupported: readonly { readonly directive: string; readonly line: number }[];
}

export type CfgParse = { readonly ok: true; readonly cfg: TlaCfg } | { readonly ok: false; readonly message: string; readonly location: SourceLocation };

const SECTIONS = new Set([
  'SPECIFICATION', 'INIT', 'NEXT', 'CONSTANT', 'CONSTANTS', 'INVARIANT', 'INVARIANTS', 'PROPERTY', 'PROPERTIES',
  'CHECK_DEADLOCK', 'VIEW', 'ALIAS', 'SYMMETRY', 'CONSTRAINT', 'CONSTRAINTS', 'ACTION_CONSTRAINT', 'ACTION_CONSTRAINTS', 'POSTCONDITION',
]);
const UNSUPPORTED_BY_EMBEDDED = new Set(['VIEW', 'ALIAS', 'SYMMETRY', 'POSTCONDITION', 'ACTION_CONSTRAINT', 'ACTION_CONSTRAINTS']);
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface Token {
  readonly text: string;
  readonly line: number;
}

/** Words and symbols, with comments (`\*` and `(* *)`) removed; a quoted string or `{...}` set is one token. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n') line++;
    if (/\s/.test(c)) { i++; continue; }
    if (text.startsWith('\\*', i)) { while (i < text.length && text[i] !== '\n') i++; continue; }
    if (text.startsWith('(*', i)) {
      const end = text.indexOf('*)', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      line += (text.slice(i, stop).match(/\n/g) ?? []).length;
      i = stop;
      continue;
    }
    const start = i;
    if (c === '"') i = skipString(text, i);
    else if (text.startsWith('<-', i)) i += 2;
    else if (c === '{' || c === '<') i = skipBalanced(text, i);
    else if (c === '=') i++;
    else while (i < text.length && !/[\s={"]/.test(text[i]!) && !text.startsWith('<-', i) && !text.startsWith('\\*', i)) i++;
    tokens.push({ text: text.slice(start, i), line });
    line += (text.slice(start, i).match(/\n/g) ?? []).length;
  }
  return tokens;
}

function skipString(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
  return Math.min(j + 1, text.length);
}

/** A `{ ... }` or `<< ... >>` value, nesting included. */
function skipBalanced(text: string, i: number): number {
  if (text[i] === '<' && text[i + 1] !== '<') return i + 1;
  let depth = 0;
  let j = i;
  while (j < text.length) {
    if (text[j] === '"') { j = skipString(text, j); continue; }
    if (text[j] === '{' || text.startsWith('<<', j)) depth++;
    if (text[j] === '}' || text.startsWith('>>', j)) depth--;
    j += text.startsWith('<<', j) || text.startsWith('>>', j) ? 2 : 1;
    if (depth === 0) return j;
  }
  return j;
}

interface Draft {
  specification: CfgName | null;
  init: CfgName | null;
  next: CfgName | null;
  constants: Map<string, { value: string; line: number }>;
  invariants: CfgName[];
  properties: CfgName[];
  checkDeadlock: boolean;
  unsupported: { directive: string; line: number }[];
}

export function parseCfg(text: string, file: string): CfgParse {
  const tokens = tokenize(text);
  const draft: Draft = { specification: null, init: null, next: null, constants: new Map(), invariants: [], properties: [], checkDeadlock: true, unsupported: [] };
  let section: Token | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (SECTIONS.has(token.text)) {
      section = token;
      if (UNSUPPORTED_BY_EMBEDDED.has(token.text)) draft.unsupported.push({ directive: token.text, line: token.line });
      continue;
    }
    if (section === null) return fail(file, token.line, `expected a section keyword (SPECIFICATION, CONSTANTS, INVARIANT, ...), found "${token.text}"`);
    const step = sectionEntry(section.text, tokens, i, draft, file);
    if (!step.ok) return step;
    i = step.next;
  }
  if (draft.specification === null && (draft.init === null || draft.next === null)) {
    return fail(file, 1, 'the config names no behavior spec: give SPECIFICATION, or INIT and NEXT');
  }
  return { ok: true, cfg: { file, ...draft } };
}

type Step = { ok: true; next: number } | { ok: false; message: string; location: SourceLocation };

function sectionEntry(section: string, tokens: Token[], i: number, draft: Draft, file: string): Step {
  const token = tokens[i]!;
  const name = (): CfgName => ({ name: token.text, line: token.line });
  switch (section) {
    case 'SPECIFICATION':
      return single(draft, 'specification', token, i, file);
    case 'INIT':
      return single(draft, 'init', token, i, file);
    case 'NEXT':
      return single(draft, 'next', token, i, file);
    case 'INVARIANT':
    case 'INVARIANTS':
      return identifier(token, file) ?? (draft.invariants.push(name()), { ok: true, next: i });
    case 'PROPERTY':
    case 'PROPERTIES':
      return identifier(token, file) ?? (draft.properties.push(name()), { ok: true, next: i });
    case 'CHECK_DEADLOCK':
      if (token.text !== 'TRUE' && token.text !== 'FALSE') return fail(file, token.line, `CHECK_DEADLOCK expects TRUE or FALSE, found "${token.text}"`);
      draft.checkDeadlock = token.text === 'TRUE';
      return { ok: true, next: i };
    case 'CONSTANT':
    case 'CONSTANTS':
      return constant(tokens, i, draft, file);
    default:
      return { ok: true, next: i }; // VIEW, SYMMETRY, CONSTRAINT, ...: recorded as unsupported where it matters
  }
}

function single(draft: Draft, key: 'specification' | 'init' | 'next', token: Token, i: number, file: string): Step {
  const bad = identifier(token, file);
  if (bad) return bad;
  if (draft[key] !== null) return fail(file, token.line, `${key.toUpperCase()} is given twice`);
  draft[key] = { name: token.text, line: token.line };
  return { ok: true, next: i };
}

function constant(tokens: Token[], i: number, draft: Draft, file: string): Step {
  const nameToken = tokens[i]!;
  const bad = identifier(nameToken, file);
  if (bad) return bad;
  const op = tokens[i + 1];
  if (op?.text === '<-') {
    draft.unsupported.push({ directive: `${nameToken.text} <- (a substitution)`, line: nameToken.line });
    return { ok: true, next: i + 2 };
  }
  if (op?.text !== '=' || tokens[i + 2] === undefined) return fail(file, nameToken.line, `constant ${nameToken.text} needs "= value"`);
  draft.constants.set(nameToken.text, { value: tokens[i + 2]!.text, line: nameToken.line });
  return { ok: true, next: i + 2 };
}

function identifier(token: Token, file: string): Step | null {
  return IDENT.test(token.text) ? null : fail(file, token.line, `expected a name, found "${token.text}"`);
}

function fail(file: string, line: number, message: string): { ok: false; message: string; location: SourceLocation } {
  return { ok: false, message, location: { file, line, column: null } };
}
