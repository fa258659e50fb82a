// A pinned regression (`snapcheck pin`) judged: replayed with its recorded decisions, it must still
// behave as pinned. A canary or a known bug must still violate its property; a fixed bug must hold,
// and so must every other property of its strategy's guarantee. The verdict is what is pinned: a
// replay that diverges from the recorded History but still behaves as pinned passes, and says where.
import type { CheckpointStrategy } from '../strategies/strategy.ts';
import type { Bundle } from '../trace/bundle.ts';
import { replayBundle } from '../trace/replay.ts';
import { evaluate, PROPERTIES_BY_GUARANTEE } from './suite.ts';

export type PinnedVerdict =
  | { readonly ok: true; readonly note: string | null }
  | { readonly ok: false; readonly problem: string };

/** `replay` is the command that replays the pin, quoted in messages. */
export function checkPinned(bundle: Bundle, strategy: CheckpointStrategy, replay: string): PinnedVerdict {
  const expectation = bundle.expectation;
  if (expectation === null) return { ok: false, problem: `it says nothing about what it must keep doing: pin it with \`snapcheck pin\`` };
  const outcome = replayBundle(bundle, strategy);
  const note = outcome.kind !== 'reproduced' && outcome.divergence !== null ? `the replay diverges from the recorded History at step #${outcome.divergence.step} (${replay})` : null;
  if (expectation.outcome === 'violated') {
    if (outcome.kind === 'fixed') return { ok: false, problem: `it no longer violates ${bundle.property}: ${expectation.description} (${replay})` };
    return { ok: true, note };
  }
  if (outcome.kind !== 'fixed') return { ok: false, problem: `it violates ${bundle.property} again: ${expectation.description} (${replay})` };
  const scenario = { ...bundle.scenario, decisions: [...bundle.decisions] };
  const violated = evaluate(strategy, scenario, PROPERTIES_BY_GUARANTEE[strategy.guarantee], null).map((f) => f.property);
  if (violated.length > 0) return { ok: false, problem: `it now violates ${violated.join(', ')}: ${expectation.description} (${replay})` };
  return { ok: true, note };
}
