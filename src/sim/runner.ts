// run(scenario, strategy): a pure function of its inputs. The safety phase runs the scenario's
// triggers and faults; from `faultWindowTicks` on no fault fires (the liveness phase), and the job
// must reach quiescence within `livenessTicksMax` ticks.
import { SuppliedChoices, type ChoiceSource } from '../core/choice.ts';
import type { History } from '../core/history.ts';
import { unreachable } from '../core/assert.ts';
import { hasCycle } from '../dataflow/topology.ts';
import type { CheckpointStrategy } from '../strategies/strategy.ts';
import { NOTIFY_COMPLETED } from './coordinator.ts';
import { uploadFinished } from './effects.ts';
import type { SimEvent } from './event-queue.ts';
import { failOver, fireFault, restore } from './recovery.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { stepTask } from './task-step.ts';
import { World } from './world.ts';

export interface RunOptions {
  /** Where decisions come from; defaults to the scenario's own decision list. */
  readonly choices?: ChoiceSource;
  /** Turn History recording off (benchmarks only: the oracle needs it). */
  readonly recordHistory?: boolean;
}

export interface RunResult {
  /** Decoded from the compact recording on first access. */
  readonly history: History;
  /** Every decision taken, in order: replaying them reproduces the run. Built on access. */
  readonly decisions: readonly number[];
  readonly historyLength: number;
  readonly ticks: number;
  /** Simulator events dispatched (wakes, deliveries of RPCs, uploads, ...). */
  readonly events: number;
}

/** A strategy was given a topology it declares it cannot handle (a cycle without `supportsCycles`). */
export class UnsupportedTopology extends Error {
  override name = 'UnsupportedTopology';
}

export function run(scenario: Scenario, strategy: CheckpointStrategy, options: RunOptions = {}): RunResult {
  if (hasCycle(scenario.topology) && !strategy.supportsCycles) {
    const edge = scenario.topology.edges.find((e) => e.backEdge === true)!;
    throw new UnsupportedTopology(`strategy "${strategy.name}" does not support cyclic topologies, and back-edge ${edge.from} -> ${edge.to} makes one`);
  }
  const choices = options.choices ?? new SuppliedChoices(scenario.decisions);
  const world = new World(scenario, strategy, choices, true, options.recordHistory ?? true);
  scheduleScenario(world);
  const deadline = scenario.limits.faultWindowTicks + scenario.limits.livenessTicksMax;
  let events = 0;
  let overran = false;
  let finalPending = scenario.limits.finalCheckpoint === true;
  /** Once nothing is left to happen and the job has drained, the final checkpoint: its first event. */
  const triggerFinal = (): SimEvent | undefined => {
    if (!finalPending || quiescenceBlocker(world) !== null) return undefined;
    finalPending = false;
    world.record({ kind: 'drained', tick: world.tick });
    world.coordinator.trigger(false);
    return world.queue.pop();
  };
  for (let event = world.queue.pop(); event !== undefined; event = world.queue.pop() ?? triggerFinal()) {
    if (event.tick > deadline) {
      overran = true;
      break;
    }
    world.tick = event.tick;
    events++;
    dispatch(world, event);
    world.queue.release(event);
  }
  finish(world, overran ? `the job did not quiesce within ${scenario.limits.livenessTicksMax} ticks of the liveness phase` : null);
  const recorder = world.recorder;
  let decoded: History | null = null;
  return {
    get history(): History {
      return (decoded ??= recorder?.decode() ?? []);
    },
    historyLength: recorder?.length ?? 0,
    get decisions(): readonly number[] {
      return choices.taken();
    },
    ticks: world.tick,
    events,
  };
}

function scheduleScenario(world: World): void {
  const { triggers, faults, limits } = world.scenario;
  for (const tick of triggers) world.schedule('trigger', tick);
  faults.forEach((fault, index) => {
    if ('tick' in fault && fault.tick < limits.faultWindowTicks) world.schedule('fault', fault.tick, -1, 0, index);
  });
  world.schedule('livenessPhase', limits.faultWindowTicks);
  for (const task of world.tasks) world.wake(task, 0);
}

