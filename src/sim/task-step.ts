// What a task does when it runs: handle its mailbox, take a visible priority barrier, read its
// source log, or consume one input. Each step is atomic; its outputs are placed at once or wait for
// credit (backpressure). A task waiting for credit still handles its mailbox and priority barriers,
// as a Flink task does through its mailbox while its output is unavailable.
import { Barrier, CancellationMarker, isRecord, type ChannelMessage, type DataRecord } from '../core/messages.ts';
import { BROADCAST, nextRoundRobin, route } from '../dataflow/partitioners.ts';
import { applyEffects } from './effects.ts';
import type { TaskRuntime } from './task.ts';
import type { World } from './world.ts';

/** Reused for every operator call: emitting never re-enters an operator. */
const derived: DataRecord[] = [];

/** Timed stepping: decide what the task does now, and when it wants to run next. */
export function stepTask(world: World, task: TaskRuntime): void {
  if (world.down) return;
  if (task.busyUntil > world.tick) return world.wake(task, task.busyUntil);
  if (task.mailbox.length > 0) {
    handleMailbox(world, task);
    return finishStep(world, task, 1);
  }
  const priority = visiblePriorityBarrier(world, task);
  if (priority !== undefined) {
    consume(world, task, priority);
    return finishStep(world, task, 1);
  }
  if (task.pending.length > 0) return; // stalled: woken when a receiver frees credit
  if (task.isSource) {
    if (task.exhausted || task.paused) return;
    readSource(world, task);
    return finishStep(world, task, 1 + world.choose('cost', world.scenario.timing.processingTicksMax));
  }
  const channel = pickInput(world, task);
  if (channel === undefined) return;
  const wasRecord = consume(world, task, channel);
  finishStep(world, task, wasRecord ? 1 + world.choose('cost', world.scenario.timing.processingTicksMax) : 1);
}

function finishStep(world: World, task: TaskRuntime, ticks: number): void {
  task.busyUntil = world.tick + ticks;
  world.wake(task, task.busyUntil);
}

/** The first input (in input order) whose visible head is a priority barrier. */
export function visiblePriorityBarrier(world: World, task: TaskRuntime): number | undefined {
  if (!world.priorityBarriersSent) return undefined; // no strategy in this run sends any: skip the scan
  for (const input of task.physical.inputs) {
    const ch = world.channels[input]!;
    const head = ch.peek();
    if (head instanceof Barrier && head.priority && ch.headVisibleAt()! <= world.tick) return input;
  }
  return undefined;
}

/** Among inputs whose head is visible and not blocked, pick one (a choice); else sleep until the next arrives. */
function pickInput(world: World, task: TaskRuntime): number | undefined {
  const inputs = task.physical.inputs;
  let ready = 0;
  let first = -1;
  let nextVisible = Infinity;
  for (let i = 0; i < inputs.length; i++) {
    const ch = world.channels[inputs[i]!]!;
    if (ch.blocked) continue;
    const at = ch.headVisibleAt();
    if (at === undefined) continue;
    if (at <= world.tick) {
      if (ready === 0) first = i;
      ready++;
    } else if (at < nextVisible) nextVisible = at;
  }
  if (ready === 0) {
    if (nextVisible !== Infinity) world.wake(task, nextVisible);
    return undefined;
  }
  if (ready === 1) return inputs[first];
  let pick = world.choose('input', ready - 1);
  for (let i = first; i < inputs.length; i++) {
    const ch = world.channels[inputs[i]!]!;
    if (ch.blocked || (ch.headVisibleAt() ?? Infinity) > world.tick) continue;
    if (pick === 0) return inputs[i];
    pick--;
  }
  return undefined;
}

export function handleMailbox(world: World, task: TaskRuntime): void {
  const event = task.mailbox.shift()!;
  applyEffects(world, task, task.strategy.handle(event));
}

export function readSource(world: World, task: TaskRuntime): void {
  const spec = task.log![task.offset]!;
  const record = task.records.source(task.physical.label, task.offset, spec.key, spec.value);
  world.recorder?.read(world.tick, task.physical.index, task.offset, record);
  task.offset++;
  emitRecord(world, task, record);
}

