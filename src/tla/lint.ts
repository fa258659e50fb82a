// Guards run before any engine: a config must name things the module defines, and, for the
// embedded engine, the module must stay inside the subset it handles correctly. Each finding is a
// parse error with a file and line, because the embedded engine would otherwise mis-check the spec
// silently (see README.md beside this file for the hazards and how each one was found).
import type { TlaCfg } from './cfg.ts';
import { lineOf, scanModule, type ModuleScan } from './scan.ts';
import type { SourceLocation } from './types.ts';

export interface Finding {
  readonly message: string;
  readonly location: SourceLocation;
}

/** Built-in operators after whose call the embedded engine drops a `.field` access, and the definition with it. */
const BUILT_INS = ['Head', 'Tail', 'Append', 'SubSeq', 'Len', 'SelectSeq', 'Cardinality', 'Seq', 'Max', 'Min', 'ToString'];

/** Both engines: every name the config uses must exist in the module, and every constant must get a value. */
export function checkConfigAgainstModule(cfg: TlaCfg, scan: ModuleScan, moduleFile: string): Finding[] {
  const defined = new Set(scan.definitions.map((d) => d.name));
  const findings: Finding[] = [];
  const at = (line: number): SourceLocation => ({ file: cfg.file, line, column: null });
  const named: [string, { name: string; line: number } | null][] = [
    ['SPECIFICATION', cfg.specification],
    ['INIT', cfg.init],
    ['NEXT', cfg.next],
  ];
  for (const [kind, entry] of named) {
    if (entry && !defined.has(entry.name)) findings.push({ message: `${kind} ${entry.name} is not defined in ${moduleFile}`, location: at(entry.line) });
  }
  for (const inv of cfg.invariants) {
    if (!defined.has(inv.name)) findings.push({ message: `INVARIANT ${inv.name} is not defined in ${moduleFile}`, location: at(inv.line) });
  }
  for (const prop of cfg.properties) {
    if (!defined.has(prop.name)) findings.push({ message: `PROPERTY ${prop.name} is not defined in ${moduleFile}`, location: at(prop.line) });
  }
  for (const [name, { line }] of cfg.constants) {
    if (!scan.constants.includes(name)) findings.push({ message: `constant ${name} is not declared in ${moduleFile}`, location: at(line) });
  }
  for (const name of scan.constants) {
    if (!cfg.constants.has(name)) findings.push({ message: `constant ${name} of ${moduleFile} gets no value in this config`, location: at(1) });
  }
  return findings;
}

/** The embedded engine only: constructs it accepts without complaint but evaluates wrongly. */
export function lintForEmbeddedEngine(source: string, moduleFile: string, cfg: TlaCfg): Finding[] {
  const scan = scanModule(source);
  const at = (line: number): SourceLocation => ({ file: moduleFile, line, column: null });
  const findings: Finding[] = [];
  for (const u of cfg.unsupported) {
    findings.push({ message: `${u.directive} is not supported by the embedded engine (it would be ignored); use TLC`, location: { file: cfg.file, line: u.line, column: null } });
  }
  findings.push(...undeclaredPrimes(scan).map(({ name, line }) => ({ message: `${name}' primes no declared VARIABLE; the embedded engine would accept it silently`, location: at(line) })));
  findings.push(...reusedParameters(scan).map(({ name, line }) => ({
    message: `parameter ${name} is also bound elsewhere in the module; the embedded engine's fairness check scopes names dynamically, so give it a module-unique name`,
    location: at(line),
  })));
  findings.push(...fieldAfterBuiltIn(scan.code).map((line) => ({ message: 'a `.field` right after a built-in operator call makes the embedded engine drop this definition; bind the call with LET first', location: at(line) })));
  for (const m of scan.code.matchAll(/\bSelectSeq\s*\(/g)) {
    if (!/LAMBDA/.test(callArguments(scan.code, m.index + m[0].length - 1))) {
      findings.push({ message: 'SelectSeq needs a LAMBDA test in the embedded engine', location: at(lineOf(scan.code, m.index)) });
    }
  }
  for (const m of scan.code.matchAll(/\b(Nat|Int)\b/g)) {
    findings.push({ message: `${m[1]} is bounded to -100..100 in the embedded engine (x \\in ${m[1]} is FALSE above 100); use an explicit range`, location: at(lineOf(scan.code, m.index)) });
  }
  return findings;
}

function undeclaredPrimes(scan: ModuleScan): { name: string; line: number }[] {
  const allowed = new Set([...scan.variables, ...scan.definitions.filter((d) => d.params.length === 0).map((d) => d.name)]);
  const found: { name: string; line: number }[] = [];
  for (const m of scan.code.matchAll(/\b([A-Za-z_][A-Za-z0-9_]*)'/g)) {
    if (!allowed.has(m[1]!)) found.push({ name: m[1]!, line: lineOf(scan.code, m.index) });
  }
  return found;
}

/** A parameter name used by another operator's parameters or by any bound variable. */
function reusedParameters(scan: ModuleScan): { name: string; line: number }[] {
  const operators = [...scan.definitions, ...scan.localOperators];
  const uses = new Map<string, number>();
  const count = (name: string): void => void uses.set(name, (uses.get(name) ?? 0) + 1);
  for (const op of operators) op.params.forEach(count);
  for (const b of scan.binders) count(b.name);
  const found: { name: string; line: number }[] = [];
  for (const op of operators) for (const p of op.params) if ((uses.get(p) ?? 0) > 1) found.push({ name: p, line: op.line });
  return found;
}

function fieldAfterBuiltIn(code: string): number[] {
  const lines: number[] = [];
  for (const m of code.matchAll(new RegExp(`\\b(?:${BUILT_INS.join('|')})\\s*\\(`, 'g'))) {
    const open = m.index + m[0].length - 1;
    const close = matchingParen(code, open);
    if (close >= 0 && /^\s*\.[A-Za-z_]/.test(code.slice(close + 1))) lines.push(lineOf(code, m.index));
  }
  return lines;
}

function matchingParen(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    if (code[i] === '(') depth++;
    else if (code[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

function callArguments(code: string, open: number): string {
  const close = matchingParen(code, open);
  return code.slice(open + 1, close < 0 ? code.length : close);
}
