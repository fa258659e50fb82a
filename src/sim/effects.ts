// Applying a strategy's effects. Effects are data; this is the only place they touch the runtime.
// A strategy that returns something malformed gets a StrategyContractError naming it and the problem.
import { unreachable } from '../core/assert.ts';
import type { CheckpointId } from '../core/ids.ts';
import { Barrier, CancellationMarker, type PositionedRecord } from '../core/messages.ts';
import { EFFECT_KINDS, type Effect } from '../strategies/strategy.ts';
import { send } from './task-step.ts';
import type { TaskRuntime } from './task.ts';
import type { World } from './world.ts';

export class StrategyContractError extends Error {
  override name = 'StrategyContractError';
}

export function applyEffects(world: World, task: TaskRuntime, effects: readonly Effect[]): void {
  if (!Array.isArray(effects)) {
    throw contractError(world, task, `handle() returned ${describe(effects)} instead of an array of effects`);
  }
  for (const effect of effects) applyEffect(world, task, effect);
}

function applyEffect(world: World, task: TaskRuntime, effect: Effect): void {
  if (typeof effect !== 'object' || effect === null || !EFFECT_KINDS.has(effect.kind)) {
    throw contractError(world, task, `returned an unknown effect ${describe(effect)}`);
  }
  switch (effect.kind) {
    case 'block':
    case 'unblock':
      return setBlocked(world, task, effect.channel, effect.kind === 'block');
    case 'snapshot':
      return snapshot(world, task, effect.checkpoint);
    case 'forwardBarrier':
      return forwardBarrier(world, task, effect.checkpoint, effect.priority === true);
    case 'persistOutput':
      return persistOutput(world, task, effect.checkpoint);
    case 'persistOvertaken':
      return persistOvertaken(world, task, effect.checkpoint, effect.channel);
    case 'persistReceived':
      return persistReceived(world, task, effect.checkpoint);
    case 'replayChannelState':
      return replayChannelState(world, task, effect.channel);
    case 'forwardCancellation':
      for (const channel of task.physical.outputChannels) send(world, task, channel, new CancellationMarker(effect.checkpoint));
      return;
    case 'setTimer':
      world.schedule('timerFired', Math.max(world.tick, effect.at), task.physical.index, effect.checkpoint);
      return;
    case 'pauseSource':
    case 'resumeSource':
      return setPaused(world, task, effect.kind === 'pauseSource');
    case 'ack':
      return ack(world, task, effect.checkpoint);
    case 'decline':
      world.schedule('declineArrived', world.rpcArrival(), task.physical.index, effect.checkpoint, 0, effect.reason);
      return;
    default:
      return unreachable(effect, 'applyEffect');
  }
}

function setBlocked(world: World, task: TaskRuntime, channel: number, blocked: boolean): void {
  if (!task.physical.inputs.includes(channel)) {
    throw contractError(world, task, `tried to ${blocked ? 'block' : 'unblock'} channel ${channel}, which is not one of its inputs`);
  }
  const ch = world.channels[channel]!;
  if (ch.blocked === blocked) return;
  ch.blocked = blocked;
  world.recorder?.blocking(blocked, world.tick, task.physical.index, channel);
}

function snapshot(world: World, task: TaskRuntime, checkpoint: CheckpointId): void {
  const taskIndex = task.physical.index;
  const state = task.capture();
  const sourceOffset = task.isSource ? task.offset : null;
  world.record({ kind: 'snapshotTaken', tick: world.tick, task: taskIndex, checkpoint, state, sourceOffset });
  world.storage.beginWrite(taskIndex, checkpoint, state, sourceOffset);
  task.snapshotsTaken.add(checkpoint);
  task.uploadsInFlight.set(checkpoint, (task.uploadsInFlight.get(checkpoint) ?? 0) + 1);
  const doomed = world.doomedUploads.has(world.uploadsStarted++) ? 1 : 0;
  const finishAt = world.tick + 1 + world.choose('upload', world.scenario.timing.uploadTicksMax);
  world.schedule('uploadFinished', finishAt, taskIndex, checkpoint, doomed);
}

/**
 * An aligned barrier goes behind the data already sent (through the pending outputs, in order).
 * A priority barrier goes ahead of the data in each output channel (behind earlier priority
 * barriers): the records it overtakes that the receiver can already see travel with it, for the
 * receiver to persist (its input buffer); the rest (the sender's output buffer) are the sender's
 * to persist with `persistOutput`.
 */
function forwardBarrier(world: World, task: TaskRuntime, checkpoint: CheckpointId, priority: boolean): void {
  const triggeredAt = world.coordinator.triggeredAt(checkpoint) ?? world.tick;
  for (const channel of task.physical.outputChannels) {
    if (!priority) {
      send(world, task, channel, new Barrier(checkpoint, triggeredAt, false));
      continue;
    }
    const ch = world.channels[channel]!;
    const barrier = new Barrier(checkpoint, triggeredAt, true, ch.queuedRecords(world.tick).atReceiver);
    const visibleAt = ch.pushPriority(barrier, world.tick + 1 + world.choose('delay', world.scenario.timing.deliveryDelayTicksMax));
    world.priorityBarriersSent = true;
    world.recorder?.barrier(true, true, world.tick, task.physical.index, channel, checkpoint);
    world.wake(world.tasks[ch.to]!, visibleAt);
  }
}

