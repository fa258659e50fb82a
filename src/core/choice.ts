// Every nondeterministic decision in the simulated world is an indexed choice in [0, bound).
// Choice 0 is always the plainest option (no extra delay, first ready input, ...), so a decision
// list shrunk toward zeros shrinks the schedule. Every source records what it decided, so any run
// can be replayed from its scenario plus `taken()`.
import { assert } from './assert.ts';
import { Prng } from './prng.ts';

export interface ChoiceSource {
  /** An integer in [0, bound). `label` names the decision for diagnostics. */
  choose(label: string, bound: number): number;
  /** Every decision made so far, in order. Replaying them reproduces the run. */
  taken(): readonly number[];
}

abstract class RecordingChoiceSource implements ChoiceSource {
  // A typed, growable log: a long run makes millions of decisions, and 4 bytes each keeps them cheap.
  private decisions = new Int32Array(256);
  private count = 0;

  choose(label: string, bound: number): number {
    // A forced choice is not a decision: it is neither recorded nor consumes a supplied value.
    if (bound === 1) return 0;
    if (!(bound > 1 && bound <= 0x7fff_ffff && bound === Math.floor(bound))) {
      assert(false, `choice "${label}" needs an integer bound in [1, 2^31), got ${bound}`);
    }
    const value = this.decide(label, bound, this.count);
    if (this.count === this.decisions.length) this.grow();
    this.decisions[this.count++] = value;
    return value;
  }

  taken(): readonly number[] {
    return Array.from(this.decisions.subarray(0, this.count));
  }

  private grow(): void {
    const next = new Int32Array(this.decisions.length * 2);
    next.set(this.decisions);
    this.decisions = next;
  }

  protected abstract decide(label: string, bound: number, index: number): number;
}

/** Decisions drawn from the seeded PRNG: soak runs and the default for scenarios without decisions. */
export class SeededChoices extends RecordingChoiceSource {
  private readonly prng: Prng;

  constructor(seed: number) {
    super();
    this.prng = new Prng(seed);
  }

  protected decide(_label: string, bound: number): number {
    return this.prng.nextBelow(bound);
  }
}

/**
 * Decisions supplied from outside, typically a fast-check generated list of non-negative integers.
 * Each value is reduced modulo the bound, and the list is padded with zeros, so any list is valid
 * and shrinking values toward zero shrinks toward the plainest schedule.
 */
export class SuppliedChoices extends RecordingChoiceSource {
  constructor(private readonly supplied: readonly number[]) {
    super();
  }

  protected decide(_label: string, bound: number, index: number): number {
    const raw = this.supplied[index] ?? 0;
    // Anything that is not a finite number counts as the plainest choice, so the recorded value replays.
    return Number.isFinite(raw) ? Math.abs(Math.trunc(raw)) % bound : 0;
  }
}

export class ReplayDiverged extends Error {
  override name = 'ReplayDiverged';
  constructor(
    readonly decisionIndex: number,
    message: string,
  ) {
    super(message);
  }
}

/** Decisions replayed strictly from a recorded run: any mismatch means the run diverged. */
export class RecordedChoices extends RecordingChoiceSource {
  constructor(private readonly recorded: readonly number[]) {
    super();
  }

  protected decide(label: string, bound: number, index: number): number {
    const value = this.recorded[index];
    if (value === undefined) {
      throw new ReplayDiverged(index, `replay asked for decision #${index} ("${label}") but only ${this.recorded.length} were recorded`);
    }
    if (!Number.isInteger(value) || value < 0 || value >= bound) {
      throw new ReplayDiverged(index, `recorded decision #${index} ("${label}") is ${value}, outside [0, ${bound})`);
    }
    return value;
  }
}
