// `snapcheck replay BUNDLE [--html OUT.html] [--strategy SPEC]`: re-run a bundle with its recorded
// decisions and compare the History step by step with the recorded hash chain. Exit codes:
// 1 reproduced (with the diagnosis), 0 no longer fails, 3 diverged (the first differing step, both
// versions), 2 a bad bundle or option (and nothing is written).
import { resolve } from 'node:path';
import { replayBundle, type ReplayOutcome } from '../trace/replay.ts';
import { writeFileAtomically } from '../trace/files.ts';
import type { Bundle } from '../trace/bundle.ts';
import { renderDiagramPage, type DiagramPage } from '../report/diagram/html.ts';
import type { Violation } from '../report/diagnosis.ts';
import { formatReplay } from '../report/replay-text.ts';
import { describeRef, readBundleOrExit, strategyForBundle } from './bundle-io.ts';
import { parseCommandArgs } from './commands.ts';
import { EXIT_OK, EXIT_VIOLATION, UsageError } from './errors.ts';
import { withSignalsHeld } from './interrupt.ts';
import type { ResultsSink } from './results-output.ts';

export const EXIT_DIVERGED = 3;

export async function replayCommand(argv: string[], print: (line: string) => void, sink: ResultsSink | null = null): Promise<number> {
  const args = parseCommandArgs('replay', argv);
  if (args.positionals.length !== 1) throw new UsageError('usage: snapcheck replay BUNDLE.json [--html OUT.html] [--strategy NAME|PATH]');
  const file = args.positionals[0]!;
  const html = args.string('html');
  if (html !== undefined && resolve(html) === resolve(file)) throw new UsageError('--html must not name the bundle itself');
  const bundle = readBundleOrExit(file);
  const resolved = await strategyForBundle(bundle, args.string('strategy'));
  print(`snapcheck replay ${file}: ${describeRef(resolved.ref)}, property ${bundle.property}, written by snapcheck ${bundle.tool.version}`);
  for (const warning of resolved.warnings) print(`warning: ${warning}`);
  const started = performance.now();
  const outcome = replayBundle(bundle, resolved.loaded.strategy);
  const elapsedMs = performance.now() - started;
  print('');
  const lines = formatReplay(bundle, outcome);
  for (const line of lines) print(line);
  if (html !== undefined) {
    const path = html;
    await withSignalsHeld(() => writeFileAtomically(path, renderDiagramPage(diagramOf(bundle, outcome, file, resolved.ref.name))));
    print('');
    print(`Space-time diagram written to ${path}`);
  }
  const summary = outcome.kind === 'reproduced' ? `reproduced: ${bundle.property} still violated` : outcome.kind === 'fixed' ? `no longer fails: ${bundle.property} holds` : `diverged at step #${outcome.divergence.step}: ${bundle.property} still violated`;
  print('');
  print(summary);
  sink?.summary(summary);
  sink?.add({
    name: file,
    kind: 'bundle',
    elapsedMs: Math.round(elapsedMs),
    details: { strategy: resolved.ref, outcome: outcome.kind, ...(outcome.kind === 'diverged' ? { divergedAt: outcome.divergence.step } : {}) },
    cases: [
      outcome.kind === 'fixed'
        ? { name: bundle.property, status: 'passed', message: summary }
        : { name: bundle.property, status: 'failed', message: summary, text: lines.join('\n'), bundle: file, reproduce: [`npx snapcheck replay ${file}`] },
    ],
  });
  return outcome.kind === 'reproduced' ? EXIT_VIOLATION : outcome.kind === 'fixed' ? EXIT_OK : EXIT_DIVERGED;
}

function diagramOf(bundle: Bundle, outcome: ReplayOutcome, file: string, strategy: string): DiagramPage {
  const history = outcome.run.kind === 'ran' ? outcome.run.history : [];
  const violation = outcome.kind === 'fixed' ? null : ({ property: bundle.property, ...outcome.outcome } as Violation);
  const banner: DiagramPage['banner'] =
    outcome.kind === 'reproduced'
      ? { kind: 'reproduced', text: 'REPRODUCED: byte-identical History, still violated' }
      : outcome.kind === 'fixed'
        ? { kind: 'fixed', text: `NO LONGER FAILS: ${bundle.property} holds on replay` }
        : { kind: 'diverged', text: `DIVERGED at step #${outcome.divergence.step}: still violated, but the History differs from the recorded one` };
  const search = bundle.search === null ? [] : [`seed ${bundle.search.seed}, path ${bundle.search.path} (found after ${bundle.search.runsToFind} run(s))`];
  return {
    title: outcome.kind === 'fixed' ? `${strategy}: ${bundle.property} no longer violated` : `${strategy} violates ${bundle.property}`,
    banner,
    meta: [`bundle ${file}, written by snapcheck ${bundle.tool.version} (${bundle.createdBy})`, ...search, `replay: npx snapcheck replay ${file}`],
    scenario: bundle.scenario,
    history,
    violation,
  };
}
