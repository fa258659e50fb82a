// Machine-readable results: --json and --junit for every command that checks something, each valid
// against its published schema; `-` and --reporter put them on stdout with nothing else there; shards
// of a run merge into exactly the unsharded run's result.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { escape } from '../results/junit.ts';
import { parseResults, type Results } from '../results/results.ts';
import { jsonSchemaProblems, junitProblems } from '../results/test-validate.ts';
import { extractOutputOptions } from './results-options.ts';
import { cli } from './test-cli.ts';

const run = promisify(execFile);
const scratch = () => mkdtempSync(join(tmpdir(), 'snapcheck-results-'));

function readResults(file: string): Results {
  const parsed = parseResults(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.results;
}

/** What must agree between an unsharded run and its merged shards: everything but wall-clock time. */
function verdicts(results: Results) {
  return results.suites.map((s) => ({ name: s.name, cases: s.cases, batches: (s.details as { batches: unknown }).batches }));
}

describe('extractOutputOptions', () => {
  it('takes --json, --junit and --reporter out, in both spellings, and leaves the rest', () => {
    expect(extractOutputOptions(['--runs', '5', '--json=a.json', '--junit', 'b.xml', '--seed', '1'])).toEqual({ argv: ['--runs', '5', '--seed', '1'], targets: { json: 'a.json', junit: 'b.xml' } });
    expect(extractOutputOptions(['--reporter', 'junit']).targets).toEqual({ json: null, junit: '-' });
    expect(extractOutputOptions(['--', '--json', 'x']).argv).toEqual(['--', '--json', 'x']);
  });

  it.each([
    [['--json'], /--json needs a value/],
    [['--reporter', 'tap'], /--reporter must be json or junit, got "tap"/],
    [['--json', 'a', '--json', 'b'], /the JSON output is given twice/],
    [['--json', '-', '--reporter', 'junit'], /only one output can go to stdout/],
  ])('rejects %j', (argv, message) => {
    expect(() => extractOutputOptions(argv)).toThrow(message);
  });
});

describe('results documents', () => {
  it('run writes JSON and JUnit that validate against their schemas, with the counterexample in both', async () => {
    const dir = scratch();
    const [json, junit] = [join(dir, 'r.json'), join(dir, 'r.xml')];
    const { code, out } = await cli('run', '--strategy', 'aligned,no-align', '--runs', '150', '--seed', '3', '--no-progress', '--workers', '1', '--out', dir, '--json', json, '--junit', junit);
    expect(code).toBe(1);
    expect(out).toContain(`results written to ${json}`);
    const document = JSON.parse(readFileSync(json, 'utf8')) as unknown;
    expect(jsonSchemaProblems('results.schema.json', document)).toEqual([]);
    const results = readResults(json);
    expect(results).toMatchObject({ command: 'run', exitCode: 1, outcome: 'failed', summary: expect.stringMatching(/^2 strategies, \d+ properties hold, violated: no-align \(cut-consistency\), /) });
    const cut = results.suites[1]!.cases.find((c) => c.name === 'cut-consistency')!;
    expect(cut).toMatchObject({ status: 'failed', message: expect.stringMatching(/^cut-consistency violated at checkpoint/), bundle: expect.stringMatching(/no-align-cut-consistency-seed3\.json$/) });
    expect(cut.reproduce![0]).toMatch(/^npx snapcheck replay /);
    expect(results.suites[0]!.cases.every((c) => c.status === 'passed')).toBe(true);
    const xml = readFileSync(junit, 'utf8');
    expect(await junitProblems(xml)).toEqual([]);
    expect(xml).toMatch(/<testsuite name="no-align" tests="9" failures="[1-9]"/);
    expect(xml).toContain('<failure message="cut-consistency violated at checkpoint');
  }, 120_000);

  it('check, replay, tla and compare write results that validate too', async () => {
    const dir = scratch();
    await cli('run', '--strategy', 'no-align', '--runs', '100', '--seed', '3', '--no-progress', '--out', dir);
    const bundle = join(dir, 'no-align-cut-consistency-seed3.json');
    const commands: [string[], number, string][] = [
      [['check', bundle], 1, 'scenario'],
      [['replay', bundle], 1, 'bundle'],
      [['tla', 'AlignedSnapshotOnFirstBarrier', '--engine', 'embedded', '--no-progress'], 0, 'tla-config'],
      [['compare', '--strategies', 'aligned,unaligned', '--workload', 'steady', '--seeds', '2', '--no-progress'], 0, 'workload'],
    ];
    for (const [argv, exitCode, kind] of commands) {
      const [json, junit] = [join(dir, `${argv[0]}.json`), join(dir, `${argv[0]}.xml`)];
      const outcome = await cli(...argv, '--json', json, '--junit', junit);
      expect([argv[0], outcome.code]).toEqual([argv[0], exitCode]);
      expect(jsonSchemaProblems('results.schema.json', JSON.parse(readFileSync(json, 'utf8')))).toEqual([]);
      const results = readResults(json);
      expect(results.command).toBe(argv[0]);
      expect(results.suites[0]!.kind).toBe(kind);
      expect(results.summary).not.toBe('');
      expect(await junitProblems(readFileSync(junit, 'utf8'))).toEqual([]);
    }
  }, 180_000);

  it('a bad input still ends with a results document that says so', async () => {
    const dir = scratch();
    const json = join(dir, 'r.json');
    const { code } = await cli('check', join(dir, 'missing.json'), '--json', json);
    expect(code).toBe(2);
    expect(readResults(json)).toMatchObject({ exitCode: 2, outcome: 'error', summary: expect.stringMatching(/cannot read scenario/), suites: [] });
  });

  it('escapes what XML cannot hold as is', () => {
    expect(escape('a<b & "c"\u0001>')).toBe('a&lt;b &amp; &quot;c&quot;&gt;');
  });
});

describe('--reporter and -', () => {
  it('puts the report alone on stdout and the human-readable output on stderr', async () => {
    const { stdout, stderr } = await run(process.execPath, ['bin/snapcheck.mjs', 'run', '--strategy', 'aligned', '--runs', '100', '--seed', '1', '--reporter', 'json'], { encoding: 'utf8' });
    const results = parseResults(JSON.parse(stdout));
    expect(results.ok).toBe(true);
    expect(stderr).toContain('aligned (declares exactly-once)');
    const junit = await run(process.execPath, ['bin/snapcheck.mjs', 'run', '--strategy', 'aligned', '--runs', '100', '--seed', '1', '--no-progress', '--junit', '-'], { encoding: 'utf8' });
    expect(junit.stdout.startsWith('<?xml')).toBe(true);
    expect(await junitProblems(junit.stdout)).toEqual([]);
  }, 120_000);
});

describe('--shard and merge', () => {
  it('the shards of a run merge into the unsharded result, counterexample included', async () => {
    const dir = scratch();
    const base = ['run', '--strategy', 'aligned,early-unblock', '--runs', '500', '--seed', '11', '--no-progress', '--workers', '1', '--out', dir];
    const whole = join(dir, 'whole.json');
    await cli(...base, '--json', whole);
    const shards = [1, 2, 3].map((k) => join(dir, `shard-${k}.json`));
    for (const [k, file] of shards.entries()) await cli(...base, '--shard', `${k + 1}/3`, '--json', file);
    const merged = join(dir, 'merged.json');
    const outcome = await cli('merge', ...shards, '--json', merged);
    expect(outcome.code).toBe(readResults(whole).exitCode);
    expect(verdicts(readResults(merged))).toEqual(verdicts(readResults(whole)));
    expect(jsonSchemaProblems('results.schema.json', JSON.parse(readFileSync(merged, 'utf8')))).toEqual([]);
  }, 180_000);

  it('refuses to merge when a shard is missing, or given twice, or not run results', async () => {
    const dir = scratch();
    const base = ['run', '--strategy', 'aligned', '--runs', '300', '--seed', '2', '--no-progress', '--workers', '1'];
    const [one, two] = [join(dir, 'a.json'), join(dir, 'b.json')];
    await cli(...base, '--shard', '1/2', '--json', one);
    await cli(...base, '--shard', '2/2', '--json', two);
    const missing = await cli('merge', one);
    expect([missing.code, missing.err]).toEqual([2, 'snapcheck: aligned: batches 1 of 3 are in no input (shard 2/2 missing?)']);
    const twice = await cli('merge', one, one, two);
    expect(twice.err).toMatch(/^snapcheck: aligned: batch 0 is in both .*a\.json and .*a\.json/);
    writeFileSync(join(dir, 'c.json'), '{"format":"snapcheck-bundle"}');
    const other = await cli('merge', join(dir, 'c.json'));
    expect(other.err).toMatch(/c\.json: not a snapcheck-results document/);
    const both = await cli('merge', one, two);
    expect(both.code).toBe(0);
    expect(both.out).toMatch(/1 strategy, 9 properties hold, merged from 2 result file\(s\)$/);
  }, 120_000);
});
