// Reading SANY and TLC output, on transcripts in the formats tla2tools.jar prints (this machine has
// no TLC; the GitHub workflow runs the real one on every config).
import { describe, expect, it } from 'vitest';
import { parseCfg, type TlaCfg } from './cfg.ts';
import { parseSanyOutput, parseTlcJsonTrace, parseTlcOutput, parseTlcTextTrace, renderJsonValue } from './tlc-output.ts';

function cfgOf(text: string): TlaCfg {
  const result = parseCfg(text, 'M.cfg');
  if (!result.ok) throw new Error(result.message);
  return result.cfg;
}

const CFG = cfgOf('SPECIFICATION Spec\nINVARIANTS TypeOK NoLoss\nPROPERTY Live\n');

const SUCCESS = `TLC2 Version 2.19 of 08 August 2024 (rev: 5a47802)
Running breadth-first search Model-Checking with fp 41 and seed -1 with 2 workers on 2 cores with 1820MB heap.
Starting... (2024-09-01 10:00:00)
Progress(12) at 2024-09-01 10:00:03: 45,012 states generated (45,012 s/min), 19,581 distinct states found (19,581 ds/min), 0 states left on queue.
Model checking completed. No error has been found.
45012 states generated, 19581 distinct states found, 0 states left on queue.
The depth of the complete state graph search is 35.
Finished in 03s at (2024-09-01 10:00:03)`;

const INVARIANT = `Error: Invariant NoLoss is violated.
Error: The behavior up to this point is:
State 1: <Initial predicate>
/\\ status = <<"idle">>
/\\ chan = [ac |-> <<>>]

State 2: <Trigger line 70, col 3 to line 74, col 17 of module Aligned>
/\\ status = <<"pending">>
/\\ chan = [ ac |->
      <<>> ]

1200 states generated, 459 distinct states found, 120 states left on queue.`;

const LIVENESS = `Error: Temporal properties were violated.

Error: The following behavior constitutes a counter-example:

State 1: <Initial predicate>
x = 0

State 2: <Inc line 5, col 1 to line 5, col 20 of module M>
x = 1

State 3: Stuttering
Finished checking temporal properties in 00s
30 states generated, 12 distinct states found, 0 states left on queue.`;

describe('parseTlcOutput', () => {
  it('reads ok and the final distinct-state count (not a progress line)', () => {
    expect(parseTlcOutput(SUCCESS, 0, CFG)).toEqual({ verdict: { kind: 'ok' }, distinctStates: 19581 });
  });

  it('reads a violated invariant by name, liveness, and deadlock', () => {
    expect(parseTlcOutput(INVARIANT, 12, CFG)).toEqual({ verdict: { kind: 'invariant-violated', invariant: 'NoLoss' }, distinctStates: 459 });
    expect(parseTlcOutput(LIVENESS, 13, CFG)).toEqual({ verdict: { kind: 'liveness-violated', property: 'Live' }, distinctStates: 12 });
    expect(parseTlcOutput('Error: Deadlock reached.\n5 states generated, 4 distinct states found, 0 states left on queue.', 11, CFG).verdict).toEqual({ kind: 'deadlock' });
  });

  it('names no property when the config has several, and reports parse and other errors', () => {
    const two = cfgOf('SPECIFICATION Spec\nPROPERTIES A B\n');
    expect(parseTlcOutput('Error: Temporal properties were violated.', 13, two).verdict).toEqual({ kind: 'liveness-violated', property: null });
    expect(parseTlcOutput('Error: The invariant Nope specified in the configuration file\nis not defined in the specification.', 151, CFG).verdict).toEqual({
      kind: 'parse-error',
      message: 'The invariant Nope specified in the configuration file is not defined in the specification.',
      location: null,
    });
    const crash = parseTlcOutput('Error: TLC threw an unexpected exception.\njava.lang.NullPointerException', 255, CFG).verdict;
    expect(crash).toEqual({ kind: 'error', reason: 'engine', message: 'TLC exited with 255: TLC threw an unexpected exception. java.lang.NullPointerException' });
    expect(parseTlcOutput('Error: The error occurred when TLC was evaluating', 75, CFG).verdict).toMatchObject({ kind: 'error', reason: 'evaluation' });
  });
});

