// The embedded engine behind its guards: verdicts mapped to names, counterexamples with action
// names, and every silent failure mode turned into a located parse error or a reported error.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedEngine } from './embedded-client.ts';
import { installedEngineVersion, PINNED_ENGINE_VERSION, runEmbedded } from './embedded.ts';
import { loadJob, type ModelJob } from './job.ts';

const engine = new EmbeddedEngine();
afterAll(() => engine.stop());

function job(module: string, cfg: string, overrides: Partial<ModelJob> = {}): ModelJob {
  const dir = mkdtempSync(join(tmpdir(), 'snapcheck-embedded-'));
  const name = /MODULE (\w+)/.exec(module)?.[1] ?? 'M';
  writeFileSync(join(dir, `${name}.tla`), module);
  writeFileSync(join(dir, `${name}.cfg`), cfg);
  const loaded = loadJob({ name, modulePath: join(dir, `${name}.tla`), cfgPath: join(dir, `${name}.cfg`), timeoutMs: 60_000 });
  if (!loaded.ok) throw new Error(loaded.message);
  return { ...loaded.job, ...overrides };
}

const COUNTER = `---- MODULE Counter ----
EXTENDS Integers
CONSTANTS Limit
VARIABLES x, y
vars == <<x, y>>
Init == x = 0 /\\ y = 0
IncX == x < Limit /\\ x' = x + 1 /\\ y' = y
IncY == y < 2 /\\ y' = y + 1 /\\ x' = x
Done == x = Limit /\\ y = 2 /\\ UNCHANGED vars
Next == IncX \\/ IncY \\/ Done
Spec == Init /\\ [][Next]_vars /\\ WF_vars(Next)
TypeOK == x \\in 0..Limit /\\ y \\in 0..2
Small == x + y < 4
ReachesFour == <>(x = 4)
====
`;

describe('runEmbedded', () => {
  it('checks a spec and counts its distinct states', async () => {
    const result = await runEmbedded(engine, job(COUNTER, 'SPECIFICATION Spec\nCONSTANT Limit = 3\nINVARIANT TypeOK\n'));
    expect(result).toMatchObject({ config: 'Counter', engine: 'embedded', verdict: { kind: 'ok' }, distinctStates: 12, counterexample: null });
  });

  it('names the violated invariant by its place in the config, with a counterexample naming each action', async () => {
    const result = await runEmbedded(engine, job(COUNTER, 'SPECIFICATION Spec\nCONSTANT Limit = 3\nINVARIANTS TypeOK Small\n'));
    expect(result.verdict).toEqual({ kind: 'invariant-violated', invariant: 'Small' });
    const steps = result.counterexample!.steps;
    expect(steps[0]).toEqual({ action: null, state: { x: '0', y: '0' } });
    expect(steps.slice(1).every((s) => s.action === 'IncX' || s.action === 'IncY')).toBe(true);
    expect(steps.at(-1)!.state).toEqual({ x: '3', y: '1' });
    expect(result.counterexample!.loop).toBeNull();
  });

  it('reports a liveness violation as a lasso that stutters, and a deadlock', async () => {
    const live = await runEmbedded(engine, job(COUNTER, 'SPECIFICATION Spec\nCONSTANT Limit = 3\nPROPERTY ReachesFour\n'));
    expect(live.verdict).toEqual({ kind: 'liveness-violated', property: 'ReachesFour' });
    expect(live.counterexample!.loop).toEqual({ kind: 'stuttering' });
    const stuck = await runEmbedded(engine, job(COUNTER.replace(' \\/ Done\n', '\n'), 'SPECIFICATION Spec\nCONSTANT Limit = 3\n'));
    expect(stuck.verdict).toEqual({ kind: 'deadlock' });
    expect(stuck.counterexample!.steps.at(-1)!.state).toEqual({ x: '3', y: '2' });
  });

  it('turns an engine parse error into the file, line and column', async () => {
    const result = await runEmbedded(engine, job(COUNTER.replace('VARIABLES x, y', 'VARIABLES x, y\nVARIABLES'), 'SPECIFICATION Spec\nCONSTANT Limit = 3\n'));
    expect(result.verdict).toMatchObject({ kind: 'parse-error', location: { line: 6, column: 6 } });
    expect(result.verdict.kind === 'parse-error' && result.verdict.message).toMatch(/^unexpected/);
  });

  it('catches a definition the engine dropped silently, naming its line', async () => {
    const broken = COUNTER.replace('Small == x + y < 4', 'Small == (x + y <');
    const result = await runEmbedded(engine, job(broken, 'SPECIFICATION Spec\nCONSTANT Limit = 3\nINVARIANT TypeOK\n'));
    expect(result.verdict).toEqual({
      kind: 'parse-error',
      message: 'the embedded engine silently dropped definition Small: it does not parse in the subset the engine supports',
      location: { file: expect.stringMatching(/Counter\.tla$/), line: 13, column: 1 },
    });
  });

  it('locates an undefined name, and refuses a config naming an unknown invariant before running', async () => {
    const undefinedName = await runEmbedded(engine, job(COUNTER.replace('Small == x + y < 4', 'Small == x < Zork'), 'SPECIFICATION Spec\nCONSTANT Limit = 3\nINVARIANT Small\n'));
    expect(undefinedName.verdict).toMatchObject({ kind: 'parse-error', message: 'Zork is not defined (InvariantError)', location: { line: 13, column: 14 } });
    const unknown = await runEmbedded(engine, job(COUNTER, 'SPECIFICATION Spec\nCONSTANT Limit = 3\nINVARIANTS\n  TypeOK\n  Nope\n'));
    expect(unknown.verdict).toMatchObject({ kind: 'parse-error', message: expect.stringMatching(/^INVARIANT Nope is not defined in .*Counter\.tla$/), location: { line: 5 } });
    expect(unknown.distinctStates).toBeNull();
  });

  it('gives up at its state limit or its deadline with an error, never a verdict', async () => {
    const limited = await runEmbedded(engine, job(COUNTER, 'SPECIFICATION Spec\nCONSTANT Limit = 50\n', { statesMax: 20 }));
    expect(limited.verdict).toMatchObject({ kind: 'error', reason: 'state-limit' });
    const big = COUNTER.replace('y < 2', 'y < 400').replace('y \\in 0..2', 'y \\in 0..400').replace('y = 2 /\\', 'y = 400 /\\');
    const late = await runEmbedded(engine, job(big, 'SPECIFICATION Spec\nCONSTANT Limit = 400\nINVARIANT TypeOK\n', { timeoutMs: 1500 }));
    expect(late.verdict).toMatchObject({ kind: 'error', reason: 'timeout' });
    const after = await runEmbedded(engine, job(COUNTER, 'SPECIFICATION Spec\nCONSTANT Limit = 3\n'));
    expect(after.verdict).toEqual({ kind: 'ok' }); // a fresh worker replaces the one that was stopped
  });
});

describe('the pinned engine', () => {
  it('is the exact version package.json pins and the guards were verified against', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies['tla-checker']).toBe(PINNED_ENGINE_VERSION);
    expect(installedEngineVersion()).toBe(PINNED_ENGINE_VERSION);
  });
});
