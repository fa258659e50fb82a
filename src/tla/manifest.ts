// spec/manifest.json: every model config with its expected verdict and distinct-state count.
// A run matches only if both agree. For a config that must fail, the count is the embedded
// engine's (deterministic: one thread, breadth first) at the violation; TLC's count there depends
// on its worker threads, so it is compared only when `tlcDistinctStates` pins one.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import type { TlaResult } from './types.ts';

const expectationSchema = z.discriminatedUnion('verdict', [
  z.object({ verdict: z.literal('ok'), distinctStates: z.number().int().positive() }),
  z.object({
    verdict: z.literal('invariant-violated'),
    invariant: z.string().min(1),
    distinctStates: z.number().int().positive(),
    tlcDistinctStates: z.number().int().positive().optional(),
  }),
  z.object({
    verdict: z.literal('liveness-violated'),
    property: z.string().min(1).optional(),
    distinctStates: z.number().int().positive(),
    tlcDistinctStates: z.number().int().positive().optional(),
  }),
  z.object({ verdict: z.literal('deadlock'), distinctStates: z.number().int().positive(), tlcDistinctStates: z.number().int().positive().optional() }),
]);

const entrySchema = z.object({
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/),
  module: z.string().min(1),
  config: z.string().min(1),
  expect: expectationSchema,
  /** Why this config exists (shown nowhere; for readers of the manifest). */
  purpose: z.string().optional(),
  timeoutSeconds: z.number().positive().optional(),
});

const manifestSchema = z.object({
  $comment: z.string().optional(),
  configs: z.array(entrySchema).min(1),
});

export type Expectation = z.infer<typeof expectationSchema>;
export type ManifestEntry = z.infer<typeof entrySchema> & { readonly modulePath: string; readonly cfgPath: string };

export type ManifestLoad = { readonly ok: true; readonly entries: readonly ManifestEntry[] } | { readonly ok: false; readonly message: string };


export function loadManifest(path: string): ManifestLoad {
  if (!existsSync(path)) return { ok: false, message: `${path}: no such file` };
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { ok: false, message: `${path}: not JSON (${(error as Error).message})` };
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, message: `${path}: ${issue.path.join('.') || '(root)'}: ${issue.message}` };
  }
  const names = new Set<string>();
  for (const entry of parsed.data.configs) {
    if (names.has(entry.name)) return { ok: false, message: `${path}: config ${entry.name} appears twice` };
    names.add(entry.name);
  }
  const dir = dirname(resolve(path));
  return {
    ok: true,
    entries: parsed.data.configs.map((e) => ({ ...e, modulePath: resolve(dir, e.module), cfgPath: resolve(dir, e.config) })),
  };
}

export type Comparison = { readonly status: 'match' } | { readonly status: 'mismatch'; readonly reasons: readonly string[] };

export function compareWithExpectation(result: TlaResult, expect: Expectation): Comparison {
  const reasons: string[] = [];
  const verdict = result.verdict;
  if (verdict.kind !== expect.verdict) reasons.push(`verdict ${verdict.kind}, expected ${expect.verdict}`);
  else if (verdict.kind === 'invariant-violated' && expect.verdict === 'invariant-violated' && verdict.invariant !== expect.invariant) {
    reasons.push(`invariant ${verdict.invariant} violated, expected ${expect.invariant}`);
  } else if (verdict.kind === 'liveness-violated' && expect.verdict === 'liveness-violated' && expect.property && verdict.property && verdict.property !== expect.property) {
    reasons.push(`property ${verdict.property} violated, expected ${expect.property}`);
  }
  const pinned = pinnedStates(result, expect);
  if (pinned !== null && result.distinctStates !== pinned) {
    reasons.push(`${result.distinctStates ?? 'no'} distinct states, expected ${pinned}`);
  }
  return reasons.length === 0 ? { status: 'match' } : { status: 'mismatch', reasons };
}

/** The count this engine must reproduce, or null when none is pinned for it. */
export function pinnedStates(result: TlaResult, expect: Expectation): number | null {
  if (result.engine === 'embedded' || expect.verdict === 'ok') return expect.distinctStates;
  return expect.tlcDistinctStates ?? null;
}

export function describeExpectation(expect: Expectation): string {
  switch (expect.verdict) {
    case 'ok':
      return 'ok';
    case 'invariant-violated':
      return `invariant ${expect.invariant} violated`;
    case 'liveness-violated':
      return expect.property ? `liveness ${expect.property} violated` : 'liveness violated';
    case 'deadlock':
      return 'deadlock';
  }
}
