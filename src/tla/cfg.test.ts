// The TLC config parser: what a config asks for, with lines, and clear errors for malformed ones.
import { describe, expect, it } from 'vitest';
import { parseCfg, type TlaCfg } from './cfg.ts';

function parsed(text: string): TlaCfg {
  const result = parseCfg(text, 'm.cfg');
  if (!result.ok) throw new Error(result.message);
  return result.cfg;
}

describe('parseCfg', () => {
  it('reads the behavior spec, constants, invariants in order, properties and comments', () => {
    const cfg = parsed(['\\* a comment', '(* a block', '   comment *)', 'SPECIFICATION Spec', 'CONSTANTS', '  N = 3', '  Bug = "none"  \\* why', '  Procs = {"p", "q"}', 'INVARIANTS TypeOK', '  Safe', 'INVARIANT Third', 'PROPERTY Live', 'CHECK_DEADLOCK FALSE'].join('\n'));
    expect(cfg.specification).toEqual({ name: 'Spec', line: 4 });
    expect([...cfg.constants]).toEqual([
      ['N', { value: '3', line: 6 }],
      ['Bug', { value: '"none"', line: 7 }],
      ['Procs', { value: '{"p", "q"}', line: 8 }],
    ]);
    expect(cfg.invariants).toEqual([{ name: 'TypeOK', line: 9 }, { name: 'Safe', line: 10 }, { name: 'Third', line: 11 }]);
    expect(cfg.properties).toEqual([{ name: 'Live', line: 12 }]);
    expect(cfg.checkDeadlock).toBe(false);
    expect(cfg.unsupported).toEqual([]);
  });

  it('accepts INIT and NEXT, constants on one line, and defaults to checking deadlock', () => {
    const cfg = parsed('INIT Init NEXT Next CONSTANT N=2 M = 3');
    expect([cfg.init?.name, cfg.next?.name, cfg.specification]).toEqual(['Init', 'Next', null]);
    expect(cfg.constants.get('M')?.value).toBe('3');
    expect(cfg.checkDeadlock).toBe(true);
  });

  it('records what the embedded engine would ignore: VIEW, ALIAS, SYMMETRY, substitutions', () => {
    const cfg = parsed('SPECIFICATION Spec\nVIEW v\nALIAS a\nSYMMETRY s\nCONSTANT X <- Y\n');
    expect(cfg.unsupported.map((u) => [u.directive, u.line])).toEqual([['VIEW', 2], ['ALIAS', 3], ['SYMMETRY', 4], ['X <- (a substitution)', 5]]);
  });

  it.each([
    ['Spec', /expected a section keyword/, 1],
    ['SPECIFICATION Spec\nSPECIFICATION Other', /SPECIFICATION is given twice/, 2],
    ['SPECIFICATION Spec\nCONSTANT N', /constant N needs "= value"/, 2],
    ['SPECIFICATION Spec\nCHECK_DEADLOCK maybe', /CHECK_DEADLOCK expects TRUE or FALSE/, 2],
    ['SPECIFICATION Spec\nINVARIANT {x}', /expected a name/, 2],
    ['INVARIANT Inv', /names no behavior spec/, 1],
  ])('rejects %j naming the line', (text, message, line) => {
    const result = parseCfg(text, 'm.cfg');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(message);
    expect(result.location).toEqual({ file: 'm.cfg', line, column: null });
  });
});
