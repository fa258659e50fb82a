import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../core/history.ts';
import { canonicalJson } from './canonical.ts';
import { chainStep, CHAIN_ORIGIN, firstDifference, hashChain } from './hash-chain.ts';
import { fnv64Hex, fnv64Start, fnv64Update } from './hash.ts';

const record = { id: 'src0.0@0', key: 1, value: 2 };
const history: HistoryEvent[] = [
  { kind: 'triggered', tick: 0, checkpoint: 1 },
  { kind: 'sent', tick: 1, task: 0, channel: 0, record },
  { kind: 'processed', tick: 2, task: 1, channel: 0, record },
];

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined members, like JSON.stringify otherwise', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: null }], c: 'x' }, u: undefined })).toBe('{"a":{"c":"x","d":[1,{"y":null,"z":0}]},"b":1}');
  });

  it('does not depend on key order', () => {
    expect(canonicalJson({ kind: 'x', tick: 1 })).toBe(canonicalJson({ tick: 1, kind: 'x' }));
  });

  it('honours toJSON, as a file written with JSON.stringify would hold the object', () => {
    const state = { hidden: [1, 2], toJSON: () => [['src0.0@0', 3]] };
    expect(canonicalJson({ state })).toBe('{"state":[["src0.0@0",3]]}');
  });
});

describe('hashChain', () => {
  it('folds each step into the previous hash: h_i = fnv64(h_{i-1} + "\\n" + canonical JSON of event i)', () => {
    const chain = hashChain(history);
    const h = fnv64Start();
    fnv64Update(h, `${CHAIN_ORIGIN}\n${canonicalJson(history[0])}`);
    expect(chain[0]).toBe(fnv64Hex(h));
    expect(chain[2]).toBe(chainStep(chainStep(chain[0]!, history[1]!), history[2]!));
    expect(chain).toHaveLength(3);
  });

  it('changes from the first changed step on, and only from there', () => {
    const changed = [history[0]!, { ...history[1]!, tick: 9 } as HistoryEvent, history[2]!];
    const [a, b] = [hashChain(history), hashChain(changed)];
    expect(a[0]).toBe(b[0]);
    expect(a[1]).not.toBe(b[1]);
    expect(a[2]).not.toBe(b[2]);
  });
});

describe('firstDifference', () => {
  it('is null for equal chains, the first differing index otherwise, the shorter length for a prefix', () => {
    expect(firstDifference(['a', 'b'], ['a', 'b'])).toBeNull();
    expect(firstDifference(['a', 'b', 'c'], ['a', 'x', 'c'])).toBe(1);
    expect(firstDifference(['a', 'b'], ['a', 'b', 'c'])).toBe(2);
    expect(firstDifference(['a', 'b', 'c'], ['a'])).toBe(1);
    expect(firstDifference([], [])).toBeNull();
  });
});