/** Take the head of `channel` and apply it: a record goes through the operator, control messages to the strategy. Returns whether it was a record. */
export function consume(world: World, task: TaskRuntime, channelIndex: number): boolean {
  const ch = world.channels[channelIndex]!;
  const wasFull = ch.records >= ch.capacity;
  const message = ch.dequeue();
  if (!isRecord(message)) {
    consumeControl(world, task, channelIndex, message);
    return false;
  }
  const taskIndex = task.physical.index;
  // Record the dequeue before the sender refills the freed slot, so the History shows them in causal order.
  world.recorder?.processed(world.tick, taskIndex, channelIndex, message);
  if (wasFull) flushPending(world, world.tasks[ch.from]!);
  if (task.observesRecords) {
    task.received = { channel: channelIndex, record: message, position: ch.lastDequeuedPosition };
    applyEffects(world, task, task.strategy.handle({ kind: 'recordReceived', channel: channelIndex, record: message }));
    task.received = null;
  }
  const channel = world.graph.channels[channelIndex]!;
  task.operator.apply(task.state, message, world.tasks[channel.from]!.physical.label, channel.side, derived);
  // Popping in reverse would reorder a flat-map's outputs: iterate, then empty without a length write.
  for (let i = 0; i < derived.length; i++) emitRecord(world, task, derived[i]!);
  while (derived.length > 0) derived.pop();
  return true;
}

function consumeControl(world: World, task: TaskRuntime, channelIndex: number, message: ChannelMessage): void {
  const taskIndex = task.physical.index;
  if (message instanceof Barrier) {
    world.recorder?.barrier(false, message.priority, world.tick, taskIndex, channelIndex, message.checkpoint);
    task.lastBarrier.set(channelIndex, message);
    if (!message.priority) {
      world.channels[channelIndex]!.blocked = true; // an aligned barrier pauses its channel until the strategy resumes it
      world.recorder?.blocking(true, world.tick, taskIndex, channelIndex);
    }
    const { checkpoint, triggeredAt, priority } = message;
    applyEffects(world, task, task.strategy.handle({ kind: 'barrierReceived', channel: channelIndex, checkpoint, triggeredAt, priority }));
  } else if (message instanceof CancellationMarker) {
    world.record({ kind: 'cancellationReceived', tick: world.tick, task: taskIndex, channel: channelIndex, checkpoint: message.checkpoint });
    applyEffects(world, task, task.strategy.handle({ kind: 'cancellationReceived', channel: channelIndex, checkpoint: message.checkpoint }));
  }
}

function emitRecord(world: World, task: TaskRuntime, record: DataRecord): void {
  const outputs = task.physical.outputs;
  for (let o = 0; o < outputs.length; o++) {
    const out = outputs[o]!;
    const roundRobin = task.roundRobin[o]!;
    const target = route(out.partitioner, record, task.physical.subtask, out.receiverParallelism, roundRobin);
    if (target === BROADCAST) for (const channel of out.channelTo) send(world, task, channel!, record);
    else send(world, task, out.channelTo[target]!, record);
    task.roundRobin[o] = nextRoundRobin(out.partitioner, out.receiverParallelism, roundRobin);
  }
}

/**
 * The task emits `message` on `channelIndex`: it is sent now (recorded, and given its position),
 * and placed into the channel at once, or kept pending, in order, until credit frees up.
 */
export function send(world: World, task: TaskRuntime, channelIndex: number, message: ChannelMessage): void {
  const ch = world.channels[channelIndex]!;
  const taskIndex = task.physical.index;
  let position = -1;
  if (isRecord(message)) {
    position = ch.nextPosition();
    world.recorder?.sent(world.tick, taskIndex, channelIndex, message);
  } else if (message instanceof Barrier) {
    world.recorder?.barrier(true, false, world.tick, taskIndex, channelIndex, message.checkpoint);
  } else {
    world.record({ kind: 'cancellationSent', tick: world.tick, task: taskIndex, channel: channelIndex, checkpoint: message.checkpoint });
  }
  if (task.pending.length > 0 || !ch.hasCreditFor(message)) task.pending.push({ channel: channelIndex, message, position });
  else place(world, channelIndex, message, position);
}

function place(world: World, channelIndex: number, message: ChannelMessage, position: number): void {
  const ch = world.channels[channelIndex]!;
  const visibleAt = ch.enqueue(message, world.tick + 1 + world.choose('delay', world.scenario.timing.deliveryDelayTicksMax), position);
  world.wake(world.tasks[ch.to]!, visibleAt);
}

/** Credit freed on one of `task`'s output channels: place what now fits, in order. */
export function flushPending(world: World, task: TaskRuntime): void {
  const pending = task.pending;
  let placed = 0;
  while (placed < pending.length) {
    const next = pending[placed]!;
    if (!world.channels[next.channel]!.hasCreditFor(next.message)) break;
    place(world, next.channel, next.message, next.position);
    placed++;
  }
  if (placed > 0) pending.splice(0, placed);
  if (pending.length === 0 && placed > 0) world.wake(task, Math.max(world.tick, task.busyUntil));
}
