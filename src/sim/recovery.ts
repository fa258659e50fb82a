// Faults and recovery. Every crash fails the whole job over: all tasks stop, everything in flight
// is dropped, pending checkpoints are aborted, and after `restartTicks` every task restarts from the
// latest completed checkpoint (sources rewind to its offsets; its channel state is re-injected ahead
// of live data, in order). A crash while the job is restarting restarts the restart.
import type { FaultKind } from '../core/history.ts';
import type { TaskIndex } from '../core/ids.ts';
import type { PositionedRecord } from '../core/messages.ts';
import { applyEffects } from './effects.ts';
import type { FaultSpec } from '../scenario/scenario.ts';
import type { CompletedCheckpoint } from './storage.ts';
import type { World } from './world.ts';

export function fireFault(world: World, fault: FaultSpec): void {
  switch (fault.kind) {
    case 'task-crash':
      return failOver(world, 'task-crash', fault.task % world.tasks.length);
    case 'global-crash':
      return failOver(world, 'global-crash', null);
    case 'coordinator-crash':
      return failOver(world, 'coordinator-crash', null);
    case 'upload-crash':
      return; // fires from the upload itself (see uploadFinished handling in the runner)
    case 'lost-trigger':
      return; // fires when the coordinator sends that trigger (Coordinator.trigger)
  }
}

export function failOver(world: World, fault: FaultKind, task: TaskIndex | null): void {
  world.record({ kind: 'crashed', tick: world.tick, fault, task });
  world.epoch++;
  world.down = true;
  world.coordinator.abortAllPending(fault === 'coordinator-crash' ? 'coordinator-failure' : 'task-failure');
  world.storage.dropInFlight();
  for (const ch of world.channels) ch.clear();
  for (const t of world.tasks) t.halt(world.tick);
  world.schedule('restore', world.tick + world.scenario.timing.restartTicks);
}

export function restore(world: World): void {
  const latest = world.storage.latest();
  world.down = false;
  world.restores++;
  world.record({ kind: 'restored', tick: world.tick, checkpoint: latest?.id ?? null, attempt: world.restores });
  for (const task of world.tasks) {
    const part = latest?.parts.get(task.physical.index);
    task.restart(part?.state ?? null, part?.sourceOffset ?? null, world.tick);
  }
  const channelState = latest ? channelStateByChannel(latest.parts) : new Map<number, PositionedRecord[]>();
  for (const [channel, entries] of channelState) world.tasks[world.channels[channel]!.to]!.restoredChannelState.set(channel, entries);
  // Every task learns it was restored; the strategy replays its inputs' channel state (normally at once).
  for (const task of world.tasks) {
    const channelsWithState = task.physical.inputs.filter((c) => channelState.has(c));
    applyEffects(world, task, task.strategy.handle({ kind: 'restored', checkpoint: latest?.id ?? null, channelsWithState }));
  }
  for (const task of world.tasks) world.wake(task, world.tick);
}

/** Each channel's stored records, from whichever task stored them, in channel order (by position). */
function channelStateByChannel(parts: CompletedCheckpoint['parts']): Map<number, PositionedRecord[]> {
  const byChannel = new Map<number, PositionedRecord[]>();
  for (const task of [...parts.keys()].sort((a, b) => a - b)) {
    for (const { channel, record, position } of parts.get(task)!.channelState) {
      const list = byChannel.get(channel) ?? [];
      list.push({ record, position });
      byChannel.set(channel, list);
    }
  }
  for (const list of byChannel.values()) list.sort((a, b) => a.position - b.position);
  return new Map([...byChannel.entries()].sort((a, b) => a[0] - b[0]));
}
