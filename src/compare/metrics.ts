// The comparison's metrics: their names (Flink's, where Flink has a counterpart), units and one-line
// definitions. The table, CSV, JSON and HTML outputs and the README all follow this list.

export const CHECKPOINT_METRICS = ['end_to_end_duration', 'alignment_duration', 'start_delay', 'checkpointed_size', 'persisted_data', 'processed_data'] as const;

export const RUN_METRICS = [
  'throughput',
  'throughput_vs_no_checkpoints',
  'records_replayed',
  'recovery_duration',
  'duplicates',
  'violations',
  'checkpoints_completed',
  'checkpoints_aborted',
] as const;

export type CheckpointMetricName = (typeof CHECKPOINT_METRICS)[number];
export type RunMetricName = (typeof RUN_METRICS)[number];
export type MetricName = CheckpointMetricName | RunMetricName;

export interface MetricInfo {
  readonly unit: string;
  /** Over what the distribution is taken: every completed checkpoint of every seed, or every run (seed). */
  readonly per: 'checkpoint' | 'run';
  readonly definition: string;
}

export const METRIC_INFO: Readonly<Record<MetricName, MetricInfo>> = {
  end_to_end_duration: { unit: 'ticks', per: 'checkpoint', definition: 'completed tick - triggered tick' },
  alignment_duration: {
    unit: 'ticks',
    per: 'checkpoint',
    definition: 'max over tasks of the ticks during which any input of the task was blocked while it aligned this checkpoint (from its first barrier of it until its inputs are all unblocked)',
  },
  start_delay: { unit: 'ticks', per: 'checkpoint', definition: 'max over non-source tasks of (first barrier of the checkpoint received - triggered tick)' },
  checkpointed_size: {
    unit: 'entries',
    per: 'checkpoint',
    definition: 'state entries of every task snapshot (a key of a count or sum, a (key, sender) slot of a digest, a record buffered by a join, 1 per source offset and per sink position) plus persisted_data',
  },
  persisted_data: { unit: 'records', per: 'checkpoint', definition: 'in-flight records stored as channel state (channelStateRecorded events)' },
  processed_data: { unit: 'records', per: 'checkpoint', definition: 'records processed by each task between its first barrier of the checkpoint and its snapshot of it, summed over tasks' },
  throughput: { unit: 'records/tick', per: 'run', definition: 'distinct source records read / tick of the last record processed' },
  throughput_vs_no_checkpoints: {
    unit: 'ratio',
    per: 'run',
    definition: 'throughput / throughput of the same scenario, seed and faults with no checkpoint triggered (1 = no cost)',
  },
  records_replayed: { unit: 'records', per: 'run', definition: 'source reads of an offset already read (rewinds) + channel-state records re-injected at restores' },
  recovery_duration: {
    unit: 'ticks',
    per: 'run',
    definition: 'ticks from each crash until every source has read again everything it had read before the crash, summed over crashes',
  },
  duplicates: { unit: 'records', per: 'run', definition: "copies in the final sink states beyond the failure-free reference's count of the same record id" },
  violations: { unit: 'properties', per: 'run', definition: "oracle properties of the strategy's declared guarantee that the run violates" },
  checkpoints_completed: { unit: 'checkpoints', per: 'run', definition: 'completed events' },
  checkpoints_aborted: { unit: 'checkpoints', per: 'run', definition: 'aborted events (declined, subsumed, expired, or lost at a failover)' },
};
