import { describe, expect, it } from 'vitest';
import { PLAIN_RECORDS } from './records.ts';

describe('PLAIN_RECORDS', () => {
  it('names a source record node.subtask@offset', () => {
    expect(PLAIN_RECORDS.source('src.1', 4, 7, 9)).toEqual({ id: 'src.1@4', key: 7, value: 9 });
  });

  it('extends a derived record’s id with the whole suffix', () => {
    const parent = PLAIN_RECORDS.source('src.0', 0, 1, 1);
    expect(PLAIN_RECORDS.derived(parent, '>fm#2', 3, 5)).toEqual({ id: 'src.0@0>fm#2', key: 3, value: 5 });
  });

  it('names both parents of a joined record, left first', () => {
    const left = PLAIN_RECORDS.source('a.0', 1, 1, 1);
    const right = PLAIN_RECORDS.source('b.0', 2, 1, 1);
    expect(PLAIN_RECORDS.joined(left, right, '>j', 1, 32)).toEqual({ id: '(a.0@1*b.0@2)>j', key: 1, value: 32 });
  });
});
