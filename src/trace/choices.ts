// Choice sources for replaying and re-using recorded decisions.
//
// - ReplayChoices follows a recorded decision list as far as it fits and notes the first decision
//   that does not (a value outside the asked bound, or a list that ran out) instead of throwing, so
//   a replay that left the recorded schedule still produces a whole History to compare.
// - LabelledChoices decides like SuppliedChoices and also logs each decision's label ('delay',
//   'cost', 'input', 'rpc', 'upload'), which lets the minimizer tell which decision belonged to what.
// - StreamChoices answers each label from its own queue of values: after a structural change to a
//   scenario, the delays stay with the sends and the costs with the steps they were chosen for,
//   instead of shifting along one flat list.
// All three mirror the core sources exactly: a forced choice (bound 1) is neither asked nor recorded.
import type { ChoiceSource } from '../core/choice.ts';

export interface DecisionMismatch {
  readonly index: number;
  readonly label: string;
  readonly bound: number;
  /** The recorded value, or null when the recorded list ran out. */
  readonly recorded: number | null;
}

abstract class LoggingChoices implements ChoiceSource {
  protected readonly values: number[] = [];
  readonly labels: string[] = [];

  choose(label: string, bound: number): number {
    if (bound === 1) return 0;
    const value = this.decide(label, bound, this.values.length);
    this.values.push(value);
    this.labels.push(label);
    return value;
  }

  taken(): readonly number[] {
    return this.values.slice();
  }

  protected abstract decide(label: string, bound: number, index: number): number;
}

export class ReplayChoices extends LoggingChoices {
  mismatch: DecisionMismatch | null = null;

  constructor(private readonly recorded: readonly number[]) {
    super();
  }

  protected decide(label: string, bound: number, index: number): number {
    const value = this.recorded[index];
    if (value !== undefined && Number.isInteger(value) && value >= 0 && value < bound) return value;
    this.mismatch ??= { index, label, bound, recorded: value ?? null };
    // Past the point of divergence, continue as `snapcheck check` would: modulo the bound, zeros after the end.
    return value === undefined || !Number.isFinite(value) ? 0 : Math.abs(Math.trunc(value)) % bound;
  }
}

export class LabelledChoices extends LoggingChoices {
  constructor(private readonly supplied: readonly number[]) {
    super();
  }

  protected decide(_label: string, bound: number, index: number): number {
    const raw = this.supplied[index] ?? 0;
    return Number.isFinite(raw) ? Math.abs(Math.trunc(raw)) % bound : 0;
  }
}

export class StreamChoices extends LoggingChoices {
  private readonly cursors = new Map<string, number>();

  constructor(private readonly streams: ReadonlyMap<string, readonly number[]>) {
    super();
  }

  protected decide(label: string, bound: number): number {
    const at = this.cursors.get(label) ?? 0;
    this.cursors.set(label, at + 1);
    return (this.streams.get(label)?.[at] ?? 0) % bound;
  }
}
