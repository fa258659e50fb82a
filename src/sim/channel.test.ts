import { describe, expect, it } from 'vitest';
import { Barrier, type DataRecord } from '../core/messages.ts';
import { ChannelRuntime } from './channel.ts';

const record = (id: string): DataRecord => ({ id, key: 0, value: 0 });

function drain(channel: ChannelRuntime): string[] {
  const seen: string[] = [];
  while (channel.length > 0) {
    const message = channel.dequeue();
    seen.push(message instanceof Barrier ? `|${message.checkpoint}|` : (message as DataRecord).id);
  }
  return seen;
}

describe('ChannelRuntime priority barriers', () => {
  it('overtake queued data but never an earlier priority barrier', () => {
    const channel = new ChannelRuntime(0, 0, 1, 8);
    channel.enqueue(record('r1'), 1, channel.nextPosition());
    channel.enqueue(record('r2'), 1, channel.nextPosition());
    channel.pushPriority(new Barrier(1, 0, true), 9);
    channel.enqueue(record('r3'), 1, channel.nextPosition());
    channel.pushPriority(new Barrier(2, 0, true), 3);
    expect(drain(channel)).toEqual(['|1|', '|2|', 'r1', 'r2', 'r3']);
  });

  it('make a later priority barrier visible no earlier than the one before it', () => {
    const channel = new ChannelRuntime(0, 0, 1, 8);
    expect(channel.pushPriority(new Barrier(1, 0, true), 9)).toBe(9);
    expect(channel.pushPriority(new Barrier(2, 0, true), 3)).toBe(9);
    expect(channel.pushPriority(new Barrier(3, 0, true), 12)).toBe(12);
  });

  it('keep their order when the ring buffer wraps and grows', () => {
    const channel = new ChannelRuntime(0, 0, 1, 64);
    for (let i = 0; i < 6; i++) channel.enqueue(record(`a${i}`), 1, channel.nextPosition());
    for (let i = 0; i < 5; i++) channel.dequeue();
    for (let n = 1; n <= 10; n++) channel.pushPriority(new Barrier(n, 0, true), 1);
    expect(drain(channel)).toEqual([...Array.from({ length: 10 }, (_, i) => `|${i + 1}|`), 'a5']);
  });
});
