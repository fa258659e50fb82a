import { describe, expect, it } from 'vitest';
import type { DataRecord } from '../core/messages.ts';
import { type OperatorDefinition, VALUE_MODULUS, operatorFor } from './operators.ts';
import type { NodeSpec } from './topology.ts';

const rec = (id: string, key: number, value: number): DataRecord => ({ id, key, value });

function op(kind: NodeSpec['kind'], param?: number, id = 'op'): OperatorDefinition {
  return operatorFor(param === undefined ? { id, kind, parallelism: 1 } : { id, kind, parallelism: 1, param });
}

/** Applies `inputs` (from sender `s.0` unless given) to a fresh state; returns the state and the outputs. */
function run(operator: OperatorDefinition, inputs: readonly (DataRecord | [DataRecord, string])[]) {
  const state = operator.createState();
  const out: DataRecord[] = [];
  for (const input of inputs) {
    const [record, sender] = Array.isArray(input) ? input : [input, 's.0'];
    operator.apply(state, record, sender, 0, out);
  }
  return { state, out };
}

describe('count', () => {
  it('counts records per key and forwards each with the operator in its id', () => {
    const { state, out } = run(op('count', undefined, 'c'), [rec('x', 1, 50), rec('y', 2, 60), rec('z', 1, 70)]);
    expect(op('count').snapshot(state)).toEqual([
      [1, 2],
      [2, 1],
    ]);
    expect(out).toEqual([rec('x>c', 1, 50), rec('y>c', 2, 60), rec('z>c', 1, 70)]);
  });

  it('snapshots keys in numeric order, not string order', () => {
    const count = op('count');
    const { state } = run(count, [rec('a', 10, 0), rec('b', 2, 0), rec('c', -1, 0)]);
    expect((count.snapshot(state) as [number, number][]).map(([k]) => k)).toEqual([-1, 2, 10]);
  });
});

describe('sum', () => {
  it('adds values per key modulo VALUE_MODULUS', () => {
    const sum = op('sum');
    const { state } = run(sum, [rec('a', 1, VALUE_MODULUS - 1), rec('b', 1, 5), rec('c', 2, 3)]);
    expect(sum.snapshot(state)).toEqual([
      [1, 4],
      [2, 3],
    ]);
  });

  it('merges subtask snapshots by adding per key modulo VALUE_MODULUS, sorted by key', () => {
    const merged = op('sum').merge([
      [[3, 1]],
      [
        [1, 2],
        [3, VALUE_MODULUS - 1],
      ],
    ]);
    expect(merged).toEqual([
      [1, 2],
      [3, 0],
    ]);
  });
});

describe('keyed snapshots', () => {
  it.each(['count', 'sum'] as const)('%s: restore(snapshot) continues exactly where the live state was', (kind) => {
    const operator = op(kind);
    const live = run(operator, [rec('a', 1, 4), rec('b', 2, 5)]).state;
    const restored = operator.restore(JSON.parse(JSON.stringify(operator.snapshot(live))));
    operator.apply(live, rec('c', 1, 6), 's.0', 0, []);
    operator.apply(restored, rec('c', 1, 6), 's.0', 0, []);
    expect(operator.snapshot(restored)).toEqual(operator.snapshot(live));
  });

  it.each(['count', 'sum', 'digest'] as const)('%s: a snapshot does not change when the live state does', (kind) => {
    const operator = op(kind);
    const { state } = run(operator, [rec('a', 1, 4)]);
    const snapshot = operator.snapshot(state);
    const frozen = JSON.stringify(snapshot);
    operator.apply(state, rec('b', 1, 9), 's.0', 0, []);
    operator.apply(state, rec('c', 7, 9), 's.0', 0, []);
    expect(JSON.stringify(snapshot)).toBe(frozen);
  });

  it.each(['count', 'sum', 'digest'] as const)('%s: the restored state does not write through to its snapshot', (kind) => {
    const operator = op(kind);
    const snapshot = operator.snapshot(run(operator, [rec('a', 1, 4)]).state);
    const frozen = JSON.stringify(snapshot);
    operator.apply(operator.restore(snapshot), rec('b', 1, 9), 's.0', 0, []);
    expect(JSON.stringify(snapshot)).toBe(frozen);
  });
});

describe('digest', () => {
  const digest = op('digest', undefined, 'd');
  const a = rec('a', 1, 10);
  const b = rec('b', 1, 20);

  it('starts each (key, sender) slot from 17 and folds value + 1 with factor 31', () => {
    const { state, out } = run(digest, [a]);
    expect(digest.snapshot(state)).toEqual([['1|s.0', 17 * 31 + 10 + 1]]);
    expect(out).toEqual([rec('a>d', 1, 10)]);
  });

  it('depends on the order within one sender', () => {
    expect(digest.snapshot(run(digest, [a, b]).state)).not.toEqual(digest.snapshot(run(digest, [b, a]).state));
  });

  it('does not depend on how two senders interleave', () => {
    const one = run(digest, [[a, 'x.0'], [b, 'x.1']]).state;
    const other = run(digest, [[b, 'x.1'], [a, 'x.0']]).state;
    expect(digest.snapshot(one)).toEqual(digest.snapshot(other));
    expect(digest.snapshot(one)).toHaveLength(2);
  });

  it('round-trips through restore and merges subtask slots sorted by slot name', () => {
    const left = digest.snapshot(run(digest, [[rec('p', 2, 1), 'x.1']]).state);
    const right = digest.snapshot(run(digest, [[rec('q', 1, 1), 'x.0']]).state);
    expect(digest.snapshot(digest.restore(left))).toEqual(left);
    const merged = digest.merge([left, right]) as [string, number][];
    expect(merged.map(([slot]) => slot)).toEqual(['1|x.0', '2|x.1']);
  });
});

describe('stateless operators', () => {
  it('filter keeps values not divisible by its param', () => {
    expect(run(op('filter', 3, 'f'), [rec('a', 1, 9), rec('b', 1, 10), rec('c', 1, 0)]).out).toEqual([rec('b>f', 1, 10)]);
  });

  it('map multiplies by its param and adds one, modulo VALUE_MODULUS', () => {
    const { out } = run(op('map', 3, 'm'), [rec('a', 4, 5), rec('b', 4, VALUE_MODULUS - 1)]);
    expect(out).toEqual([rec('a>m', 4, 16), rec('b>m', 4, (3 * (VALUE_MODULUS - 1) + 1) % VALUE_MODULUS)]);
  });

  it('flatMap emits param copies with ids >op#i and values value + i', () => {
    const { out } = run(op('flatMap', 3, 'fm'), [rec('a', 2, VALUE_MODULUS - 1)]);
    expect(out).toEqual([rec('a>fm#0', 2, VALUE_MODULUS - 1), rec('a>fm#1', 2, 0), rec('a>fm#2', 2, 1)]);
  });

  it('union forwards each record with its id extended', () => {
    expect(run(op('union', undefined, 'u'), [rec('a', 1, 2)]).out).toEqual([rec('a>u', 1, 2)]);
  });

  it('a source passes records through unchanged', () => {
    const record = rec('s.0@3', 1, 2);
    expect(run(op('source'), [record]).out[0]).toBe(record);
  });

  it.each(['filter', 'map', 'flatMap', 'union', 'source'] as const)('%s holds no state', (kind) => {
    const operator = op(kind, 2);
    expect(operator.snapshot(run(operator, [rec('a', 1, 1)]).state)).toBeNull();
    expect(operator.merge([null, null])).toBeNull();
    expect(operator.restore(null)).toBeNull();
  });
});
