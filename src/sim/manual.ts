// Manual driving of the simulated world, one atomic action at a time, for model-based tests:
// the driver (an fc.commands sequence) picks every step instead of the event agenda. Background
// work (RPCs, uploads, acks, notifications, restores) settles at once after each action.
import { SuppliedChoices } from '../core/choice.ts';
import type { History } from '../core/history.ts';
import { Barrier, CancellationMarker, type ChannelMessage } from '../core/messages.ts';
import type { CheckpointStrategy } from '../strategies/strategy.ts';
import { NOTIFY_COMPLETED } from './coordinator.ts';
import { uploadFinished } from './effects.ts';
import { failOver, restore } from './recovery.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { consume, handleMailbox, readSource } from './task-step.ts';
import { World } from './world.ts';

export class ManualSimulation {
  private readonly world: World;

  constructor(scenario: Scenario, strategy: CheckpointStrategy) {
    this.world = new World(scenario, strategy, new SuppliedChoices(scenario.decisions), false);
  }

  get history(): History {
    return this.world.recorder?.decode() ?? [];
  }

  get isDown(): boolean {
    return this.world.down;
  }

  taskCount(): number {
    return this.world.tasks.length;
  }

  /** Can source task `task` read its next record now? */
  canEmit(task: number): boolean {
    const t = this.world.tasks[task];
    return !this.world.down && t !== undefined && t.isSource && !t.exhausted && t.pending.length === 0;
  }

  emit(task: number): void {
    if (!this.canEmit(task)) throw new Error(`task ${task} cannot emit now`);
    readSource(this.world, this.world.tasks[task]!);
    this.settle();
  }

  /** Can the receiver of `channel` take its head now (not blocked, not stalled on its own output)? */
  canDeliver(channel: number): boolean {
    const ch = this.world.channels[channel];
    if (this.world.down || ch === undefined || ch.length === 0 || ch.blocked) return false;
    return this.world.tasks[ch.to]!.pending.length === 0;
  }

  deliver(channel: number): ChannelMessage {
    if (!this.canDeliver(channel)) throw new Error(`channel ${channel} cannot deliver now`);
    const ch = this.world.channels[channel]!;
    const head = ch.peek()!;
    consume(this.world, this.world.tasks[ch.to]!, channel);
    this.settle();
    return head;
  }

  trigger(): number | null {
    const id = this.world.coordinator.trigger();
    this.settle();
    return id;
  }

  /** Fail the whole job over; `recover` completes the restart. */
  crash(): void {
    failOver(this.world, 'global-crash', null);
  }

  recover(): void {
    this.settle();
  }

  /** Channel contents as record ids and `|n|` for barrier n, head first. */
  channelContents(channel: number): string[] {
    const ch = this.world.channels[channel]!;
    const out: string[] = [];
    for (let i = 0; i < ch.length; i++) out.push(describeMessage(ch.at(i)));
    return out;
  }

  isBlocked(channel: number): boolean {
    return this.world.channels[channel]!.blocked;
  }

  pendingOutputs(task: number): string[] {
    return this.world.tasks[task]!.pending.map((p) => `${p.channel}:${describeMessage(p.message)}`);
  }

  sourceOffset(task: number): number {
    return this.world.tasks[task]!.offset;
  }

  /** The task's operator state as plain JSON data. */
  operatorSnapshot(task: number): unknown {
    return JSON.parse(JSON.stringify(this.world.tasks[task]!.capture().operator)) as unknown;
  }

  /** Run background events to exhaustion, handling mailboxes as they fill. */
  private settle(): void {
    const world = this.world;
    for (;;) {
      this.drainMailboxes();
      const event = world.queue.pop();
      if (event === undefined) return;
      world.tick = Math.max(world.tick, event.tick);
      if (!world.isCurrent(event)) continue;
      const task = world.tasks[event.task];
      switch (event.kind) {
        case 'triggerArrived':
          task!.mailbox.push({ kind: 'checkpointTriggered', checkpoint: event.checkpoint, triggeredAt: event.detail });
          break;
        case 'timerFired':
          task!.mailbox.push({ kind: 'timerFired', checkpoint: event.checkpoint });
          break;
        case 'notificationArrived':
          world.record({ kind: 'notified', tick: world.tick, task: event.task, checkpoint: event.checkpoint, outcome: event.detail === NOTIFY_COMPLETED ? 'completed' : 'aborted' });
          task!.mailbox.push({ kind: event.detail === NOTIFY_COMPLETED ? 'checkpointCompleted' : 'checkpointAborted', checkpoint: event.checkpoint });
          break;
        case 'uploadFinished':
          uploadFinished(world, task!, event.checkpoint);
          break;
        case 'ackArrived':
          world.coordinator.ackArrived(event.task, event.checkpoint);
          break;
        case 'declineArrived':
          world.coordinator.declineArrived(event.task, event.checkpoint, event.note);
          break;
        case 'restore':
          restore(world);
          break;
        default:
          break; // expiry, wakes and the global timeline do not exist in manual driving
      }
    }
  }

  /** Mailboxes are handled even while a task waits for credit, as in timed runs. */
  private drainMailboxes(): void {
    for (const task of this.world.tasks) {
      while (!this.world.down && task.mailbox.length > 0) handleMailbox(this.world, task);
    }
  }
}

/** `|n|` for barrier n (`|n!|` when priority), `x|n|` for a cancellation marker, else the record id. */
export function describeMessage(message: ChannelMessage): string {
  if (message instanceof Barrier) return `|${message.checkpoint}${message.priority ? '!' : ''}|`;
  if (message instanceof CancellationMarker) return `x|${message.checkpoint}|`;
  return message.id;
}
