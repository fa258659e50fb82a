// Bundles on the command line: `run` writes them, `replay` reproduces, diverges or reports a fix,
// `shrink` makes them smaller, `pin` files them as regressions; bad bundles exit 2 and nothing is
// overwritten. In-process through main(), and as real processes where a module changes on disk
// between two commands or a Ctrl-C arrives.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBundle, type Bundle } from '../trace/bundle.ts';
import { findStrategy } from '../strategies/registry.ts';
import { formatBundle } from '../trace/bundle-format.ts';
import { readBundleFile } from '../trace/files.ts';
import { runSuite } from '../suite/suite.ts';
import { cli } from './test-cli.ts';


const tmp = () => mkdtempSync(join(tmpdir(), 'snapcheck-bundles-'));

function bundleAt(file: string): Bundle {
  const read = readBundleFile(file);
  if (!read.ok) throw new Error(read.problem);
  return read.bundle;
}

/** A canary's bundle as `run` writes it. */
async function canaryBundle(strategy: string, dir = tmp()): Promise<string> {
  const { code } = await cli('run', '--strategy', strategy, '--runs', '400', '--seed', '7', '--no-progress', '--out', dir);
  expect(code).toBe(1);
  const [file, ...more] = readdirSync(dir);
  expect(more).toEqual([]);
  return join(dir, file!);
}

describe('snapcheck run writes bundles', () => {
  it('one per failing strategy, which replay reproduces (exit 1) and check accepts', async () => {
    const dir = tmp();
    const { code, out } = await cli('run', '--strategy', 'no-align,early-unblock', '--runs', '400', '--seed', '7', '--no-progress', '--out', dir);
    expect(code).toBe(1);
    const files = readdirSync(dir).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^early-unblock-(cut-consistency|barrier-protocol)-seed7\.json$/); // its first violation in this seed
    expect(files[1]).toBe('no-align-cut-consistency-seed7.json');
    expect(out).toContain(`npx snapcheck replay ${join(dir, 'no-align-cut-consistency-seed7.json')}`);
    for (const file of readdirSync(dir)) {
      const bundle = bundleAt(join(dir, file));
      expect(bundle).toMatchObject({ strategy: { kind: 'built-in' }, property: file.split('-seed')[0]!.replace(/^(no-align|early-unblock)-/, ''), search: { seed: 7, runs: 400 }, verdict: { status: 'violated' } });
      const replay = await cli('replay', join(dir, file));
      expect(replay.code).toBe(1);
      expect(replay.out).toContain(`REPRODUCED: ${bundle.property} is still violated, and the replayed History is byte-identical`);
      expect((await cli('check', join(dir, file))).code).toBe(1);
    }
  });
});

