// Mutation testing's data: what a mutant is (one edit of one strategy source file), how it ended,
// and the report a run produces. Plain JSON-serializable data, passed to workers and written out.
import type { Guarantee } from '../strategies/strategy.ts';

export const OPERATORS = [
  'remove-effect',
  'remove-call',
  'swap-adjacent',
  'negate-condition',
  'shift-boundary',
  'off-by-one',
  'empty-collection',
  'return-early',
  'early-unblock',
  'flip-boolean',
  'relabel-guarantee',
] as const;
export type OperatorName = (typeof OPERATORS)[number];

/** One text edit: replace `[start, end)` of the original file with `replacement`. */
export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly replacement: string;
}

export interface Mutant {
  /** Stable within a run: `<file>:<line>:<operator>:<n>`. */
  readonly id: string;
  readonly operator: OperatorName;
  /** Repository-relative path of the mutated file. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** What the edit does, in words. */
  readonly description: string;
  readonly edit: Edit;
  /** The original and mutated source lines (the ones the edit touches), for the report's diff. */
  readonly before: string;
  readonly after: string;
  /** Set when the line carries `// mutation-equivalent: <reason>`: reported, not scored. */
  readonly equivalentReason?: string;
}

export type MutantStatus = 'killed' | 'survived' | 'timed-out' | 'did-not-compile' | 'equivalent';

export type MutantOutcome =
  | { readonly status: 'killed'; readonly by: string; readonly property: string; readonly runsToKill: number; readonly detail: string }
  | { readonly status: 'survived'; readonly runs: number }
  | { readonly status: 'timed-out'; readonly budgetMs: number }
  | { readonly status: 'did-not-compile'; readonly detail: string }
  | { readonly status: 'equivalent'; readonly reason: string };

/** A strategy under mutation: its files, and the suites (strategies) that judge their mutants. */
export interface MutationTarget {
  /** The name reported (a built-in name, or the module's strategy name). */
  readonly name: string;
  /** Absolute path of the module that exports the strategy. */
  readonly entry: string;
  /** The export to load from `entry` ('default' or a name). */
  readonly exportName: string;
  /** Absolute paths of the files whose mutants this target owns. */
  readonly files: readonly string[];
}

export type JudgeStatus = 'killed' | 'survived' | 'timed-out';

export interface MutantResult {
  readonly mutant: Mutant;
  /** The strategies whose suites judged it (every selected strategy that loads the mutated file). */
  readonly judges: readonly string[];
  /** Each judge's verdict (empty when it did not compile or is marked equivalent). */
  readonly verdicts: Readonly<Record<string, JudgeStatus>>;
  /** Killed by any judge, else timed out in any, else survived. */
  readonly outcome: MutantOutcome;
  readonly elapsedMs: number;
}

export interface Score {
  readonly total: number;
  readonly killed: number;
  readonly timedOut: number;
  readonly survived: number;
  readonly didNotCompile: number;
  readonly equivalent: number;
  /** (killed + timed out) / (killed + timed out + survived), in percent; null when nothing was scored. */
  readonly percent: number | null;
}

export interface KillSettings {
  readonly seed: number;
  readonly runs: number;
  readonly budgetMs: number;
}

export interface MutationReport {
  readonly format: 'snapcheck-mutation-report';
  readonly version: 1;
  readonly settings: KillSettings & { readonly workers: number; readonly since: string | null };
  readonly startedAt: string;
  readonly elapsedMs: number;
  readonly mutantsPerMinute: number;
  readonly overall: Score;
  readonly byTarget: Readonly<Record<string, Score>>;
  readonly byOperator: Readonly<Record<string, Score>>;
  readonly results: readonly MutantResult[];
}

export interface JudgedTarget extends MutationTarget {
  readonly guarantee: Guarantee;
  /** The original's declaration: its mutants are judged on cyclic topologies too when it supports them. */
  readonly supportsCycles: boolean;
}

export interface MutateOptions extends KillSettings {
  readonly targets: readonly JudgedTarget[];
  readonly workers: number;
  readonly since: string | null;
  readonly tsconfig: string | null;
  /** Paths in the report are relative to it. */
  readonly root: string;
  readonly onMutant?: (result: MutantResult, done: number, total: number) => void;
  /** Pinned regression bundles (properties/regressions/): each built-in's fixed bugs are judged first. */
  readonly regressionsDir?: string;
  /** Keep only these mutants (tests). */
  readonly filter?: (mutant: Mutant) => boolean;
}

export type MutationRun = { readonly ok: true; readonly report: MutationReport } | { readonly ok: false; readonly problem: string };
