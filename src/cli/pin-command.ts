// `snapcheck pin BUNDLE`: copy a bundle into properties/regressions/, saying what it must keep doing:
// still violate its property (a canary, or a known bug) or hold (a fixed regression). The suites
// replay every pinned bundle and fail when one no longer behaves as pinned. By default the
// expectation is what the bundle does now; an existing pinned file is kept unless --force.
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { replayBundle } from '../trace/replay.ts';
import { withFields, type Expectation as Expectation } from '../trace/bundle.ts';
import { writeBundleFile } from '../trace/files.ts';
import { describeRef, readBundleOrExit, strategyForBundle } from './bundle-io.ts';
import { parseCommandArgs } from './commands.ts';
import { EXIT_OK, UsageError } from './errors.ts';
import { withSignalsHeld } from './interrupt.ts';

export const REGRESSIONS_DIR = 'properties/regressions';

export async function pinCommand(argv: string[], print: (line: string) => void): Promise<number> {
  const args = parseCommandArgs('pin', argv);
  if (args.positionals.length !== 1) throw new UsageError('usage: snapcheck pin BUNDLE.json [--expect violated|holds] [--name NAME] [--description TEXT] [--dir DIR] [--force]');
  const file = args.positionals[0]!;
  if (args.string('expect') !== undefined && args.string('expect') !== 'violated' && args.string('expect') !== 'holds') throw new UsageError(`--expect must be "violated" or "holds", got "${args.string('expect')}"`);
  const name = (args.string('name') ?? basename(file)).replace(/\.json$/, '');
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name)) throw new UsageError(`--name must be a plain file name (letters, digits, ".", "_", "-"), got "${name}"`);
  const bundle = readBundleOrExit(file);
  const target = join(args.string('dir') ?? REGRESSIONS_DIR, `${name}.json`);
  if (resolve(target) === resolve(file)) throw new UsageError(`${target} is the bundle itself; pass --name or --dir`);
  if (existsSync(target) && !args.flag('force')) throw new UsageError(`${target} already exists; pass --force to replace it, or --name to pin under another name`);
  const resolved = await strategyForBundle(bundle, undefined);
  const outcome = replayBundle(bundle, resolved.loaded.strategy);
  const violatedNow = outcome.kind !== 'fixed';
  const expected = (args.string('expect') ?? (violatedNow ? 'violated' : 'holds')) as Expectation['outcome'];
  if ((expected === 'violated') !== violatedNow) {
    const now = violatedNow ? `still violates ${bundle.property}` : `no longer violates ${bundle.property}`;
    throw new UsageError(`bundle ${file} ${now} under ${describeRef(resolved.ref)}, so it cannot be pinned as expected to ${expected === 'holds' ? 'hold' : 'fail'}`);
  }
  const description = args.string('description') ?? bundle.expectation?.description ?? defaultDescription(expected, bundle.property, resolved.ref.name);
  const pinned = withFields(bundle, { expectation: { outcome: expected, description } });
  await withSignalsHeld(() => writeBundleFile(target, pinned));
  print(`Pinned ${file} as ${target}: expected to ${expected === 'violated' ? `keep violating ${bundle.property}` : `hold (${bundle.property} no longer violated)`}.`);
  if (outcome.kind === 'diverged') print(`note: its replay diverges from the recorded History at step #${outcome.divergence.step}; the suites check the verdict, not the steps.`);
  for (const line of wiring(dirname(target))) print(line);
  return EXIT_OK;
}

function defaultDescription(expected: Expectation['outcome'], property: string, strategy: string): string {
  return expected === 'violated'
    ? `${strategy} violates ${property}: must stay caught.`
    : `${strategy} once violated ${property} on this scenario; fixed, must keep holding.`;
}

/** How the pin is replayed: snapcheck's own suites do it; a user's project wires it once per folder. */
function wiring(dir: string): string[] {
  if (resolve(dir) === resolve(REGRESSIONS_DIR) && existsSync(join('properties', 'regressions.prop.ts'))) return ['The suites replay every bundle in that directory (properties/regressions.prop.ts).'];
  return [
    `Replay every bundle in ${dir} from your vitest suite (once per folder), e.g. in test/regressions.test.ts:`,
    "  import { replayPinned } from 'snapcheck/vitest';",
    `  replayPinned('${dir.split('\\').join('/')}');`,
  ];
}
