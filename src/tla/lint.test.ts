// The module scanner and the guards built on it: config names must exist, and constructs the
// embedded engine would mis-check silently are refused with a file and line.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCfg, type TlaCfg } from './cfg.ts';
import { checkConfigAgainstModule, lintForEmbeddedEngine } from './lint.ts';
import { blankComments, scanModule } from './scan.ts';

const MODULE = `---- MODULE Demo ----
EXTENDS Integers, Sequences
CONSTANTS N, Bug
VARIABLES x,
  q  \\* the queue
Pick(pickS) == CHOOSE pickX \\in pickS : TRUE
Init == x = 0 /\\ q = <<>>
Next == LET nextHelper(helperY) == helperY + 1 IN x' = nextHelper(x) /\\ UNCHANGED q
Spec == Init /\\ [][Next]_<<x, q>>
Inv == \\A invI \\in 1..N : x # invI
====
trailing text that is not TLA+: Foo == bar
`;

function cfgOf(text: string): TlaCfg {
  const result = parseCfg(text, 'Demo.cfg');
  if (!result.ok) throw new Error(result.message);
  return result.cfg;
}

describe('scanModule', () => {
  it('finds the module name, declarations, top-level and LET operators, and bound names', () => {
    const scan = scanModule(MODULE);
    expect(scan.name).toBe('Demo');
    expect(scan.constants).toEqual(['N', 'Bug']);
    expect(scan.variables).toEqual(['x', 'q']);
    expect(scan.definitions.map((d) => [d.name, d.line, d.params])).toEqual([
      ['Pick', 6, ['pickS']],
      ['Init', 7, []],
      ['Next', 8, []],
      ['Spec', 9, []],
      ['Inv', 10, []],
    ]);
    expect(scan.localOperators.map((d) => [d.name, d.params])).toEqual([['nextHelper', ['helperY']]]);
    expect(scan.binders.map((b) => b.name).sort()).toEqual(['invI', 'pickX']);
  });

  it('blanks nested block comments, line comments and strings but keeps lines and offsets', () => {
    const source = 'A == "(* not a comment *)" \\* note\n(* outer (* inner *) still *) B == 1';
    const blanked = blankComments(source);
    expect(blanked.length).toBe(source.length);
    expect(blanked.split('\n').length).toBe(2);
    expect(blanked).not.toContain('comment');
    expect(blanked).toContain('B == 1');
  });
});

describe('checkConfigAgainstModule', () => {
  it('accepts a config that names only what the module defines', () => {
    const cfg = cfgOf('SPECIFICATION Spec\nCONSTANTS N = 2 Bug = "none"\nINVARIANT Inv\n');
    expect(checkConfigAgainstModule(cfg, scanModule(MODULE), 'Demo.tla')).toEqual([]);
  });

  it('names every undefined or missing thing with the config line', () => {
    const cfg = cfgOf('SPECIFICATION Spek\nCONSTANTS N = 2 Extra = 1\nINVARIANTS Inv Nope\nPROPERTY Live\n');
    const messages = checkConfigAgainstModule(cfg, scanModule(MODULE), 'Demo.tla').map((f) => `${f.location.line}: ${f.message}`);
    expect(messages).toEqual([
      '1: SPECIFICATION Spek is not defined in Demo.tla',
      '3: INVARIANT Nope is not defined in Demo.tla',
      '4: PROPERTY Live is not defined in Demo.tla',
      '2: constant Extra is not declared in Demo.tla',
      '1: constant Bug of Demo.tla gets no value in this config',
    ]);
  });
});

describe('lintForEmbeddedEngine', () => {
  const cfg = cfgOf('SPECIFICATION Spec\nCONSTANTS N = 2 Bug = "none"\n');
  const lint = (source: string, config = cfg) => lintForEmbeddedEngine(source, 'Demo.tla', config).map((f) => `${f.location.line}: ${f.message}`);

  it('finds nothing in a module written in the common subset, nor in the project specs', () => {
    expect(lint(MODULE)).toEqual([]);
    for (const spec of ['Aligned', 'AtLeastOnce', 'Unaligned', 'ChandyLamport']) {
      const source = readFileSync(new URL(`../../spec/${spec}.tla`, import.meta.url), 'utf8');
      expect(lint(source), spec).toEqual([]);
    }
  });

  it('refuses a primed name that is not a declared variable', () => {
    expect(lint(MODULE.replace('UNCHANGED q', "z' = 1"))).toEqual(["8: z' primes no declared VARIABLE; the embedded engine would accept it silently"]);
  });

  it('refuses an operator parameter that shares its name with another binder', () => {
    const findings = lint(MODULE.replace('Pick(pickS) == CHOOSE pickX \\in pickS : TRUE', 'Pick(invI) == CHOOSE pickX \\in invI : TRUE'));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatch(/^6: parameter invI is also bound elsewhere/);
  });

  it('refuses a field access right after a built-in call, SelectSeq without LAMBDA, and Nat or Int', () => {
    const source = MODULE.replace('Spec ==', 'Bad1 == Head(q).kind\nBad2 == SelectSeq(q, Test)\nBad3 == x \\in Nat\nOk == Len(q)..3 \\cup {Head(q)}\nSpec ==');
    expect(lint(source)).toEqual([
      '9: a `.field` right after a built-in operator call makes the embedded engine drop this definition; bind the call with LET first',
      '10: SelectSeq needs a LAMBDA test in the embedded engine',
      '11: Nat is bounded to -100..100 in the embedded engine (x \\in Nat is FALSE above 100); use an explicit range',
    ]);
  });

  it('refuses config directives the engine ignores', () => {
    expect(lint(MODULE, cfgOf('SPECIFICATION Spec\nCONSTANTS N = 2 Bug = "none"\nVIEW x\n'))).toEqual(['3: VIEW is not supported by the embedded engine (it would be ignored); use TLC']);
  });
});
