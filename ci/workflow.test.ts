// The GitHub workflow (ci/github-actions.yml) holds what the project promises of its CI: one seed,
// repeatable through workflow_dispatch; a shard matrix merged by snapcheck merge; JUnit published
// and failures annotated; counterexample bundles uploaded with their diagrams from every job that
// can find one, soak included; the test command on Node 20, 22 and 24; a TLC jar pinned by checksum.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Step {
  readonly name?: string;
  readonly run?: string;
  readonly uses?: string;
  readonly with?: Record<string, unknown>;
  readonly if?: string;
}
interface Job {
  readonly needs?: string | string[];
  readonly strategy?: { matrix: Record<string, unknown[]> };
  readonly steps: Step[];
  readonly env?: Record<string, string>;
  readonly if?: string;
}
const workflow = parse(readFileSync(join(import.meta.dirname, 'github-actions.yml'), 'utf8')) as { on: Record<string, unknown>; env: Record<string, string>; jobs: Record<string, Job> };
const jobs = workflow.jobs;
const runs = (job: string) => jobs[job]!.steps.map((s) => s.run ?? '').join('\n');
const uploads = (job: string) => jobs[job]!.steps.filter((s) => s.uses?.startsWith('actions/upload-artifact'));

describe('ci/github-actions.yml', () => {
  it('takes a seed from workflow_dispatch and hands one seed to every job that draws scenarios', () => {
    expect((workflow.on.workflow_dispatch as { inputs: Record<string, unknown> }).inputs).toHaveProperty('seed');
    for (const job of ['test', 'suites', 'soak']) expect(jobs[job]!.env?.SNAPCHECK_SEED).toBe('${{ needs.seed.outputs.seed }}');
  });

  it('runs the test command on Node 20, 22 and 24', () => {
    expect(jobs.test!.strategy!.matrix.node).toEqual([20, 22, 24]);
    expect(runs('test')).toContain('npm test');
  });

  it('shards the suites with the matrix and merges the shards', () => {
    const shards = jobs.suites!.strategy!.matrix.shard!;
    expect(shards).toEqual(Array.from({ length: Number(workflow.env.SHARDS) }, (_, i) => i + 1));
    expect(runs('suites')).toMatch(/snapcheck run .*--shard \$\{\{ matrix.shard \}\}\/\$\{\{ env.SHARDS \}\}/s);
    expect(runs('merge')).toContain('npx snapcheck merge shard-*.json');
    expect(jobs.merge!.needs).toContain('suites');
  });

  it('publishes JUnit and annotates failures', () => {
    for (const job of ['test', 'merge', 'tlc']) expect(jobs[job]!.steps.some((s) => s.uses?.startsWith('mikepenz/action-junit-report'))).toBe(true);
    expect(runs('suites')).toContain('node ci/annotate.mjs');
  });

  it('uploads counterexample bundles with their rendered diagrams from every job that can find one', () => {
    for (const job of ['test', 'suites', 'soak']) {
      expect(runs(job)).toContain('node ci/render-bundles.mjs');
      expect(uploads(job).some((s) => String(s.with?.path).includes('counterexamples'))).toBe(true);
    }
  });

  it('pins the TLC jar by checksum and checks it before use', () => {
    expect(workflow.env.TLA2TOOLS_SHA256).toMatch(/^[0-9a-f]{64}$/);
    expect(runs('tlc')).toContain('sha256sum --check');
    expect(runs('tlc')).toContain('snapcheck tla --engine tlc');
  });

  it('installs the packed tarball as users do', () => {
    expect(runs('package')).toContain('ci/package-check.ts');
  });
});