/** Global timeline events (triggers, faults, phases) survive crashes; task-level ones die with their epoch. */
function dispatch(world: World, event: SimEvent): void {
  switch (event.kind) {
    case 'trigger':
      world.coordinator.trigger();
      return;
    case 'fault':
      if (world.faultsEnabled) fireFault(world, world.scenario.faults[event.detail]!);
      return;
    case 'livenessPhase':
      world.faultsEnabled = false;
      world.record({ kind: 'livenessPhaseStarted', tick: world.tick });
      return;
    default:
      if (world.isCurrent(event)) dispatchTaskLevel(world, event);
  }
}

function dispatchTaskLevel(world: World, event: SimEvent): void {
  const task = world.tasks[event.task];
  switch (event.kind) {
    case 'wake':
      if (event.tick === task!.wakeAt) task!.wakeAt = Infinity;
      return stepTask(world, task!);
    case 'triggerArrived':
      task!.mailbox.push({ kind: 'checkpointTriggered', checkpoint: event.checkpoint, triggeredAt: event.detail });
      return world.wake(task!, Math.max(world.tick, task!.busyUntil));
    case 'timerFired':
      task!.mailbox.push({ kind: 'timerFired', checkpoint: event.checkpoint });
      return world.wake(task!, Math.max(world.tick, task!.busyUntil));
    case 'notificationArrived': {
      const outcome = event.detail === NOTIFY_COMPLETED ? 'completed' : 'aborted';
      world.record({ kind: 'notified', tick: world.tick, task: event.task, checkpoint: event.checkpoint, outcome });
      task!.mailbox.push({ kind: outcome === 'completed' ? 'checkpointCompleted' : 'checkpointAborted', checkpoint: event.checkpoint });
      return world.wake(task!, Math.max(world.tick, task!.busyUntil));
    }
    case 'uploadFinished':
      if (event.detail === 1 && world.faultsEnabled) return failOver(world, 'upload-crash', event.task);
      return uploadFinished(world, task!, event.checkpoint);
    case 'ackArrived':
      return world.coordinator.ackArrived(event.task, event.checkpoint);
    case 'declineArrived':
      return world.coordinator.declineArrived(event.task, event.checkpoint, event.note);
    case 'checkpointExpired':
      return world.coordinator.expired(event.checkpoint);
    case 'restore':
      return restore(world);
    case 'trigger':
    case 'fault':
    case 'livenessPhase':
      return; // handled in dispatch
    default:
      return unreachable(event.kind, 'dispatchTaskLevel');
  }
}

function finish(world: World, overran: string | null): void {
  const blocker = overran ?? quiescenceBlocker(world);
  if (blocker === null) world.record({ kind: 'quiesced', tick: world.tick });
  else world.record({ kind: 'stuck', tick: world.tick, reason: blocker });
  for (const task of world.tasks) {
    const sourceOffset = task.isSource ? task.offset : null;
    world.record({ kind: 'finalState', tick: world.tick, task: task.physical.index, state: task.capture(), sourceOffset });
  }
}

/** Why the job is not quiescent, or null when it is. */
function quiescenceBlocker(world: World): string | null {
  if (world.down) return 'the job is still restarting';
  for (const source of world.sources) {
    if (!source.exhausted) return `source ${source.physical.label} stopped at offset ${source.offset} of ${source.log!.length}`;
  }
  for (const ch of world.channels) {
    const label = world.graph.channels[ch.index]!.label;
    if (ch.length > 0) return `channel ${label} still holds ${ch.length} message(s)${ch.blocked ? ' and is blocked' : ''}`;
    if (ch.blocked) return `channel ${label} is still blocked`;
  }
  for (const task of world.tasks) {
    if (task.pending.length > 0) return `task ${task.physical.label} still has ${task.pending.length} output(s) waiting for credit`;
  }
  if (world.coordinator.pendingCount > 0) return `${world.coordinator.pendingCount} checkpoint(s) are still pending`;
  return null;
}