describe('snapcheck replay', () => {
  it('writes the space-time diagram with --html', async () => {
    const file = await canaryBundle('early-unblock');
    const html = join(tmp(), 'diagram.html');
    const { code, out } = await cli('replay', file, '--html', html);
    expect(code).toBe(1);
    expect(out).toContain(`Space-time diagram written to ${html}`);
    expect(readFileSync(html, 'utf8')).toContain('data-witness="W1"');
  });

  it('reports a fix as no longer failing (exit 0), naming where the History changed', async () => {
    const { code, out } = await cli('replay', await canaryBundle('no-align'), '--strategy', 'aligned');
    expect(code).toBe(0);
    expect(out).toContain('warning: replaying with strategy aligned (built-in) instead of the recorded no-align (built-in)');
    expect(out).toContain('NO LONGER FAILS: cut-consistency holds on replay: the regression is fixed.');
    expect(out).toMatch(/The History first differs from the recorded one at step #\d+/);
  });

  it('rejects truncated, hand-edited, future-version and missing bundles with exit 2, writing nothing', async () => {
    const dir = tmp();
    const text = readFileSync(await canaryBundle('no-align'), 'utf8');
    const cases: [string, string | null, RegExp][] = [
      ['truncated.json', text.slice(0, text.length / 2), /truncated\.json: not valid JSON \(truncated or corrupted\?\)/],
      ['edited.json', text.replace('"createdBy": "', '"createdBy": "edited by hand: '), /edited\.json: the bundle was modified after it was written/],
      ['future.json', text.replace('"formatVersion": 1,\n  "tool"', '"formatVersion": 2,\n  "tool"'), /future\.json: written by a newer snapcheck \(bundle format 2/],
      ['missing.json', null, /missing\.json: cannot read it: ENOENT/],
    ];
    const html = join(dir, 'keep.html');
    writeFileSync(html, 'keep');
    for (const [name, content, problem] of cases) {
      expect(content, name).not.toBe(text);
      if (content !== null) writeFileSync(join(dir, name), content);
      for (const argv of [['replay', join(dir, name), '--html', html], ['shrink', join(dir, name)], ['pin', join(dir, name), '--dir', dir]]) {
        const { code, err } = await cli(...argv);
        expect(code, argv.join(' ')).toBe(2);
        expect(err).toMatch(problem);
        expect(err.split('\n')).toHaveLength(1);
      }
      if (content !== null) expect(readFileSync(join(dir, name), 'utf8')).toBe(content);
    }
    expect(readFileSync(html, 'utf8')).toBe('keep');
    expect(readdirSync(dir).sort()).toEqual(['edited.json', 'future.json', 'keep.html', 'truncated.json']);
  });
});

describe('snapcheck shrink', () => {
  it('writes a smaller bundle with the same violated property, never over its input unless asked', async () => {
    const dir = tmp();
    const strategy = findStrategy('no-align')!;
    const ce = runSuite(strategy, { runs: 400, seed: 12, minimize: false }).counterexample!;
    const input = join(dir, 'big.json');
    const big = createBundle({ strategy, strategyRef: { kind: 'built-in', name: 'no-align' }, scenario: ce.scenario, property: ce.property, search: null, createdBy: 'test' });
    writeFileSync(input, formatBundle(big));
    const before = readFileSync(input, 'utf8');
    expect((await cli('shrink', input, '--out', input)).code).toBe(2);
    const { code, out } = await cli('shrink', input);
    expect(code).toBe(0);
    const output = join(dir, 'big.shrunk.json');
    expect(out).toContain(`Shrunk bundle written to ${output}`);
    expect(readFileSync(input, 'utf8')).toBe(before);
    const small = bundleAt(output);
    expect(small.property).toBe(big.property);
    expect(small.history.length).toBeLessThan(big.history.length);
    expect((await cli('replay', output)).code).toBe(1);
    expect((await cli('shrink', output, '--in-place')).code).toBe(0);
    expect(bundleAt(output).history.length).toBeLessThanOrEqual(small.history.length);
  });

  it('refuses a bundle that no longer fails', async () => {
    const { code, err } = await cli('shrink', await canaryBundle('no-align'), '--strategy', 'aligned');
    expect(code).toBe(2);
    expect(err).toMatch(/no longer violates cut-consistency .*: nothing to shrink/);
  });
});

describe('snapcheck pin', () => {
  it('files a bundle with what it must keep doing, and keeps an existing pin unless --force', async () => {
    const dir = tmp();
    const file = await canaryBundle('no-align');
    const pinned = await cli('pin', file, '--dir', dir, '--name', 'canary');
    expect(pinned.code).toBe(0);
    // Outside snapcheck's own regressions folder, it says how to replay the folder from vitest.
    expect(pinned.out).toContain(`  import { replayPinned } from 'snapcheck/vitest';\n  replayPinned('${dir}');`);
    expect(bundleAt(join(dir, 'canary.json')).expectation).toEqual({ outcome: 'violated', description: 'no-align violates cut-consistency: must stay caught.' });
    expect((await cli('pin', file, '--dir', dir, '--name', 'canary')).err).toMatch(/canary\.json already exists; pass --force/);
    expect((await cli('pin', file, '--dir', dir, '--name', 'canary', '--force', '--description', 'd')).code).toBe(0);
    expect((await cli('pin', file, '--dir', dir, '--name', 'other', '--expect', 'holds')).err).toMatch(/still violates cut-consistency .* cannot be pinned as expected to hold/);
    expect((await cli('replay', join(dir, 'canary.json'))).code).toBe(1);
  });
});

describe('snapcheck as a process', () => {
  const bin = (...args: string[]) => spawnSync(process.execPath, ['bin/snapcheck.mjs', ...args], { encoding: 'utf8' });

  it('reports a changed strategy module: a warning, then the step where the History diverges (exit 3)', () => {
    const dir = tmp();
    const module = join(dir, 'user-strategy.mjs');
    writeFileSync(module, userStrategy(['snapshot', 'forwardBarrier', 'ack']));
    expect(bin('run', '--strategy', module, '--runs', '400', '--seed', '7', '--no-progress', '--out', dir).status).toBe(1);
    const file = join(dir, 'user-no-align-cut-consistency-seed7.json');
    const bundle = bundleAt(file);
    const step = bundle.history.segments[0]!.events.findIndex((e) => e.kind === 'snapshotTaken');
    writeFileSync(module, userStrategy(['forwardBarrier', 'snapshot', 'ack']));
    const replay = bin('replay', file);
    expect(replay.status).toBe(3);
    expect(replay.stdout).toMatch(/warning: strategy module .*user-strategy\.mjs changed since the bundle was written \(sha256 [0-9a-f]{12}… -> [0-9a-f]{12}…\); replaying anyway/);
    expect(replay.stdout).toContain(`DIVERGED at step #${step}:`);
    expect(replay.stdout).toMatch(new RegExp(`recorded {2}#${step} {2}t=\\d+ src\\d\\.\\d snapshots checkpoint 1`));
    expect(replay.stdout).toMatch(new RegExp(`replayed {2}#${step} {2}t=\\d+ src\\d\\.\\d sends barrier 1`));
  });

  it('keeps the bundles already written when Ctrl-C stops a later strategy’s suite, and leaves no temporary file', async () => {
    const dir = tmp();
    const child = spawn(process.execPath, ['bin/snapcheck.mjs', 'run', '--strategy', 'no-align,aligned', '--runs', '1000000', '--seed', '3', '--no-progress', '--out', dir]);
    const bundle = join(dir, 'no-align-cut-consistency-seed3.json');
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    for (let waited = 0; !existsSync(bundle) && waited < 30_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300)); // well into aligned's suite
    child.kill('SIGINT');
    expect(await exited).toBe('SIGINT');
    expect(readdirSync(dir)).toEqual(['no-align-cut-consistency-seed3.json']);
    expect(bundleAt(bundle).property).toBe('cut-consistency');
  });
});

/** A user's strategy module that snapshots on the first barrier; `order` is its checkpoint step. */
function userStrategy(order: string[]): string {
  return `const ORDER = ${JSON.stringify(order)};
const step = (checkpoint) => ORDER.map((kind) => ({ kind, checkpoint }));
export default {
  name: 'user-no-align', guarantee: 'exactly-once', supportsCycles: false,
  createTask() {
    let triggered = 0, snapshotted = 0;
    return { handle(event) {
      if (event.kind === 'checkpointTriggered') { if (event.checkpoint <= triggered) return []; triggered = event.checkpoint; return step(event.checkpoint); }
      if (event.kind !== 'barrierReceived') return [];
      if (event.checkpoint <= snapshotted) return [{ kind: 'unblock', channel: event.channel }];
      snapshotted = event.checkpoint;
      return [...step(event.checkpoint), { kind: 'unblock', channel: event.channel }];
    } };
  },
};
`;
}