/** The sender's output buffer: records sent but not yet visible at the receiver, queued or waiting for credit. */
function persistOutput(world: World, task: TaskRuntime, checkpoint: CheckpointId): void {
  for (const channel of task.physical.outputChannels) {
    const inChannel = world.channels[channel]!.queuedRecords(world.tick).atSender;
    const waiting = task.pending.filter((p) => p.channel === channel && p.position >= 0).map((p) => ({ record: p.message as PositionedRecord['record'], position: p.position }));
    recordChannelState(world, task, checkpoint, channel, [...inChannel, ...waiting]);
  }
}

function persistOvertaken(world: World, task: TaskRuntime, checkpoint: CheckpointId, channel: number): void {
  const barrier = task.lastBarrier.get(channel);
  if (barrier === undefined) throw contractError(world, task, `asked to persist what a barrier overtook on channel ${channel}, where no barrier arrived`);
  recordChannelState(world, task, checkpoint, channel, barrier.overtakenInput);
}

function persistReceived(world: World, task: TaskRuntime, checkpoint: CheckpointId): void {
  const received = task.received;
  if (received === null) throw contractError(world, task, 'returned persistReceived outside of a recordReceived event');
  recordChannelState(world, task, checkpoint, received.channel, [received]);
}

/**
 * Channel state goes into this task's snapshot part of `checkpoint`. Without one (no snapshot taken
 * in this attempt, or the checkpoint already completed or aborted) nothing is stored or recorded:
 * the History shows only channel state a restore could actually use.
 */
function recordChannelState(world: World, task: TaskRuntime, checkpoint: CheckpointId, channel: number, entries: readonly PositionedRecord[]): void {
  const part = world.storage.part(task.physical.index, checkpoint);
  if (part === undefined) return;
  for (const { record, position } of entries) {
    const plain = world.records.plain(world.records.uidOf(record));
    world.record({ kind: 'channelStateRecorded', tick: world.tick, task: task.physical.index, checkpoint, channel, record: plain, position });
    part.channelState.push({ channel, record, position });
  }
}

function replayChannelState(world: World, task: TaskRuntime, channel: number): void {
  const entries = task.restoredChannelState.get(channel);
  if (entries === undefined) throw contractError(world, task, `asked to replay channel state of channel ${channel}, which has none to replay`);
  task.restoredChannelState.delete(channel);
  const ch = world.channels[channel]!;
  for (const { record } of entries) {
    ch.enqueue(record, world.tick, ch.nextPosition());
    world.record({ kind: 'reinjected', tick: world.tick, channel, record: world.records.plain(world.records.uidOf(record)) });
  }
  world.wake(task, world.tick);
}

function setPaused(world: World, task: TaskRuntime, paused: boolean): void {
  if (!task.isSource) throw contractError(world, task, `tried to ${paused ? 'pause' : 'resume'} a task that is not a source`);
  if (task.paused === paused) return;
  task.paused = paused;
  world.record({ kind: paused ? 'sourcePaused' : 'sourceResumed', tick: world.tick, task: task.physical.index });
  if (!paused) world.wake(task, Math.max(world.tick, task.busyUntil));
}

function ack(world: World, task: TaskRuntime, checkpoint: CheckpointId): void {
  if (!task.snapshotsTaken.has(checkpoint)) {
    throw contractError(world, task, `acknowledged checkpoint ${checkpoint} without taking its snapshot`);
  }
  if ((task.uploadsInFlight.get(checkpoint) ?? 0) > 0) task.acksAwaitingUpload.add(checkpoint);
  else world.schedule('ackArrived', world.rpcArrival(), task.physical.index, checkpoint);
}

/** An upload finished: the snapshot part is durable, and a waiting ack can go out. */
export function uploadFinished(world: World, task: TaskRuntime, checkpoint: CheckpointId): void {
  const left = (task.uploadsInFlight.get(checkpoint) ?? 1) - 1;
  if (left > 0) task.uploadsInFlight.set(checkpoint, left);
  else task.uploadsInFlight.delete(checkpoint);
  // The checkpoint may have been aborted meanwhile; its part is then gone and the write is moot.
  if (world.storage.part(task.physical.index, checkpoint) === undefined) {
    task.acksAwaitingUpload.delete(checkpoint);
    return;
  }
  world.storage.finishWrite(task.physical.index, checkpoint);
  world.record({ kind: 'uploaded', tick: world.tick, task: task.physical.index, checkpoint });
  if (left <= 0 && task.acksAwaitingUpload.delete(checkpoint)) {
    world.schedule('ackArrived', world.rpcArrival(), task.physical.index, checkpoint);
  }
}

function contractError(world: World, task: TaskRuntime, problem: string): StrategyContractError {
  return new StrategyContractError(`strategy "${world.strategy.name}" (task ${task.physical.label}) ${problem}`);
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
