// The small parts of mutation testing: changed lines from a diff, equivalence markers, scores,
// and the operators on a snippet in this codebase's style.
import { describe, expect, it } from 'vitest';
import { createProject, generateMutants } from './generate.ts';
import { equivalenceReason } from './generate.ts';
import { scoreOf } from './score.ts';
import { diffLines } from './since.ts';

describe('diffLines', () => {
  it('reads new-side ranges of a zero-context diff, and marks the gap of a deletion', () => {
    const diff = '@@ -3,0 +4,2 @@\n+a\n+b\n@@ -10 +12 @@\n-x\n+y\n@@ -20,2 +21,0 @@\n-c\n-d\n';
    expect([...diffLines(diff)].sort((a, b) => a - b)).toEqual([4, 5, 12, 21, 22]);
  });
});

describe('equivalence markers', () => {
  it('needs a reason, and may name the operators it covers', () => {
    expect(equivalenceReason('x < y; // mutation-equivalent: y is never 0 here', 'shift-boundary', 'x < y: < becomes <=')).toBe('y is never 0 here');
    expect(equivalenceReason('x < y; // mutation-equivalent(off-by-one): ids are dense', 'shift-boundary', 'x < y: < becomes <=')).toBeNull();
    expect(equivalenceReason('x < y; // mutation-equivalent(off-by-one, shift-boundary): ids are dense', 'shift-boundary', 'x < y: < becomes <=')).toBe('ids are dense');
    expect(equivalenceReason('x < y; // mutation-equivalent:', 'shift-boundary', 'x < y: < becomes <=')).toBeNull();
    // A swap starts on its first statement: a marker on the second does not excuse it.
    expect(equivalenceReason('a();\nb(); // mutation-equivalent(swap-adjacent): b and c commute', 'swap-adjacent', 'swap statements a(); and b();')).toBeNull();
    expect(equivalenceReason('a(); // mutation-equivalent(swap-adjacent): a and b commute\nb();', 'swap-adjacent', 'swap statements a(); and b();')).toBe('a and b commute');
  });

  it('may name the expression an operator replaces, covering only the mutants of that expression', () => {
    const line = 'if (id <= checkpoint) drop(id); // mutation-equivalent(off-by-one:id, shift-boundary): id never equals checkpoint';
    expect(equivalenceReason(line, 'off-by-one', 'id becomes id + 1')).toBe('id never equals checkpoint');
    expect(equivalenceReason(line, 'off-by-one', 'checkpoint becomes checkpoint + 1')).toBeNull();
    expect(equivalenceReason(line, 'shift-boundary', 'id <= checkpoint: <= becomes <')).toBe('id never equals checkpoint');
    const dotted = 'if (event.checkpoint > last) f(); // mutation-equivalent(off-by-one:event.checkpoint): f is idempotent';
    expect(equivalenceReason(dotted, 'off-by-one', 'event.checkpoint becomes event.checkpoint + 1')).toBe('f is idempotent');
    expect(equivalenceReason(dotted, 'off-by-one', 'last becomes last + 1')).toBeNull();
    expect(equivalenceReason(line, 'off-by-one', 'identity becomes identity + 1')).toBeNull();
    const swap = 'return [...a(), ...b()]; // mutation-equivalent(swap-adjacent:...a): a and b commute';
    expect(equivalenceReason(swap, 'swap-adjacent', 'swap effects ...a() and ...b()')).toBe('a and b commute');
    expect(equivalenceReason(swap, 'swap-adjacent', 'swap statements if (x) return; and return [...a(), ...b()];')).toBeNull();
  });
});

describe('scores', () => {
  it('count timed-out as detected and leave out what did not compile or is equivalent', () => {
    const score = scoreOf(['killed', 'killed', 'timed-out', 'survived', 'did-not-compile', 'equivalent']);
    expect(score).toMatchObject({ total: 6, killed: 2, timedOut: 1, survived: 1, didNotCompile: 1, equivalent: 1, percent: 75 });
    expect(scoreOf([]).percent).toBeNull();
  });
});

describe('operators', () => {
  it('mutate effect literals, boundaries, guarantees and flags, each distinct text once', () => {
    const project = createProject(undefined);
    const file = project.createSourceFile(
      '/virtual/s.ts',
      `type Effect = { kind: 'unblock'; channel: number } | { kind: 'snapshot'; checkpoint: number };
export function step(channel: number, arrived: number, inputs: number): Effect[] {
  if (arrived < inputs) return [];
  return [{ kind: 'snapshot', checkpoint: 1 }, { kind: 'unblock', channel }];
}
export const s = { guarantee: 'at-least-once', supportsCycles: false };
`,
    );
    const mutants = generateMutants(project, [file.getFilePath()], { root: '/virtual' });
    const operators = new Set(mutants.map((m) => m.operator));
    for (const op of ['remove-effect', 'swap-adjacent', 'negate-condition', 'shift-boundary', 'off-by-one', 'empty-collection', 'return-early', 'flip-boolean', 'relabel-guarantee']) expect(operators).toContain(op);
    expect(mutants.find((m) => m.description === 'remove effect unblock')?.after).toBe("  return [{ kind: 'snapshot', checkpoint: 1 }];");
    expect(new Set(mutants.map((m) => m.id)).size).toBe(mutants.length);
  });

  it('removes the body of an if as an empty statement, never making the next statement its body', () => {
    const project = createProject(undefined);
    const file = project.createSourceFile('/virtual/body.ts', `export function f(ids: Set<number>, n: number, log: number[]): void {
  for (const id of ids) if (id <= n) ids.delete(id);
  log.push(n);
}
`);
    const mutants = generateMutants(project, [file.getFilePath()], { root: '/virtual' });
    const removed = mutants.find((m) => m.description === 'remove statement ids.delete(id);');
    expect(removed?.after).toBe('  for (const id of ids) if (id <= n) ;');
  });
});

