// `snapcheck compare`: the default comparison prints its table and claims; outputs are written and
// identical on a second run; bad input (workload, file, strategy, option) is one line and exit 2.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../compare/presets.ts';
import { cli } from './test-cli.ts';

const SMALL = ['--workload', 'steady,backpressure@3', '--seeds', '2', '--strategies', 'aligned,unaligned', '--no-progress'];

function scratch(name: string, content?: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'snapcheck-compare-cli-')), name);
  if (content !== undefined) writeFileSync(path, content);
  return path;
}

describe('snapcheck compare', () => {
  it('with defaults compares every built-in strategy on every preset, prints a table per workload and the claims', async () => {
    const { code, out } = await cli('compare', '--no-progress');
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toBe('snapcheck compare: 7 strategies x 10 workloads x seeds 1..20');
    for (const workload of PRESETS) expect(out).toContain(`\n${workload.name}: `);
    expect(out).toMatch(/ {2}strategy +checkpoints +end_to_end +alignment +start_delay +ckpt_size +persisted +processed +throughput +replayed +recovery +duplicates +violations/);
    expect(out.match(/^ {2}holds {2}/gm)).toHaveLength(5);
    expect(out).not.toContain('FAILS');
  }, 180_000);

  it('writes JSON, CSV and HTML, and the same command writes the same files again', async () => {
    const [json, csv, html] = [scratch('r.json'), scratch('r.csv'), scratch('r.html')];
    const first = await cli('compare', ...SMALL, '--json', json, '--csv', csv, '--html', html);
    expect(first.code).toBe(0);
    expect(first.out).toContain(`results written to ${json}`);
    const results = JSON.parse(readFileSync(json, 'utf8')) as { format: string; elapsedMs?: number; suites: { cases: { status: string }[] }[]; details: { comparison: { format: string } } };
    expect(results.format).toBe('snapcheck-results');
    expect(results.elapsedMs).toBeUndefined();
    expect(results.suites.flatMap((s) => s.cases.map((c) => c.status))).not.toContain('failed');
    expect(results.details.comparison.format).toBe('snapcheck-comparison');
    const written = [json, csv, html].map((f) => readFileSync(f, 'utf8'));
    expect(written[2]).toMatch(/^<!doctype html>/);
    const second = await cli('compare', ...SMALL, '--json', json, '--csv', csv, '--html', html);
    expect([json, csv, html].map((f) => readFileSync(f, 'utf8'))).toEqual(written);
    // The table too, but for the elapsed time on its last lines.
    const stable = (out: string) => out.split('\n').filter((l) => !/^compared in /.test(l));
    expect(stable(second.out)).toEqual(stable(first.out));
  });

  it('runs a user strategy module beside the built-ins, and the shipped example workload file', async () => {
    const { code, out } = await cli('compare', '--strategies', 'aligned,./examples/tracking-aligned.ts', '--workload', 'examples/workloads/clicks-join.json', '--seeds', '2', '--no-progress');
    expect(code).toBe(0);
    expect(out).toContain('\nclicks-join: ');
    expect(out).toMatch(/\n {2}tracking-aligned +\d+\/\d+ /);
  });

  it('exits 1 and lists the violations when a strategy breaks its guarantee', async () => {
    const { code, out } = await cli('compare', '--strategies', 'no-align', '--workload', 'wide-shuffle', '--seeds', '1', '--no-progress');
    expect(code).toBe(1);
    expect(out).toMatch(/Oracle violations:\n {2}no-align on wide-shuffle, seed 1: cut-consistency violated: /);
  });

  it.each([
    ['an unknown workload', ['--workload', 'steady,tsunami'], /^snapcheck: unknown workload "tsunami"; presets: steady, backpressure, backpressure@1, .*crash-heavy, or a path to a workload file \(\.json\)$/],
    ['a missing workload file', ['--workload', '/nonexistent/w.json'], /^snapcheck: workload file \/nonexistent\/w\.json does not exist$/],
    ['a workload file that is not JSON', ['--workload', scratch('broken.json', '{"format": ')], /^snapcheck: workload file .*broken\.json is not valid JSON: /],
    ['a malformed workload file', ['--workload', scratch('bad.json', JSON.stringify({ format: 'snapcheck-workload', formatVersion: 1, name: 'x', topology: { nodes: [], edges: [] } }))], /^snapcheck: workload file .*bad\.json: topology\.nodes: /],
    ['an unknown strategy', ['--strategies', 'aligned,quantum'], /^snapcheck: unknown strategy "quantum"; known: aligned, /],
    ['a workload given twice', ['--workload', 'backpressure,backpressure@2'], /^snapcheck: workload "backpressure@2" is given twice/],
    ['no strategy able to run a cyclic workload', ['--workload', 'cyclic', '--strategies', 'aligned'], /^snapcheck: nothing to compare: cyclic has a cycle, and none of aligned supports cycles/],
    ['zero seeds', ['--seeds', '0'], /^snapcheck: --seeds must be a positive integer, got "0"$/],
    ['an unknown option', ['--seed', '3'], /^snapcheck: unknown option --seed for snapcheck compare; did you mean --seeds\?/],
  ])('rejects %s with exit code 2 and one line', async (_what, args, message) => {
    const { code, err } = await cli('compare', ...args, '--no-progress');
    expect(err).toMatch(message);
    expect(err.split('\n')).toHaveLength(1);
    expect(code).toBe(2);
  });

  it('rejects a strategy module that breaks the contract, naming it', async () => {
    const source = `export default { name: 'mine', guarantee: 'exactly-once', supportsCycles: false, createTask: () => ({ handle: (e) => (e.kind === 'checkpointTriggered' ? [{ kind: 'teleport' }] : []) }) };`;
    const path = scratch('teleporter.mjs', source);
    const { code, err } = await cli('compare', '--strategies', path, '--workload', 'steady', '--seeds', '1', '--no-progress');
    expect(err).toMatch(/^snapcheck: strategy module .*teleporter\.mjs: strategy "mine" \(task .*\) returned an unknown effect \{"kind":"teleport"\}$/);
    expect(code).toBe(2);
  });
});
