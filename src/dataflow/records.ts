// How records get their identities. A source record is `node.subtask@offset`; a derived record
// extends its parent's id with the operator (`>op`, `>op#i` for flat-map outputs), a joined one
// names both parents: `(left*right)>op`. Operators create records only through a RecordFactory, so
// the reference evaluator can build id strings at once while the simulator records lineage and
// builds the strings only when someone reads them.
import type { DataRecord } from '../core/messages.ts';

export interface RecordFactory {
  source(taskLabel: string, offset: number, key: number, value: number): DataRecord;
  /** `suffix` is the whole extension, e.g. `>op3` or `>op3#1`. */
  derived(parent: DataRecord, suffix: string, key: number, value: number): DataRecord;
  joined(left: DataRecord, right: DataRecord, suffix: string, key: number, value: number): DataRecord;
}

/** Records with their id strings built immediately: plain JSON data. */
export const PLAIN_RECORDS: RecordFactory = {
  source: (taskLabel, offset, key, value) => ({ id: `${taskLabel}@${offset}`, key, value }),
  derived: (parent, suffix, key, value) => ({ id: parent.id + suffix, key, value }),
  joined: (left, right, suffix, key, value) => ({ id: `(${left.id}*${right.id})${suffix}`, key, value }),
};
