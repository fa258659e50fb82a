// Every config in spec/ through the embedded engine, checked against spec/manifest.json: a verdict
// or a distinct-state count that differs fails, so does a must-fail config without a counterexample.
// The must-fail configs and the pinned counts are what catch an engine that checked nothing.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadJob } from './job.ts';
import { compareWithExpectation, loadManifest, type ManifestEntry } from './manifest.ts';
import { runJobs } from './runner.ts';
import type { TlaResult } from './types.ts';

const SPEC_DIR = fileURLToPath(new URL('../../spec/', import.meta.url));
const MANIFEST = join(SPEC_DIR, 'manifest.json');
/** Per config; the largest takes about 15 s alone on one core. */
const CONFIG_TIMEOUT_MS = 240_000;

function entries(): readonly ManifestEntry[] {
  const manifest = loadManifest(MANIFEST);
  if (!manifest.ok) throw new Error(manifest.message);
  return manifest.entries;
}

describe('spec/manifest.json', () => {
  it('lists every config in spec/, and every module has a passing config and configs that must fail, one of them on liveness', () => {
    const listed = entries();
    const files = readdirSync(SPEC_DIR).filter((f) => f.endsWith('.cfg')).sort();
    expect(listed.map((e) => e.config).sort()).toEqual(files);
    for (const module of new Set(listed.map((e) => e.module))) {
      const verdicts = listed.filter((e) => e.module === module).map((e) => e.expect.verdict);
      expect(verdicts, module).toContain('ok');
      expect(verdicts, module).toContain('liveness-violated');
      expect(verdicts.filter((v) => v !== 'ok').length, module).toBeGreaterThanOrEqual(2);
    }
  });

  it('keeps every config small enough for the embedded engine', () => {
    for (const entry of entries()) expect(entry.expect.distinctStates, entry.name).toBeLessThanOrEqual(100_000);
  });
});

describe('every config through the embedded engine', () => {
  const results = new Map<string, TlaResult>();
  beforeAll(async () => {
    const jobs = entries().map((e) => loadJob({ name: e.name, modulePath: e.modulePath, cfgPath: e.cfgPath, timeoutMs: CONFIG_TIMEOUT_MS }));
    for (const result of await runJobs(jobs, { engine: 'embedded' }, 2)) results.set(result.config, result);
  }, 600_000);

  it.each(entries().map((e) => [e.name, e] as const))('%s matches the manifest', (_name, entry) => {
    const result = results.get(entry.name)!;
    expect(compareWithExpectation(result, entry.expect)).toEqual({ status: 'match' });
    console.log(`${entry.name}: ${result.verdict.kind}, ${result.distinctStates} distinct states, ${(result.timeMs / 1000).toFixed(1)} s`);
    if (entry.expect.verdict === 'ok') {
      expect(result.counterexample).toBeNull();
      return;
    }
    const ce = result.counterexample!;
    expect(ce.steps.length, 'a counterexample trace').toBeGreaterThanOrEqual(2);
    expect(ce.steps[0]!.action).toBeNull();
    expect(ce.steps.slice(1).every((s) => typeof s.action === 'string'), 'every step named by its action').toBe(true);
    expect(ce.loop === null).toBe(entry.expect.verdict !== 'liveness-violated');
  });
});

describe('loadManifest and compareWithExpectation', () => {
  const write = (content: string): string => {
    const path = join(mkdtempSync(join(tmpdir(), 'snapcheck-manifest-')), 'manifest.json');
    writeFileSync(path, content);
    return path;
  };

  it.each([
    ['{', /not JSON/],
    ['{"configs": []}', /configs: /],
    ['{"configs": [{"name": "A", "module": "A.tla", "config": "A.cfg", "expect": {"verdict": "maybe", "distinctStates": 3}}]}', /configs\.0\.expect/],
    ['{"configs": [{"name": "A", "module": "A.tla", "config": "A.cfg", "expect": {"verdict": "ok", "distinctStates": 3}}, {"name": "A", "module": "A.tla", "config": "B.cfg", "expect": {"verdict": "deadlock", "distinctStates": 3}}]}', /config A appears twice/],
  ])('rejects a malformed manifest %#', (content, message) => {
    const loaded = loadManifest(write(content));
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.message).toMatch(message);
  });

  it('rejects a missing manifest and resolves paths against the manifest directory', () => {
    expect(loadManifest('/nowhere/manifest.json')).toEqual({ ok: false, message: '/nowhere/manifest.json: no such file' });
    const path = write('{"configs": [{"name": "A", "module": "A.tla", "config": "A.cfg", "expect": {"verdict": "ok", "distinctStates": 3}}]}');
    const loaded = loadManifest(path);
    expect(loaded.ok && loaded.entries[0]!.modulePath).toBe(join(path, '..', 'A.tla'));
  });

  const result = (overrides: Partial<TlaResult>): TlaResult => ({ config: 'A', engine: 'embedded', verdict: { kind: 'ok' }, distinctStates: 10, timeMs: 1, counterexample: null, ...overrides });

  it('fails on a different verdict, invariant or count; TLC counts of a failing run only when pinned', () => {
    expect(compareWithExpectation(result({}), { verdict: 'ok', distinctStates: 10 })).toEqual({ status: 'match' });
    expect(compareWithExpectation(result({ distinctStates: 11 }), { verdict: 'ok', distinctStates: 10 })).toEqual({ status: 'mismatch', reasons: ['11 distinct states, expected 10'] });
    expect(compareWithExpectation(result({}), { verdict: 'deadlock', distinctStates: 10 })).toEqual({ status: 'mismatch', reasons: ['verdict ok, expected deadlock'] });
    const violated = result({ verdict: { kind: 'invariant-violated', invariant: 'NoOrphan' } });
    expect(compareWithExpectation(violated, { verdict: 'invariant-violated', invariant: 'NoLoss', distinctStates: 10 })).toEqual({
      status: 'mismatch',
      reasons: ['invariant NoOrphan violated, expected NoLoss'],
    });
    const tlc = { ...violated, engine: 'tlc' as const, distinctStates: 999 };
    expect(compareWithExpectation(tlc, { verdict: 'invariant-violated', invariant: 'NoOrphan', distinctStates: 10 })).toEqual({ status: 'match' });
    expect(compareWithExpectation(tlc, { verdict: 'invariant-violated', invariant: 'NoOrphan', distinctStates: 10, tlcDistinctStates: 12 }).status).toBe('mismatch');
    expect(compareWithExpectation({ ...tlc, verdict: { kind: 'ok' } }, { verdict: 'ok', distinctStates: 10 }).status).toBe('mismatch');
  });
});
