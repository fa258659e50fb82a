// The CLI in-process (exit codes, output) and once as a real process (bin wiring, stderr).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './test-cli.ts';


const outDir = () => mkdtempSync(join(tmpdir(), 'snapcheck-cli-'));

describe('snapcheck run', () => {
  it('passes aligned with a per-property table, seed printed first', async () => {
    const { code, out } = await cli('run', '--strategy', 'aligned', '--runs', '60', '--seed', '11', '--no-progress');
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toContain('seed 11');
    expect(out).toMatch(/cut-consistency\s+60\s+0\s+holds/);
    expect(out).not.toContain('VIOLATED');
  });

  it('fails no-align with a diagnosis, a written bundle and reproduction commands that reproduce it', async () => {
    const dir = outDir();
    const first = await cli('run', '--strategy', 'no-align', '--runs', '200', '--seed', '3', '--no-progress', '--out', dir);
    expect(first.code).toBe(1);
    expect(first.out).toContain('VIOLATED: cut-consistency');
    expect(first.out).toMatch(/^ {2}W1 {2}#/m);
    const command = first.out.split('\n').find((l) => l.trim().startsWith('npx snapcheck run'))!.trim().split('#')[0]!.trim();
    const again = await cli(...command.split(/\s+/).slice(2));
    expect(again.code).toBe(1);
    const scenarioLine = (out: string) => out.split('\n')[out.split('\n').findIndex((l) => l.startsWith('Minimized scenario')) + 1];
    expect(scenarioLine(again.out)).toBe(scenarioLine(first.out));
    const file = first.out.split('\n').find((l) => l.trim().startsWith('npx snapcheck replay'))!.trim().split(/\s+/)[3]!;
    expect(existsSync(file)).toBe(true);
    expect((await cli('replay', file)).code).toBe(1);
    expect((await cli('check', file)).code).toBe(1);
  });

  it.each([
    [['run', '--strategy', 'nope'], /unknown strategy "nope"/],
    [['run', '--seed', '12x'], /--seed must be an integer/],
    [['run', '--seed', '99999999999'], /--seed must be within/],
    [['run', '--runs', '0'], /--runs must be a positive integer/],
    [['run', '--path', 'a:b'], /--path must look like/],
    [['run', '--property', 'teleportation'], /unknown property "teleportation"/],
    [['run', '--bogus'], /^snapcheck: unknown option --bogus for snapcheck run; see snapcheck run --help$/],
    [['run', '--seeed', '3'], /^snapcheck: unknown option --seeed for snapcheck run; did you mean --seed\?; see snapcheck run --help$/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ])('rejects %j with a one-line error and exit code 2', async (argv, message) => {
    const { code, err } = await cli(...argv);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err.split('\n')).toHaveLength(1);
  });
});

describe('snapcheck check', () => {
  it('rejects a missing file, non-JSON and an invalid scenario with exit code 2', async () => {
    const dir = outDir();
    writeFileSync(join(dir, 'broken.json'), '{ "formatVersion": 1,');
    writeFileSync(join(dir, 'invalid.json'), JSON.stringify({ formatVersion: 1, strategy: 'aligned' }));
    const missing = await cli('check', join(dir, 'absent.json'));
    const broken = await cli('check', join(dir, 'broken.json'));
    const invalid = await cli('check', join(dir, 'invalid.json'));
    expect([missing.code, broken.code, invalid.code]).toEqual([2, 2, 2]);
    expect(missing.err).toMatch(/cannot read scenario .*absent\.json: ENOENT/);
    expect(broken.err).toMatch(/broken\.json is not JSON/);
    expect(invalid.err).toMatch(/invalid\.json is not a valid scenario: topology: /);
  });

  it('passes a pinned regression scenario under aligned', async () => {
    const pinned = JSON.parse(readFileSync('properties/regressions/aligned-aborted-checkpoint-deadlock.json', 'utf8')) as { scenario: unknown };
    const file = join(outDir(), 'scenario.json');
    writeFileSync(file, JSON.stringify(pinned.scenario));
    const { code, out } = await cli('check', file);
    expect(code).toBe(0);
    expect(out).toMatch(/liveness\s+holds/);
  });
});

describe('the snapcheck binary', () => {
  it('exits 2 with one line on stderr for an unknown strategy', () => {
    const result = spawnSync(process.execPath, ['bin/snapcheck.mjs', 'run', '--strategy', 'nope'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^snapcheck: unknown strategy "nope"; known: aligned, aligned-cyclic, .*, or a path to a strategy module\n$/);
  });

  it('prints help', () => {
    expect(execFileSync(process.execPath, ['bin/snapcheck.mjs', '--help'], { encoding: 'utf8' })).toContain('snapcheck run');
  });

  it('prints one command\'s usage for `COMMAND --help` and `help COMMAND`, and exits 0', async () => {
    for (const argv of [['mutate', '--help'], ['mutate', '-h'], ['help', 'mutate']]) {
      const { code, out } = await cli(...argv);
      expect(code).toBe(0);
      expect(out).toContain('snapcheck mutate [--strategy NAME|PATH[,...]] [--since GIT_REF]');
      expect(out).not.toContain('snapcheck compare');
      expect(out).toContain('Exit codes:');
    }
    const run = await cli('run', '--strategy', 'aligned', '--help');
    expect(run.out).toContain('snapcheck run --matrix');
    expect(run.out).not.toContain('snapcheck mutate');
  });
});
