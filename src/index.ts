// snapcheck's one public surface. Everything else under src/ is internal.
export type { ChoiceSource } from './core/choice.ts';
export { SeededChoices, SuppliedChoices, RecordedChoices, ReplayDiverged } from './core/choice.ts';
export { Prng } from './core/prng.ts';
export type { History, HistoryEvent, HistoryEventKind, EventOf, TaskSnapshot, FaultKind, AbortReason } from './core/history.ts';
export type { DataRecord, ChannelMessage, PositionedRecord } from './core/messages.ts';
export { Barrier, CancellationMarker } from './core/messages.ts';
export type { ChannelIndex, CheckpointId, RecordId, TaskIndex, Tick } from './core/ids.ts';

export type { LogicalTopology, NodeSpec, EdgeSpec, NodeKind, OperatorKind, Partitioner } from './dataflow/topology.ts';
export { validateTopology, orderDeterministicNodes, hasCycle, KEYED_KINDS, PARALLELISM_MAX } from './dataflow/topology.ts';
export { expandTopology } from './dataflow/physical.ts';
export type { PhysicalGraph, PhysicalTask, PhysicalChannel } from './dataflow/physical.ts';
export { keyHash } from './dataflow/partitioners.ts';

export type { CheckpointStrategy, TaskStrategy, TaskContext, StrategyEvent, Effect, Guarantee } from './strategies/strategy.ts';
export { NO_EFFECTS, EFFECT_KINDS } from './strategies/strategy.ts';
export { checkStrategy } from './strategies/validate.ts';
export { BUILT_IN_STRATEGIES, CANARY_STRATEGIES, findStrategy, strategyNames } from './strategies/registry.ts';

export type { Scenario, FaultSpec, Timing, Limits, SourceRecordSpec } from './scenario/scenario.ts';
export { DEFAULT_TIMING, DEFAULT_LIMITS, SCENARIO_FORMAT_VERSION } from './scenario/scenario.ts';
export { parseScenario } from './scenario/scenario-schema.ts';
export { run, UnsupportedTopology } from './sim/runner.ts';
export type { RunOptions, RunResult } from './sim/runner.ts';
export { StrategyContractError } from './sim/effects.ts';
export { ManualSimulation, describeMessage } from './sim/manual.ts';

export { hashHistory } from './trace/hash.ts';

export type { Verdict, PropertyName, WitnessEvent } from './oracle/verdict.ts';
export { CHECKERS, checkAll } from './oracle/index.ts';
export { referenceFinalStates } from './oracle/reference.ts';

// --- TLA+ (spec/, src/tla/): model checking with TLC or the embedded engine, and trace validation ---
export type { EngineKind, Verdict as TlaVerdict, TraceStep as TlaTraceStep, Counterexample as TlaCounterexample, TlaResult, SourceLocation as TlaSourceLocation } from './tla/types.ts';
export { describeVerdict, formatLocation } from './tla/types.ts';
export { loadJob } from './tla/job.ts';
export type { LoadedJob, ModelJob, JobSource } from './tla/job.ts';
export { loadManifest, compareWithExpectation, describeExpectation, pinnedStates } from './tla/manifest.ts';
export type { ManifestEntry, Expectation, Comparison } from './tla/manifest.ts';
export { planEngine, runJobs, defaultParallelism } from './tla/runner.ts';
export type { EngineChoice, EnginePlan } from './tla/runner.ts';
export { EmbeddedEngine } from './tla/embedded-client.ts';
export { PINNED_ENGINE_VERSION } from './tla/embedded.ts';
export { validateAlignedTrace } from './tla/trace/validate.ts';
export type { TraceValidation, RejectedStep } from './tla/trace/validate.ts';
export { describeTraceValidation } from './tla/trace/describe.ts';
export { alignedTraceScenario, alignedTraceTopology, TRACE_CHECKPOINT_TIMEOUT_TICKS } from './tla/trace/scenario.ts';
export type { AlignedTraceShape, AlignedTraceOperator } from './tla/trace/scenario.ts';

