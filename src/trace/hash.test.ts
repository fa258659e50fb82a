import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../core/history.ts';
import { fnv64Hex, fnv64Start, fnv64Update, hashEvent, hashHistory } from './hash.ts';

/** FNV-1a 64 over UTF-16 code units in BigInt arithmetic: an independent check of the 16-bit limb maths. */
function fnv64Ref(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = BigInt.asUintN(64, h * 0x100000001b3n);
  }
  return h.toString(16).padStart(16, '0');
}

function fnv64(text: string): string {
  const h = fnv64Start();
  fnv64Update(h, text);
  return fnv64Hex(h);
}

const STRINGS = ['', 'a', 'foobar', '{"kind":"read","tick":3}', 'ünïcödé', '日本語のテキスト', 'emoji 🦀 pair', '\uffff\u0000\u8000', 'x'.repeat(1000)];

describe('fnv64', () => {
  it('matches the published FNV-1a 64 values for ASCII', () => {
    // ASCII code units equal UTF-8 bytes, so these are the standard test vectors.
    expect(fnv64('')).toBe('cbf29ce484222325');
    expect(fnv64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv64('foobar')).toBe('85944171f73967e8');
  });

  it.each(STRINGS)('matches the BigInt reference for %j', (text) => {
    expect(fnv64(text)).toBe(fnv64Ref(text));
  });

  it('hashes in pieces exactly as in one piece', () => {
    const h = fnv64Start();
    fnv64Update(h, '日本');
    fnv64Update(h, '語 and more');
    expect(fnv64Hex(h)).toBe(fnv64('日本語 and more'));
  });

  it('renders 16 hex digits, zero padded', () => {
    expect(fnv64Hex({ hi: 0x1, lo: 0xab })).toBe('00000001000000ab');
  });
});

const record = { id: 'src.0@0', key: 1, value: 2 };
const history = (value: number): HistoryEvent[] => [
  { kind: 'triggered', tick: 1, checkpoint: 1 },
  { kind: 'sent', tick: 2, task: 0, channel: 0, record: { ...record, value } },
  { kind: 'quiesced', tick: 9 },
];

describe('hashHistory', () => {
  it('hashes equal histories built separately to the same value', () => {
    expect(hashHistory(history(2))).toBe(hashHistory(history(2)));
  });

  it('changes when one event differs', () => {
    expect(hashHistory(history(3))).not.toBe(hashHistory(history(2)));
  });

  it('changes when events are reordered', () => {
    const [a, b, c] = history(2) as [HistoryEvent, HistoryEvent, HistoryEvent];
    expect(hashHistory([b, a, c])).not.toBe(hashHistory([a, b, c]));
  });

  it('is FNV-1a over each event’s JSON followed by a newline', () => {
    const events = history(2);
    expect(hashHistory(events)).toBe(fnv64Ref(events.map((e) => `${JSON.stringify(e)}\n`).join('')));
  });
});

describe('hashEvent', () => {
  it('is FNV-1a of the event’s JSON', () => {
    const event = history(2)[1]!;
    expect(hashEvent(event)).toBe(fnv64Ref(JSON.stringify(event)));
  });
});
