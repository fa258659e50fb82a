// snapcheck's one public surface. Everything else under src/ is internal.
export type { ChoiceSource } from './core/choice.ts';
export { SeededChoices, SuppliedChoices, RecordedChoices, ReplayDiverged } from './core/choice.ts';
export { Prng } from './core/prng.ts';
export type { History, HistoryEvent, HistoryEventKind, EventOf, TaskSnapshot, FaultKind, AbortReason } from './core/history.ts';
export type { DataRecord, ChannelMessage, PositionedRecord } from './core/messages.ts';
export { Barrier, CancellationMarker } from './core/messages.ts';
export type { ChannelIndex, CheckpointId, RecordId, TaskIndex, Tick } from './core/ids.ts';

export type { LogicalTopology, NodeSpec, EdgeSpec, NodeKind, OperatorKind, Partitioner } from './dataflow/topology.ts';
export { validateTopology, orderDeterministicNodes, KEYED_KINDS, PARALLELISM_MAX } from './dataflow/topology.ts';
export { expandTopology } from './dataflow/physical.ts';
export type { PhysicalGraph, PhysicalTask, PhysicalChannel } from './dataflow/physical.ts';
export { keyHash } from './dataflow/partitioners.ts';

export type { CheckpointStrategy, TaskStrategy, TaskContext, StrategyEvent, Effect, Guarantee } from './strategies/strategy.ts';
export { NO_EFFECTS } from './strategies/strategy.ts';
export { BUILT_IN_STRATEGIES, CANARY_STRATEGIES, findStrategy, strategyNames } from './strategies/registry.ts';

export type { Scenario, FaultSpec, Timing, Limits, SourceRecordSpec } from './sim/scenario.ts';
export { DEFAULT_TIMING, DEFAULT_LIMITS, SCENARIO_FORMAT_VERSION } from './sim/scenario.ts';
export { parseScenario } from './sim/scenario-schema.ts';
export { run } from './sim/runner.ts';
export type { RunOptions, RunResult } from './sim/runner.ts';
export { StrategyContractError } from './sim/effects.ts';
export { ManualSimulation, describeMessage } from './sim/manual.ts';

export { hashHistory } from './trace/hash.ts';

export type { Verdict, PropertyName, WitnessEvent } from './oracle/verdict.ts';
export { CHECKERS, checkAll } from './oracle/index.ts';
export { referenceFinalStates } from './oracle/reference.ts';
