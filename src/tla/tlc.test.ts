// The TLC runner's plumbing (arguments, working copy, verdict, JSON trace, timeout) against a fake
// `java` that answers like SANY and TLC: this machine cannot download tla2tools.jar; the GitHub
// workflow runs the real one.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadJob, type ModelJob } from './job.ts';
import { planEngine } from './runner.ts';
import { runTlc, tlcFromEnvironment, type TlcOptions } from './tlc.ts';

const FAKE_JAVA = `#!/usr/bin/env node
const { appendFileSync, readFileSync, writeFileSync } = require('node:fs');
const args = process.argv.slice(2);
if (process.env.FAKE_JAVA_LOG) appendFileSync(process.env.FAKE_JAVA_LOG, JSON.stringify({ cwd: process.cwd(), args }) + '\\n');
if (args[0] === '-version') process.exit(0);
const spec = readFileSync(args[args.length - 1], 'utf8');
if (spec.includes('FAKE_HANG')) setInterval(() => {}, 1000);
else if (args.includes('tla2sany.SANY')) {
  if (spec.includes('FAKE_PARSE_ERROR')) { console.log('***Parse Error***\\nEncountered "==" at line 3, column 7 and token "x"'); process.exit(2); }
  console.log('Parsing file ' + args[args.length - 1]);
} else {
  const cfg = readFileSync(args[args.indexOf('-config') + 1], 'utf8');
  if (cfg.includes('INVARIANT')) {
    const trace = args[args.indexOf('-dumpTrace') + 2];
    writeFileSync(trace, JSON.stringify({ state: [[1, { x: 0 }], [2, { x: 1 }]], action: [[[1, { x: 0 }], { name: 'Inc' }, [2, { x: 1 }]]] }));
    console.log('Error: Invariant Small is violated.\\nError: The behavior up to this point is:\\n4 states generated, 3 distinct states found, 1 states left on queue.');
    process.exit(12);
  }
  console.log('Model checking completed. No error has been found.\\n9 states generated, 7 distinct states found, 0 states left on queue.');
}
`;

function setup(module: string, cfg: string): { job: ModelJob; options: TlcOptions; log: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'snapcheck-faketlc-'));
  const java = join(dir, 'java.cjs'); // .cjs: a package.json up the tree must not make it an ES module
  writeFileSync(java, FAKE_JAVA);
  chmodSync(java, 0o755);
  writeFileSync(join(dir, 'tla2tools.jar'), 'not really a jar');
  writeFileSync(join(dir, 'M.tla'), module);
  writeFileSync(join(dir, 'M.cfg'), cfg);
  const loaded = loadJob({ name: 'M', modulePath: join(dir, 'M.tla'), cfgPath: join(dir, 'M.cfg'), timeoutMs: 20_000 });
  if (!loaded.ok) throw new Error(loaded.message);
  const log = join(dir, 'java.log');
  process.env.FAKE_JAVA_LOG = log;
  return { job: loaded.job, options: { jar: join(dir, 'tla2tools.jar'), java, workers: '3', heap: '512m' }, log, dir };
}

const MODULE = '---- MODULE M ----\nVARIABLE x\nInit == x = 0\nNext == x\' = x + 1\nSpec == Init /\\ [][Next]_x\nSmall == x < 1\n====\n';

