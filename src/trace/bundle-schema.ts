// Reading a bundle: the format and version first (a newer bundle gets an "upgrade" message, not a
// list of schema errors), then the zod schema, then the checksum (a hand edit is named as such),
// then the hash chain against the stored events, then the scenario's own rules. Every problem is
// one line; the caller adds the file name.
import { z } from 'zod';
import type { History } from '../core/history.ts';
import { parseScenario } from '../scenario/scenario-schema.ts';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, bundleChecksum, type Bundle } from './bundle.ts';
import { chainStep, CHAIN_ORIGIN } from './hash-chain.ts';
import { CHECKED_PROPERTIES } from './property-check.ts';
import { TOOL_VERSION } from './tool-version.ts';

const count = z.number().int().nonnegative();
const hash64 = z.string().regex(/^[0-9a-f]{16}$/, 'expected 16 hex digits');

// Events are checked for their common shape only: their content is covered by the hash chain and the
// checksum, and kinds that a later simulator adds must not make older readers reject the file.
const eventSchema = z.looseObject({ kind: z.string().min(1), tick: count });

const witnessSchema = z.strictObject({ index: count, note: z.string(), event: eventSchema });

const verdictSchema = z.discriminatedUnion('status', [
  // Loose: a later oracle may add details to a violation; the checksum still covers them.
  z.looseObject({
    status: z.literal('violated'),
    explanation: z.string(),
    witness: z.array(witnessSchema),
    checkpoint: count.optional(),
    channel: count.optional(),
    record: z.string().optional(),
  }),
  z.strictObject({ status: z.literal('holds') }),
]);

const strategySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('built-in'), name: z.string().min(1) }),
  z.strictObject({ kind: z.literal('module'), name: z.string().min(1), path: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
]);

const searchSchema = z.strictObject({
  seed: z.number().int(),
  path: z.string(),
  runs: count,
  runsToFind: count,
  shrinks: count,
  minimizerSteps: count,
  properties: z.array(z.string()).nullable(),
});

const historySchema = z.strictObject({
  length: count,
  chain: z.array(hash64),
  segments: z.array(z.strictObject({ start: count, events: z.array(eventSchema) })),
  error: z.string().nullable(),
});

export const bundleSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  formatVersion: z.literal(BUNDLE_FORMAT_VERSION),
  tool: z.strictObject({ name: z.literal('snapcheck'), version: z.string().min(1) }),
  strategy: strategySchema,
  guarantee: z.enum(['exactly-once', 'at-least-once', 'none']),
  property: z.enum(CHECKED_PROPERTIES as [string, ...string[]]),
  verdict: verdictSchema,
  search: searchSchema.nullable(),
  createdBy: z.string(),
  scenario: z.unknown(),
  decisions: z.array(count),
  history: historySchema,
  expectation: z.strictObject({ outcome: z.enum(['violated', 'holds']), description: z.string() }).nullable(),
  checksum: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'expected "sha256:" and 64 hex digits'),
});

export type BundleCheck = { readonly ok: true; readonly bundle: Bundle } | { readonly ok: false; readonly problem: string };

/** Parse a bundle file's text. */
export function parseBundleText(text: string): BundleCheck {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const hint = text.trim().length === 0 ? 'the file is empty' : (error as Error).message;
    return { ok: false, problem: `not valid JSON (truncated or corrupted?): ${hint}` };
  }
  return parseBundle(json);
}

export function parseBundle(json: unknown): BundleCheck {
  const identity = identityProblem(json);
  if (identity !== null) return { ok: false, problem: identity };
  const parsed = bundleSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, problem: `${issue.path.length > 0 ? issue.path.join('.') : '(top level)'}: ${issue.message}` };
  }
  // The schema only validates: the bundle is the JSON as written (the schema's copy reorders keys).
  const bundle = json as Bundle;
  const { checksum, ...body } = bundle;
  const computed = bundleChecksum(body as Omit<Bundle, 'checksum'>);
  if (computed !== checksum) {
    return {
      ok: false,
      problem:
        `the bundle was modified after it was written (its checksum is ${short(checksum)}, its content hashes to ${short(computed)}); ` +
        'to try a changed scenario, edit a copy of its "scenario" and run `snapcheck check` on that',
    };
  }
  const chain = chainProblem(bundle);
  if (chain !== null) return { ok: false, problem: chain };
  const scenario = parseScenario(bundle.scenario);
  if (!scenario.ok) return { ok: false, problem: `scenario.${scenario.problem}` };
  return { ok: true, bundle: { ...bundle, scenario: scenario.scenario } };
}

function identityProblem(json: unknown): string | null {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return 'not a snapcheck bundle: expected a JSON object';
  const record = json as Record<string, unknown>;
  if (record.format !== BUNDLE_FORMAT) {
    if ('topology' in record && 'sourceLogs' in record) return 'this is a scenario, not a bundle: run it with `snapcheck check`';
    if ('expect' in record && 'scenario' in record) return 'this is a pinned scenario in the old {description, expect, scenario} format, not a bundle';
    return `not a snapcheck bundle: "format" must be "${BUNDLE_FORMAT}"`;
  }
  const version = record.formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return 'formatVersion: expected a positive integer';
  if (version > BUNDLE_FORMAT_VERSION) {
    const writer = (record.tool as { version?: unknown } | undefined)?.version;
    return (
      `written by a newer snapcheck (bundle format ${version}${typeof writer === 'string' ? `, snapcheck ${writer}` : ''}); ` +
      `this is snapcheck ${TOOL_VERSION}, which reads bundle format ${BUNDLE_FORMAT_VERSION}: upgrade snapcheck to replay it`
    );
  }
  return null;
}

/** The stored chain must have one hash per step and agree with every stored event. */
function chainProblem(bundle: Bundle): string | null {
  const { length, chain, segments } = bundle.history;
  if (chain.length !== length) return `history.chain: expected ${length} hashes (history.length), got ${chain.length}`;
  let end = 0;
  for (const [s, segment] of segments.entries()) {
    if (segment.start < end || segment.start + segment.events.length > length) return `history.segments.${s}: out of order or past history.length`;
    end = segment.start + segment.events.length;
    let previous = segment.start === 0 ? CHAIN_ORIGIN : chain[segment.start - 1]!;
    for (const [i, event] of (segment.events as History).entries()) {
      previous = chainStep(previous, event);
      if (previous !== chain[segment.start + i]) return `history: stored event #${segment.start + i} does not match its hash in history.chain`;
    }
  }
  return null;
}

function short(hash: string): string {
  return `${hash.slice(0, 19)}…`;
}
