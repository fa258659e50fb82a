// The simulator's behaviour, observed through the History it returns.
import { describe, expect, it } from 'vitest';
import { RecordedChoices, SeededChoices } from '../core/choice.ts';
import type { EventOf, History, HistoryEventKind } from '../core/history.ts';
import type { Timing } from '../scenario/scenario.ts';
import { aligned } from '../strategies/aligned/index.ts';
import { hashHistory } from '../trace/hash.ts';
import { ManualSimulation } from './manual.ts';
import { run, UnsupportedTopology } from './runner.ts';
import { chandyLamport } from '../strategies/chandy-lamport/index.ts';
import { twoInputScenario } from './test-scenarios.ts';

function eventsOf<K extends HistoryEventKind>(history: History, kind: K): EventOf<K>[] {
  return history.filter((e): e is EventOf<K> => e.kind === kind);
}

describe('run', () => {
  it('is deterministic: same scenario, byte-identical History', () => {
    const scenario = twoInputScenario({ decisions: [3, 1, 4, 1, 5, 9, 2, 6] });
    expect(hashHistory(run(scenario, aligned).history)).toBe(hashHistory(run(scenario, aligned).history));
  });

  it('replays a seeded run exactly from its recorded decisions', () => {
    const scenario = twoInputScenario({ triggers: [1, 3, 5], faults: [{ kind: 'global-crash', tick: 9 }] });
    const seeded = run(scenario, aligned, { choices: new SeededChoices(77) });
    const replayed = run(scenario, aligned, { choices: new RecordedChoices(seeded.decisions) });
    expect(seeded.decisions.length).toBeGreaterThan(10);
    expect(hashHistory(replayed.history)).toBe(hashHistory(seeded.history));
  });

  it('never holds more records in a channel than its capacity: a full channel stalls its sender', () => {
    const manual = new ManualSimulation(twoInputScenario({ records: 6, timing: { channelCapacity: 2 } }), aligned);
    const source = 0; // a.0, feeding channel 0 (a.0->c.0)
    let emitted = 0;
    while (manual.canEmit(source)) {
      manual.emit(source);
      emitted++;
    }
    expect(manual.channelContents(0)).toEqual(['a.0@0', 'a.0@1']);
    expect(manual.pendingOutputs(source)).toEqual(['0:a.0@2']);
    expect(emitted).toBe(3); // the third record found no credit: the source stalls with it pending
    manual.deliver(0);
    expect(manual.channelContents(0)).toEqual(['a.0@1', 'a.0@2']);
    expect(manual.pendingOutputs(source)).toEqual([]);
    expect(manual.canEmit(source)).toBe(true);
  });

  it('lets several checkpoints be pending at once and completes them in id order', () => {
    const { history } = run(twoInputScenario({ triggers: [1, 2, 3], timing: { uploadTicksMax: 6 } }), aligned);
    const order = history.filter((e) => e.kind === 'triggered' || e.kind === 'completed').map((e) => e.kind);
    expect(order.slice(0, 2)).toEqual(['triggered', 'triggered']);
    expect(eventsOf(history, 'completed').map((e) => e.checkpoint)).toEqual([1, 2, 3]);
  });

  it('restores every task from the latest completed checkpoint and rewinds sources to its offsets', () => {
    const { history } = run(twoInputScenario({ records: 12, triggers: [2], faults: [{ kind: 'task-crash', tick: 30, task: 2 }] }), aligned);
    const completed = eventsOf(history, 'completed');
    const restored = eventsOf(history, 'restored');
    expect(completed.map((e) => e.checkpoint)).toEqual([1]);
    expect(restored).toEqual([{ kind: 'restored', tick: 35, checkpoint: 1, attempt: 1 }]);
    const snapshot = eventsOf(history, 'snapshotTaken').find((e) => e.task === 0 && e.checkpoint === 1)!;
    const firstReadAfter = history.slice(history.indexOf(restored[0]!)).find((e) => e.kind === 'read' && e.task === 0) as EventOf<'read'>;
    expect(firstReadAfter.offset).toBe(snapshot.sourceOffset);
  });

  it('loses an upload in flight at a crash: the checkpoint never completes and recovery uses the one before', () => {
    const { history } = run(twoInputScenario({ triggers: [2, 20], faults: [{ kind: 'upload-crash', upload: 4 }], timing: { uploadTicksMax: 0 } }), aligned);
    const crash = eventsOf(history, 'crashed')[0]!;
    expect(crash.fault).toBe('upload-crash');
    expect(eventsOf(history, 'aborted').map((e) => [e.checkpoint, e.reason])).toEqual([[2, 'task-failure']]);
    expect(eventsOf(history, 'restored')[0]!.checkpoint).toBe(1);
  });

  it('loses a trigger RPC: that source skips the checkpoint, and its newer barrier subsumes it downstream', () => {
    // RPCs 0 and 1 trigger checkpoint 1 at sources a and b; RPC 2 would trigger checkpoint 2 at a.
    const { history } = run(twoInputScenario({ triggers: [2, 4, 30], faults: [{ kind: 'lost-trigger', trigger: 2 }] }), aligned);
    expect(eventsOf(history, 'triggerLost')).toEqual([{ kind: 'triggerLost', tick: 4, to: 0, checkpoint: 2 }]);
    const snapshotsOf = (task: number) => eventsOf(history, 'snapshotTaken').filter((e) => e.task === task).map((e) => e.checkpoint);
    expect(snapshotsOf(0)).not.toContain(2);
    expect(snapshotsOf(1)).toContain(2);
    // The count aligned checkpoint 2 on b's input; a's barrier 3 gives it up there.
    expect(eventsOf(history, 'declined').map((e) => [e.task, e.checkpoint, e.reason])).toEqual([[2, 2, 'subsumed']]);
    expect(eventsOf(history, 'cancellationSent').map((e) => e.checkpoint)).toEqual([2]);
    expect(eventsOf(history, 'completed').map((e) => e.checkpoint)).toEqual([1, 3]);
  });

  it('loses no trigger outside the fault window', () => {
    const { history } = run(twoInputScenario({ triggers: [2, 70], faults: [{ kind: 'lost-trigger', trigger: 2 }] }), aligned);
    expect(eventsOf(history, 'triggerLost')).toHaveLength(0);
    expect(eventsOf(history, 'completed').map((e) => e.checkpoint)).toEqual([1, 2]);
  });

  it('keeps checkpoint ids increasing across a coordinator crash', () => {
    const { history } = run(twoInputScenario({ triggers: [1, 3, 30, 40], faults: [{ kind: 'coordinator-crash', tick: 4 }] }), aligned);
    expect(eventsOf(history, 'aborted').every((e) => e.reason === 'coordinator-failure')).toBe(true);
    const ids = eventsOf(history, 'triggered').map((e) => e.checkpoint);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    expect(eventsOf(history, 'crashed')[0]!.fault).toBe('coordinator-crash');
  });

  it('restarts the restart when a crash hits during recovery', () => {
    const { history } = run(twoInputScenario({ faults: [{ kind: 'global-crash', tick: 5 }, { kind: 'task-crash', tick: 7, task: 1 }], timing: { restartTicks: 5 } }), aligned);
    const kinds = history.filter((e) => e.kind === 'crashed' || e.kind === 'restored').map((e) => `${e.kind}@${e.tick}`);
    expect(kinds).toEqual(['crashed@5', 'crashed@7', 'restored@12']);
    expect(eventsOf(history, 'quiesced')).toHaveLength(1);
  });

  it('fires no fault after the fault window: the liveness phase is fault-free', () => {
    const { history } = run(twoInputScenario({ faults: [{ kind: 'global-crash', tick: 61 }] }), aligned);
    expect(eventsOf(history, 'crashed')).toHaveLength(0);
    expect(eventsOf(history, 'livenessPhaseStarted')[0]!.tick).toBe(60);
  });

  it('aborts a checkpoint that outlives its timeout', () => {
    const { history } = run(twoInputScenario({ triggers: [1], timing: { checkpointTimeoutTicks: 2, rpcDelayTicksMax: 3 }, decisions: [3, 3, 3, 3] }), aligned);
    expect(eventsOf(history, 'aborted').map((e) => e.reason)).toEqual(['expired']);
    expect(eventsOf(history, 'notified').filter((e) => e.outcome === 'aborted')).toHaveLength(4);
  });

  it('fails the job over when more consecutive checkpoints fail than tolerated', () => {
    const scenario = twoInputScenario({ triggers: [1, 2, 3], timing: { checkpointTimeoutTicks: 1, tolerableFailedCheckpoints: 1, rpcDelayTicksMax: 3 }, decisions: Array(12).fill(3) });
    const { history } = run(scenario, aligned);
    const expired = eventsOf(history, 'aborted').filter((e) => e.reason === 'expired');
    const failover = eventsOf(history, 'crashed').find((e) => e.fault === 'too-many-failed-checkpoints');
    expect(expired.length).toBeGreaterThanOrEqual(2);
    expect(failover).toBeDefined();
    // The second consecutive failure (one more than tolerated) is what fails the job over.
    expect(history.indexOf(failover!)).toBeGreaterThan(history.indexOf(expired[1]!));
    const unlimited = { ...scenario, timing: { ...scenario.timing, tolerableFailedCheckpoints: undefined } };
    expect(eventsOf(run(unlimited, aligned).history, 'crashed')).toHaveLength(0);
  });

  it('refuses a cyclic topology for a strategy that does not support cycles, naming the back-edge', () => {
    const cyclic = {
      ...twoInputScenario(),
      topology: {
        nodes: [
          { id: 'a', kind: 'source' as const, parallelism: 1 },
          { id: 'b', kind: 'source' as const, parallelism: 1 },
          { id: 'u', kind: 'union' as const, parallelism: 1 },
          { id: 'd', kind: 'decrement' as const, parallelism: 1 },
          { id: 'k', kind: 'sink' as const, parallelism: 1 },
        ],
        edges: [
          { from: 'a', to: 'u', partitioner: 'forward' as const },
          { from: 'b', to: 'u', partitioner: 'forward' as const },
          { from: 'u', to: 'd', partitioner: 'forward' as const },
          { from: 'd', to: 'u', partitioner: 'forward' as const, backEdge: true },
          { from: 'u', to: 'k', partitioner: 'forward' as const },
        ],
      },
    };
    expect(() => run(cyclic, aligned)).toThrow(UnsupportedTopology);
    expect(() => run(cyclic, aligned)).toThrow('strategy "aligned" does not support cyclic topologies, and back-edge d -> u makes one');
    expect(eventsOf(run(cyclic, chandyLamport).history, 'quiesced')).toHaveLength(1);
  });

  it('reports a liveness phase that exceeds its bound as stuck', () => {
    const scenario = { ...twoInputScenario({ records: 40 }), limits: { faultWindowTicks: 0, livenessTicksMax: 10 } };
    const stuck = run(scenario, aligned).history.find((e) => e.kind === 'stuck');
    expect(stuck).toMatchObject({ reason: 'the job did not quiesce within 10 ticks of the liveness phase' });
  });

  it('ends with one final state per task after quiescence', () => {
    const { history } = run(twoInputScenario(), aligned);
    const end = history.slice(history.findIndex((e) => e.kind === 'quiesced'));
    expect(end.map((e) => e.kind)).toEqual(['quiesced', 'finalState', 'finalState', 'finalState', 'finalState']);
  });

  describe('the final checkpoint', () => {
    const withFinal = (timing: Partial<Timing> = {}) => {
      const scenario = twoInputScenario({ timing });
      return { ...scenario, limits: { ...scenario.limits, finalCheckpoint: true } };
    };

    it('is triggered once the job has drained, after every other event, and completes', () => {
      const { history } = run(withFinal(), aligned);
      const drainedAt = history.findIndex((e) => e.kind === 'drained');
      expect(drainedAt).toBeGreaterThan(history.findIndex((e) => e.kind === 'livenessPhaseStarted'));
      expect(eventsOf(history.slice(0, drainedAt), 'read')).toHaveLength(16); // every record read before it
      expect(history[drainedAt + 1]).toMatchObject({ kind: 'triggered', checkpoint: 3 });
      expect(eventsOf(history, 'completed').map((e) => e.checkpoint)).toContain(3);
      expect(history.at(-5)!.kind).toBe('quiesced');
    });

    it('never expires: it completes even when every other checkpoint times out', () => {
      const { history } = run(withFinal({ checkpointTimeoutTicks: 1, uploadTicksMax: 6 }), aligned);
      expect(eventsOf(history, 'aborted').map((e) => [e.checkpoint, e.reason])).toEqual([[1, 'expired'], [2, 'expired']]);
      expect(eventsOf(history, 'completed').map((e) => e.checkpoint)).toEqual([3]);
    });

    it('is not taken unless the scenario asks for it (older scenarios replay unchanged)', () => {
      expect(eventsOf(run(twoInputScenario(), aligned).history, 'drained')).toEqual([]);
    });
  });
});