describe('runTlc', () => {
  it('runs SANY with -error-codes, then TLC with workers, heap, a metadir and a JSON dump, on a copy', async () => {
    const { job, options, log, dir } = setup(MODULE, 'SPECIFICATION Spec\n');
    const result = await runTlc(options, job);
    expect(result).toMatchObject({ config: 'M', engine: 'tlc', verdict: { kind: 'ok' }, distinctStates: 7, counterexample: null });
    const calls = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { cwd: string; args: string[] });
    expect(calls[0]!.args).toEqual(['-Xmx512m', '-XX:+UseParallelGC', '-cp', options.jar, 'tla2sany.SANY', '-error-codes', 'M.tla']);
    const tlc = calls[1]!.args;
    expect(tlc.slice(0, 5)).toEqual(['-Xmx512m', '-XX:+UseParallelGC', '-cp', options.jar, 'tlc2.TLC']);
    expect(tlc).toEqual(expect.arrayContaining(['-workers', '3', '-metadir', '-dumpTrace', 'json', '-config', 'model.cfg', 'M.tla']));
    expect(calls[1]!.cwd).not.toBe(dir); // a temporary copy: nothing TLC writes lands beside the spec
  });

  it('reports a violated invariant with the JSON counterexample', async () => {
    const { job, options } = setup(MODULE, 'SPECIFICATION Spec\nINVARIANT Small\n');
    const result = await runTlc(options, job);
    expect(result.verdict).toEqual({ kind: 'invariant-violated', invariant: 'Small' });
    expect(result.distinctStates).toBe(3);
    expect(result.counterexample?.steps.map((s) => [s.action, s.state.x])).toEqual([[null, '0'], ['Inc', '1']]);
  });

  it('stops at a SANY error with its location in the module', async () => {
    const { job, options } = setup(MODULE.replace('Small', '\\* FAKE_PARSE_ERROR\nSmall'), 'SPECIFICATION Spec\n');
    const result = await runTlc(options, job);
    expect(result.verdict).toEqual({ kind: 'parse-error', message: 'Encountered "==" at line 3, column 7 and token "x"', location: { file: job.moduleFile, line: 3, column: 7 } });
  });

  it('kills a run that exceeds its time budget', async () => {
    const { job, options } = setup(MODULE.replace('Small', '\\* FAKE_HANG\nSmall'), 'SPECIFICATION Spec\n');
    const result = await runTlc(options, { ...job, timeoutMs: 1500 });
    expect(result.verdict).toMatchObject({ kind: 'error', reason: 'timeout' });
  });
});

describe('choosing the engine', () => {
  it('uses TLC when TLA2TOOLS_JAR names a jar and java runs, else the embedded engine', () => {
    const { options } = setup(MODULE, 'SPECIFICATION Spec\n');
    const env = { TLA2TOOLS_JAR: options.jar, JAVA: options.java, TLC_WORKERS: '2', TLC_HEAP: '1g' };
    expect(tlcFromEnvironment(env)).toEqual({ jar: options.jar, java: options.java, workers: '2', heap: '1g' });
    expect(planEngine('auto', env)).toEqual({ ok: true, plan: { engine: 'tlc', tlc: { jar: options.jar, java: options.java, workers: '2', heap: '1g' } } });
    expect(planEngine('embedded', env)).toEqual({ ok: true, plan: { engine: 'embedded' } });
    expect(planEngine('auto', {})).toEqual({ ok: true, plan: { engine: 'embedded' } });
    expect(planEngine('tlc', {})).toEqual({ ok: false, message: '--engine tlc needs tla2tools.jar and Java: TLA2TOOLS_JAR is not set' });
    expect(planEngine('tlc', { TLA2TOOLS_JAR: '/nowhere/tla2tools.jar' })).toMatchObject({ ok: false });
    expect(tlcFromEnvironment({ TLA2TOOLS_JAR: options.jar, JAVA: '/nowhere/java' })).toBeNull();
  });
});

describe('spec/tlc.sh, the plain shell wrapper', () => {
  const script = fileURLToPath(new URL('../../spec/tlc.sh', import.meta.url));
  /** A `java` whose TLC exits with the status a config's name asks for. */
  const fakeJava = (dir: string): string => {
    const java = join(dir, 'java.sh');
    writeFileSync(java, '#!/bin/sh\ncase "$*" in *tla2sany*) exit 0;; *NoChannelState*) exit 12;; *NeverForward*) exit 13;; *) exit 0;; esac\n');
    chmodSync(java, 0o755);
    writeFileSync(join(dir, 'tla2tools.jar'), '');
    return java;
  };
  const wrapper = (args: string[], dir: string) =>
    spawnSync('sh', [script, ...args], { env: { ...process.env, TLA2TOOLS_JAR: join(dir, 'tla2tools.jar'), JAVA: fakeJava(dir) }, encoding: 'utf8' });

  it('runs SANY then TLC per config and compares TLC exit status with the manifest verdict', () => {
    const dir = mkdtempSync(join(tmpdir(), 'snapcheck-tlcsh-'));
    const ok = wrapper(['ChandyLamportNoChannelState', 'ChandyLamportNeverForward', 'ChandyLamportMC'], dir);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('== ChandyLamportNoChannelState: TLC exit status 12, as expected (invariant-violated)');
    expect(ok.stdout).toContain('== ChandyLamportNeverForward: TLC exit status 13, as expected (liveness-violated)');
    const wrong = wrapper(['AlignedNeverUnblock'], dir);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('== AlignedNeverUnblock: TLC exit status 0, expected 11 (deadlock)');
    const unknown = wrapper(['Nope'], dir);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown config "Nope"/);
  });
});
