// fc.commands for the simulator: emit, deliver on a channel, trigger, crash, recover. Each command
// runs on the reference model and on the manually driven simulator, then everything observable is
// compared: channel contents (ids and barriers, in order), blocks, outputs waiting for credit,
// source offsets, count and sink states.
import fc from 'fast-check';
import { describeMessage, type ManualSimulation } from '../../src/index.ts';
import { ReferenceModel } from './reference-model.ts';

type Real = ManualSimulation;
type Command = fc.Command<ReferenceModel, Real>;

export function assertSameObservables(model: ReferenceModel, real: Real, after: string): void {
  const fail = (what: string, expected: unknown, actual: unknown): never => {
    throw new Error(`after ${after}: ${what} differs: model ${JSON.stringify(expected)}, simulator ${JSON.stringify(actual)}`);
  };
  model.graph.channels.forEach((c) => {
    const actual = real.channelContents(c.index);
    if (JSON.stringify(actual) !== JSON.stringify(model.channels[c.index])) fail(`channel ${c.label}`, model.channels[c.index], actual);
    if (real.isBlocked(c.index) !== model.blocked[c.index]) fail(`blocked flag of ${c.label}`, model.blocked[c.index], real.isBlocked(c.index));
  });
  model.graph.tasks.forEach((t) => {
    const pending = model.pending[t.index]!.map(([c, m]) => `${c}:${m}`);
    if (JSON.stringify(real.pendingOutputs(t.index)) !== JSON.stringify(pending)) fail(`outputs waiting at ${t.label}`, pending, real.pendingOutputs(t.index));
    if (t.node.kind === 'source' && real.sourceOffset(t.index) !== model.offsets[t.index]) fail(`offset of ${t.label}`, model.offsets[t.index], real.sourceOffset(t.index));
    if (t.node.kind === 'count') {
      const expected = [...model.counts[t.index]!.entries()].sort((a, b) => a[0] - b[0]);
      if (JSON.stringify(real.operatorSnapshot(t.index)) !== JSON.stringify(expected)) fail(`count state of ${t.label}`, expected, real.operatorSnapshot(t.index));
    }
    if (t.node.kind === 'sink') {
      const expected = [...model.sinks[t.index]!].sort();
      const actual = (real.operatorSnapshot(t.index) as [string][]).map((r) => r[0]).sort();
      if (JSON.stringify(actual) !== JSON.stringify(expected)) fail(`sink contents of ${t.label}`, expected, actual);
    }
  });
}

// Emit and deliver pick among what is possible right now (the `pick`-th candidate), so that
// generated commands rarely fail their precondition and sequences stay long and eventful.
function candidates(count: number, possible: (i: number) => boolean): number[] {
  return Array.from({ length: count }, (_, i) => i).filter(possible);
}

class EmitCommand implements Command {
  private task = -1;
  constructor(readonly pick: number) {}
  check = (m: Readonly<ReferenceModel>) => candidates(m.graph.tasks.length, (t) => m.canEmit(t)).length > 0;
  run(m: ReferenceModel, r: Real): void {
    const choices = candidates(m.graph.tasks.length, (t) => m.canEmit(t));
    this.task = choices[this.pick % choices.length]!;
    m.emit(this.task);
    m.settle();
    r.emit(this.task);
    assertSameObservables(m, r, this.toString());
  }
  toString = () => `emit(task ${this.task})`;
}

class DeliverCommand implements Command {
  private channel = -1;
  constructor(readonly pick: number) {}
  check = (m: Readonly<ReferenceModel>) => candidates(m.graph.channels.length, (c) => m.canDeliver(c)).length > 0;
  run(m: ReferenceModel, r: Real): void {
    const choices = candidates(m.graph.channels.length, (c) => m.canDeliver(c));
    this.channel = choices[this.pick % choices.length]!;
    const expected = m.deliver(this.channel);
    m.settle();
    const message = r.deliver(this.channel);
    const actual = describeMessage(message);
    if (actual !== expected) throw new Error(`${this.toString()}: model delivered ${expected}, simulator ${actual}`);
    assertSameObservables(m, r, this.toString());
  }
  toString = () => `deliver(channel ${this.channel})`;
}

class TriggerCommand implements Command {
  check = (m: Readonly<ReferenceModel>) => !m.down;
  run(m: ReferenceModel, r: Real): void {
    m.trigger();
    m.settle();
    r.trigger();
    assertSameObservables(m, r, this.toString());
  }
  toString = () => 'trigger';
}

class CrashCommand implements Command {
  check = (m: Readonly<ReferenceModel>) => !m.down;
  run(m: ReferenceModel, r: Real): void {
    m.crash();
    r.crash();
    if (!r.isDown) throw new Error('crash: the simulator is still up');
  }
  toString = () => 'crash';
}

class RecoverCommand implements Command {
  check = (m: Readonly<ReferenceModel>) => m.down;
  run(m: ReferenceModel, r: Real): void {
    m.recover();
    r.recover();
    assertSameObservables(m, r, this.toString());
  }
  toString = () => 'recover';
}

/** Weighted toward data movement, so that checkpoints overlap with traffic and backpressure. */
export function simulatorCommands(): fc.Arbitrary<Iterable<Command>> {
  const pick = fc.nat(11);
  return fc.commands(
    [
      pick.map((p) => new EmitCommand(p)),
      pick.map((p) => new EmitCommand(p)),
      pick.map((p) => new EmitCommand(p)),
      pick.map((p) => new DeliverCommand(p)),
      pick.map((p) => new DeliverCommand(p)),
      pick.map((p) => new DeliverCommand(p)),
      pick.map((p) => new DeliverCommand(p)),
      pick.map((p) => new DeliverCommand(p)),
      fc.constant(new TriggerCommand()),
      fc.constant(new CrashCommand()),
      fc.constant(new RecoverCommand()),
    ],
    { maxCommands: 100, size: 'max' },
  );
}
