// Stable hashing of Histories: FNV-1a (64-bit, as two 32-bit halves) over the canonical JSON of
// each event. Events are plain data with a fixed key order, so equal runs hash equally anywhere.
import type { History, HistoryEvent } from '../core/history.ts';

const OFFSET_HI = 0xcbf29ce4;
const OFFSET_LO = 0x84222325;

export interface Fnv64 {
  hi: number;
  lo: number;
}

export function fnv64Start(): Fnv64 {
  return { hi: OFFSET_HI, lo: OFFSET_LO };
}

/** Fold a string's UTF-16 code units into the hash (prime 0x100000001b3, via 16-bit limbs). */
export function fnv64Update(h: Fnv64, text: string): void {
  let hi = h.hi;
  let lo = h.lo;
  for (let i = 0; i < text.length; i++) {
    lo ^= text.charCodeAt(i);
    // (hi:lo) * 0x100000001b3 = (hi:lo) * 0x1b3 + (lo << 40)
    const loLow = (lo & 0xffff) * 0x1b3;
    const loHigh = (lo >>> 16) * 0x1b3;
    const newLo = (loLow + ((loHigh & 0xffff) << 16)) >>> 0;
    const carry = Math.floor((loLow + (loHigh & 0xffff) * 0x10000) / 0x1_0000_0000) + (loHigh >>> 16);
    hi = (Math.imul(hi, 0x1b3) + carry + ((lo << 8) >>> 0)) >>> 0;
    lo = newLo;
  }
  h.hi = hi;
  h.lo = lo;
}

export function fnv64Hex(h: Fnv64): string {
  return h.hi.toString(16).padStart(8, '0') + h.lo.toString(16).padStart(8, '0');
}

export function hashEvent(event: HistoryEvent): string {
  const h = fnv64Start();
  fnv64Update(h, JSON.stringify(event));
  return fnv64Hex(h);
}

/** One hash for a whole History; equal iff (with overwhelming probability) the event lists are equal. */
export function hashHistory(history: History): string {
  const h = fnv64Start();
  for (const event of history) {
    fnv64Update(h, JSON.stringify(event));
    fnv64Update(h, '\n');
  }
  return fnv64Hex(h);
}
