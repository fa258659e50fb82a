// `snapcheck tla` in-process: the table, the exit codes (0 all match, 1 a mismatch, 2 bad input),
// and one-line errors naming the file and line.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cli } from './test-cli.ts';

const SPEC = fileURLToPath(new URL('../../spec/', import.meta.url));


/** A scratch spec directory with ChandyLamport (fast to check) and a manifest of the given entries. */
function scratch(entries: object[], extra: (dir: string) => void = () => {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'snapcheck-tla-'));
  for (const file of ['ChandyLamport.tla', 'ChandyLamportNoChannelState.cfg', 'ChandyLamportNeverForward.cfg']) copyFileSync(join(SPEC, file), join(dir, file));
  extra(dir);
  const manifest = join(dir, 'manifest.json');
  writeFileSync(manifest, JSON.stringify({ configs: entries }));
  return manifest;
}

const entry = (name: string, module: string, config: string, expect: object) => ({ name, module, config, expect });
const NO_STATE = { verdict: 'invariant-violated', invariant: 'CutConsistency', distinctStates: 33 };

describe('snapcheck tla', () => {
  it('prints a table of config, engine, verdict, expected, states and time, and exits 0 when all match', async () => {
    const { code, out } = await cli('tla', 'ChandyLamportNoChannelState', 'ChandyLamportNeverForward', '--engine', 'embedded');
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toBe('snapcheck tla: 2 config(s) with the embedded engine (tla-checker 0.9.0)');
    expect(lines[2]).toMatch(/^config\s+engine\s+verdict\s+expected\s+states\s+time\s+result$/);
    expect(out).toMatch(/ChandyLamportNoChannelState\s+embedded\s+invariant CutConsistency violated\s+invariant CutConsistency violated\s+33\s+[\d.]+ s\s+match/);
    expect(out).toMatch(/ChandyLamportNeverForward\s+embedded\s+liveness SnapshotCompletes violated\s+liveness SnapshotCompletes violated\s+162\s+[\d.]+ s\s+match/);
  });

  it('prints counterexamples with --trace and writes JSON results with --json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'snapcheck-tla-json-'));
    const { code, out } = await cli('tla', 'ChandyLamportNeverForward', '--engine', 'embedded', '--trace', '--json', join(dir, 'r.json'));
    expect(code).toBe(0);
    expect(out).toContain('ChandyLamportNeverForward: counterexample (liveness SnapshotCompletes violated)');
    expect(out).toContain('  state 1 <initial>');
    expect(out).toMatch(/ {2}state 2 <Start>\n {4}\/\\ status = "pending"/);
    expect(out).toContain('  ... then stutters forever');
    type Case = { name: string; status: string; details: { config: string; verdict: { kind: string }; comparison: { status: string }; counterexample: { steps: unknown[] } } };
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as { command: string; outcome: string; summary: string; suites: { name: string; cases: Case[] }[] };
    expect(report).toMatchObject({ command: 'tla', outcome: 'passed', summary: expect.stringMatching(/^1 config matches the manifest, /) });
    expect(report.suites[0]!.name).toBe('ChandyLamport');
    const only = report.suites[0]!.cases[0]!;
    expect(only).toMatchObject({ name: 'ChandyLamportNeverForward', status: 'passed', details: { verdict: { kind: 'liveness-violated' }, comparison: { status: 'match' } } });
    expect(only.details.counterexample.steps.length).toBeGreaterThan(2);
  });

  it('exits 1 when a verdict or a count differs from the manifest, saying how', async () => {
    const manifest = scratch([
      entry('WrongCount', 'ChandyLamport.tla', 'ChandyLamportNoChannelState.cfg', { ...NO_STATE, distinctStates: 34 }),
      entry('WrongVerdict', 'ChandyLamport.tla', 'ChandyLamportNeverForward.cfg', { verdict: 'ok', distinctStates: 162 }),
    ]);
    const { code, out } = await cli('tla', '--manifest', manifest, '--engine', 'embedded');
    expect(code).toBe(1);
    expect(out).toContain('WrongCount: does not match the manifest: 33 distinct states, expected 34');
    expect(out).toContain('WrongVerdict: does not match the manifest: verdict liveness-violated, expected ok');
  });

  it('exits 2 naming the file (and line) for a missing spec, an unknown invariant and a syntax error', async () => {
    const manifest = scratch(
      [
        entry('Missing', 'Nope.tla', 'ChandyLamportNoChannelState.cfg', NO_STATE),
        entry('UnknownInvariant', 'ChandyLamport.tla', 'Unknown.cfg', NO_STATE),
        entry('Syntax', 'Broken.tla', 'ChandyLamportNoChannelState.cfg', NO_STATE),
        entry('Fine', 'ChandyLamport.tla', 'ChandyLamportNoChannelState.cfg', NO_STATE),
      ],
      (dir) => {
        const cfg = readFileSync(join(dir, 'ChandyLamportNoChannelState.cfg'), 'utf8');
        writeFileSync(join(dir, 'Unknown.cfg'), cfg.replace('INVARIANT\n  CutConsistency', 'INVARIANT\n  CutConsistency\n  Conservation'));
        const module = readFileSync(join(dir, 'ChandyLamport.tla'), 'utf8').replace('MODULE ChandyLamport', 'MODULE Broken');
        writeFileSync(join(dir, 'Broken.tla'), module.replace('VARIABLES\n', 'VARIABLES\nVARIABLES\n'));
      },
    );
    const { code, out } = await cli('tla', '--manifest', manifest, '--engine', 'embedded');
    expect(code).toBe(2);
    expect(out).toMatch(/Missing: .*Nope\.tla: no such file/);
    expect(out).toMatch(/UnknownInvariant: .*Unknown\.cfg:\d+: INVARIANT Conservation is not defined in .*ChandyLamport\.tla/);
    expect(out).toMatch(/Syntax: .*Broken\.tla:\d+:\d+: unexpected/);
    expect(out).toMatch(/Fine\s+embedded\s+invariant CutConsistency violated/);
  });

  it('runs a .cfg outside the manifest with --module, holding it to "no violation"', async () => {
    const { code, out } = await cli('tla', join(SPEC, 'ChandyLamportNeverForward.cfg'), '--engine', 'embedded');
    expect(code).toBe(0); // listed in the manifest by path: its expectation applies
    expect(out).toMatch(/ChandyLamportNeverForward\s+embedded\s+liveness SnapshotCompletes violated/);
    const dir = mkdtempSync(join(tmpdir(), 'snapcheck-tla-adhoc-'));
    const cfg = join(dir, 'Mine.cfg');
    writeFileSync(cfg, readFileSync(join(SPEC, 'ChandyLamportMC.cfg'), 'utf8').replace('MaxSends = 4', 'MaxSends = 1'));
    const adhoc = await cli('tla', cfg, '--module', join(SPEC, 'ChandyLamport.tla'), '--engine', 'embedded');
    expect(adhoc.code).toBe(0);
    expect(adhoc.out).toMatch(/Mine\s+embedded\s+ok\s+-\s+\d+/);
  });

  it.each([
    [['tla', 'NoSuchConfig'], /^snapcheck: unknown config "NoSuchConfig"; known: AlignedMC, /],
    [['tla', '--engine', 'java'], /--engine must be auto, embedded or tlc, got "java"/],
    [['tla', '--manifest', '/nowhere/manifest.json'], /\/nowhere\/manifest\.json: no such file/],
    [['tla', '/nowhere/X.cfg'], /\/nowhere\/X\.cfg: no such file/],
    [['tla', '--timeout', '0'], /--timeout must be a positive integer/],
  ])('rejects %j with a one-line error and exit code 2', async (argv, message) => {
    const { code, err } = await cli(...argv);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });

  it('refuses --engine tlc without tla2tools.jar, and a .cfg outside the manifest without --module', async () => {
    const saved = process.env.TLA2TOOLS_JAR;
    delete process.env.TLA2TOOLS_JAR;
    try {
      const tlc = await cli('tla', 'ChandyLamportMC', '--engine', 'tlc');
      expect([tlc.code, tlc.err]).toEqual([2, 'snapcheck: --engine tlc needs tla2tools.jar and Java: TLA2TOOLS_JAR is not set']);
    } finally {
      if (saved !== undefined) process.env.TLA2TOOLS_JAR = saved;
    }
    const dir = mkdtempSync(join(tmpdir(), 'snapcheck-tla-nomodule-'));
    writeFileSync(join(dir, 'X.cfg'), 'SPECIFICATION Spec\n');
    const adhoc = await cli('tla', join(dir, 'X.cfg'));
    expect(adhoc.code).toBe(2);
    expect(adhoc.err).toMatch(/X\.cfg is not in the manifest and no X\.tla is beside it: name its module with --module FILE\.tla/);
  });

  it('checks a Spec.tla with the Spec.cfg beside it, as TLC does, and says when there is none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'snapcheck-tla-pair-'));
    copyFileSync(join(SPEC, 'ChandyLamport.tla'), join(dir, 'ChandyLamport.tla'));
    const lonely = await cli('tla', join(dir, 'ChandyLamport.tla'), '--engine', 'embedded');
    expect([lonely.code, lonely.err]).toEqual([2, `snapcheck: ${join(dir, 'ChandyLamport.tla')}: no ChandyLamport.cfg beside it; give the config (FILE.cfg --module ChandyLamport.tla)`]);
    copyFileSync(join(SPEC, 'ChandyLamportNoChannelState.cfg'), join(dir, 'ChandyLamport.cfg'));
    const paired = await cli('tla', join(dir, 'ChandyLamport.tla'), '--engine', 'embedded', '--no-progress');
    expect(paired.out).toMatch(/ChandyLamport\s+embedded\s+invariant CutConsistency violated\s+-\s+33 /);
    expect(paired.code).toBe(1); // outside the manifest, a config is expected to hold
    expect(paired.out).toMatch(/^1 of 1 configs do not match the manifest \(ChandyLamport\), [\d.]+ s$/m);
  });

  it('puts --json - alone on stdout, the table on stderr', async () => {
    const run = promisify(execFile);
    const { stdout, stderr } = await run(process.execPath, ['bin/snapcheck.mjs', 'tla', 'ChandyLamportNoChannelState', '--engine', 'embedded', '--json', '-'], { encoding: 'utf8' });
    const results = JSON.parse(stdout) as { command: string; summary: string };
    expect(results.command).toBe('tla');
    expect(results.summary).toMatch(/^1 config matches the manifest/);
    expect(stderr).toMatch(/^config\s+engine\s+verdict/m);
  }, 60_000);
});