describe('parseSanyOutput', () => {
  it('accepts a clean parse, warnings included (the exit code is the error level)', () => {
    expect(parseSanyOutput('Parsing file /tmp/M.tla\nSemantic processing of module M\n', 0, 'spec/M.tla', 'M')).toEqual({ ok: true });
    const warningsOnly = "Semantic errors:\n\n*** Warnings: 1\n\nline 3, col 1 to line 3, col 5 of module M\n\nMultiply-defined symbol 'x'";
    expect(parseSanyOutput(warningsOnly, 0, 'spec/M.tla', 'M')).toEqual({ ok: true });
  });

  it('locates a parse error in the module', () => {
    const output = '***Parse Error***\nEncountered "Beginning of definition" at line 12, column 1 and token "Foo"\n\nResidual stack trace follows:\n';
    expect(parseSanyOutput(output, 255, 'spec/M.tla', 'M')).toEqual({
      ok: false,
      message: 'Encountered "Beginning of definition" at line 12, column 1 and token "Foo"',
      location: { file: 'spec/M.tla', line: 12, column: 1 },
    });
  });

  it('locates a semantic error, and names another module without pretending it is ours', () => {
    const ours = "Semantic errors:\n\n*** Errors: 1\n\nline 30, col 18 to line 30, col 21 of module M\n\nUnknown operator: `Zork'.\n";
    expect(parseSanyOutput(ours, 4, 'spec/M.tla', 'M')).toEqual({ ok: false, message: "Unknown operator: `Zork'.", location: { file: 'spec/M.tla', line: 30, column: 18 } });
    const theirs = ours.replace('of module M', 'of module Other');
    expect(parseSanyOutput(theirs, 4, 'spec/M.tla', 'M')).toEqual({ ok: false, message: "Unknown operator: `Zork'. (in module Other)", location: null });
  });
});

describe('counterexamples', () => {
  it('reads the -dumpTrace json file: states in order, action names, no loop for safety', () => {
    const json = {
      action: [
        [[1, { x: 0, q: [] }], { name: 'Inc', location: { beginLine: 5 } }, [2, { x: 1, q: ['a'] }]],
        [[2, { x: 1, q: ['a'] }], { name: 'Inc', location: { beginLine: 5 } }, [3, { x: 2, q: ['a', 'b'] }]],
      ],
      state: [[2, { x: 1, q: ['a'] }], [1, { x: 0, q: [] }], [3, { x: 2, q: ['a', 'b'] }]],
    };
    expect(parseTlcJsonTrace(json, false)).toEqual({
      steps: [
        { action: null, state: { x: '0', q: '<<>>' } },
        { action: 'Inc', state: { x: '1', q: '<<"a">>' } },
        { action: 'Inc', state: { x: '2', q: '<<"a", "b">>' } },
      ],
      loop: null,
    });
  });

  it('reads a liveness lasso from the json file: back to a state, or stuttering', () => {
    const edge = (from: number, to: number) => [[from, { x: from }], { name: 'Step' }, [to, { x: to }]];
    const states = [[1, { x: 1 }], [2, { x: 2 }], [3, { x: 3 }]];
    expect(parseTlcJsonTrace({ state: states, action: [edge(1, 2), edge(2, 3), edge(3, 2)] }, true)?.loop).toEqual({ kind: 'back-to', step: 1 });
    expect(parseTlcJsonTrace({ state: states, action: [edge(1, 2), edge(2, 3)] }, true)?.loop).toEqual({ kind: 'stuttering' });
    expect(parseTlcJsonTrace({ nonsense: true }, true)).toBeNull();
  });

  it('renders TLC JSON values as TLA+ text', () => {
    expect(renderJsonValue({ a: [1, true], b: 'x', c: { d: false } })).toBe('[a |-> <<1, TRUE>>, b |-> "x", c |-> [d |-> FALSE]]');
  });

  it('reads the printed trace when there is no json file, joining wrapped values', () => {
    expect(parseTlcTextTrace(INVARIANT)).toEqual({
      steps: [
        { action: null, state: { status: '<<"idle">>', chan: '[ac |-> <<>>]' } },
        { action: 'Trigger', state: { status: '<<"pending">>', chan: '[ ac |-> <<>> ]' } },
      ],
      loop: null,
    });
    expect(parseTlcTextTrace(LIVENESS)).toEqual({
      steps: [
        { action: null, state: { x: '0' } },
        { action: 'Inc', state: { x: '1' } },
      ],
      loop: { kind: 'stuttering' },
    });
    expect(parseTlcTextTrace('State 1: <Initial predicate>\nx = 0\n\nState 2: <A line 1>\nx = 1\n\nBack to state 1: <A line 1>\n')?.loop).toEqual({ kind: 'back-to', step: 0 });
    expect(parseTlcTextTrace('no trace here')).toBeNull();
  });
});