// --- Counterexamples (src/trace/): bundles, hash chains, replay ---
export { canonicalJson } from './trace/canonical.ts';
export { hashChain, firstDifference, chainStep, CHAIN_ORIGIN } from './trace/hash-chain.ts';
export { ReplayChoices, LabelledChoices, StreamChoices } from './trace/choices.ts';
export type { DecisionMismatch } from './trace/choices.ts';
export { TOOL_VERSION } from './trace/tool-version.ts';
export { createBundle, withFields, recordedEvent, recordedHistory, BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION } from './trace/bundle.ts';
export type { Bundle, BundleInput, StrategyRef, SearchInfo, Expectation as BundleExpectation, RecordedHistory } from './trace/bundle.ts';
export { parseBundle, parseBundleText } from './trace/bundle-schema.ts';
export type { BundleCheck } from './trace/bundle-schema.ts';
export { formatBundle } from './trace/bundle-format.ts';
export { writeFileAtomically, writeBundleFile, readBundleFile, bundleFileName, bundleFilesIn } from './trace/files.ts';
export { replayBundle } from './trace/replay.ts';
export type { ReplayOutcome, Divergence } from './trace/replay.ts';
export { runAndCheck, CHECKED_PROPERTIES } from './trace/property-check.ts';
export type { CheckedProperty, PropertyOutcome, CheckedRun } from './trace/property-check.ts';

// --- Mutation testing (src/mutate/): mutants of strategy sources, judged by the suites ---
export { runMutation, MutationEngineMissing } from './mutate/engine.ts';
export { DEFAULT_KILL_SETTINGS, defaultWorkers as defaultMutationWorkers } from './mutate/settings.ts';
export type { MutateOptions, MutationRun, JudgedTarget } from './mutate/types.ts';
export { formatReport as formatMutationReport } from './mutate/report-text.ts';
export { renderHtmlReport as renderMutationHtml } from './mutate/report-html.ts';
export { OPERATORS as MUTATION_OPERATORS } from './mutate/types.ts';
export type { Mutant, MutantResult, MutantOutcome, MutationReport, MutationTarget, Score as MutationScore, OperatorName } from './mutate/types.ts';

// --- Comparing strategies (src/compare/): the same seeded workloads through every strategy, measured ---
export { compareStrategies, ORACLE_PROPERTIES } from './compare/compare.ts';
export type { Comparison as StrategyComparison, CompareOptions, Cell as ComparisonCell, RunRecord, ViolationNote } from './compare/compare.ts';
export { measure } from './compare/measure.ts';
export type { RunMeasurement, CheckpointMetrics, RunTotals } from './compare/measure.ts';
export { CHECKPOINT_METRICS, RUN_METRICS, METRIC_INFO } from './compare/metrics.ts';
export type { MetricName, CheckpointMetricName, RunMetricName, MetricInfo } from './compare/metrics.ts';
export { distributionOf, percentile } from './compare/stats.ts';
export type { Distribution } from './compare/stats.ts';
export { buildScenario } from './compare/workload.ts';
export type { Workload, SourceSpec, CheckpointSchedule, RandomCrashes, Sweep } from './compare/workload.ts';
export { PRESETS, presetsNamed, presetNames, BACKPRESSURE_LEVELS } from './compare/presets.ts';
export { parseWorkload, readWorkloadFile, WORKLOAD_FORMAT, WORKLOAD_FORMAT_VERSION } from './compare/workload-file.ts';
export { checkClaims, CLAIMS } from './compare/claims.ts';
export type { ClaimResult } from './compare/claims.ts';
export { comparisonJson, comparisonCsv } from './compare/export.ts';
export { comparisonHtml } from './compare/html.ts';
export { formatComparison } from './compare/table.ts';

// --- The property suites (src/suite/), the scenario generators (src/generate/), the minimizer (src/minimize/) ---
export { runSuite, runBatch, combineBatches, evaluate, reproductionCommand, PROPERTIES_BY_GUARANTEE } from './suite/suite.ts';
export { planBatches, batchSeed, BATCH_RUNS } from './suite/batches.ts';
export type { Batch, BatchPlan, Shard } from './suite/batches.ts';
export type { SuiteOptions, SeededSuiteOptions, SuiteResult, SuiteProperty, Counterexample, PropertyTally, BatchResult } from './suite/suite.ts';
export { resolveSeed, scaledRuns, SEED_ENV, RUNS_SCALE_ENV } from './suite/seed.ts';
export { counterexampleBundle, builtInRef } from './suite/counterexample-bundle.ts';
export { checkMatrix, checkCell, expectedVerdict, MATRIX_PROPERTIES } from './suite/matrix.ts';
export type { Expectation as MatrixExpectation, CellResult } from './suite/matrix.ts';
export { scenarioArbitrary, DEFAULT_SHAPE } from './generate/scenario-arbitrary.ts';
export type { ScenarioShape, StrategyTraits } from './generate/scenario-arbitrary.ts';
export { minimizeScenario, counterexampleSize, ATTEMPTS_MAX as MINIMIZE_ATTEMPTS_MAX } from './minimize/minimize.ts';
export type { MinimizeOptions, MinimizeResult, StillFails } from './minimize/minimize.ts';
