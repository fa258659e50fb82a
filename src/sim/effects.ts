// Applying a strategy's effects. Effects are data; this is the only place they touch the runtime.
// A strategy that returns something malformed gets a StrategyContractError naming it and the problem.
import { unreachable } from '../core/assert.ts';
import type { CheckpointId } from '../core/ids.ts';
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
      for (const out of task.physical.outputs) {
        for (const channel of out.channelTo) if (channel !== undefined) send(world, task, channel, { barrier: effect.checkpoint });
      }
      return;
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
