// Machine-readable results of `run`, `check`, `replay`, `tla`, `compare` and `merge`: one document
// shape for all of them (snapcheck-results, version 1), a list of suites each with its cases, as
// JUnit has them, so that the JSON and the JUnit XML say the same thing. What is particular to a
// command (a suite's tallies and batches, a TLA+ result, a comparison's numbers) sits in `details`.
// The zod schema is the definition: parseResults reads it, and schemas/results.schema.json is
// generated from it for editors and CI tools.
import { z } from 'zod';
import { TOOL_VERSION } from '../trace/tool-version.ts';

export const RESULTS_FORMAT = 'snapcheck-results';
export const RESULTS_FORMAT_VERSION = 1;

const details = z.record(z.string(), z.unknown());
const elapsedMs = z.number().nonnegative();

export const caseStatusSchema = z.enum(['passed', 'failed', 'error', 'skipped']);

export const resultCaseSchema = z.strictObject({
  name: z.string().min(1),
  status: caseStatusSchema,
  elapsedMs: elapsedMs.optional(),
  /** One line: why it failed, or why it was skipped. */
  message: z.string().optional(),
  /** The whole explanation (a diagnosis, a TLC trace), for a JUnit failure body. */
  text: z.string().optional(),
  /** The counterexample bundle written for this failure, and its space-time diagram. */
  bundle: z.string().optional(),
  /** Commands that reproduce the failure. */
  reproduce: z.array(z.string()).optional(),
  details: details.optional(),
});

export const resultSuiteSchema = z.strictObject({
  name: z.string().min(1),
  kind: z.enum(['strategy', 'bundle', 'scenario', 'tla-config', 'workload']),
  elapsedMs: elapsedMs.optional(),
  cases: z.array(resultCaseSchema),
  details: details.optional(),
});

export const resultsSchema = z.strictObject({
  format: z.literal(RESULTS_FORMAT),
  formatVersion: z.literal(RESULTS_FORMAT_VERSION),
  tool: z.strictObject({ name: z.literal('snapcheck'), version: z.string().min(1) }),
  command: z.enum(['run', 'check', 'replay', 'tla', 'compare', 'merge']),
  argv: z.array(z.string()),
  /** The command's exit code, and what it means: 0 passed, 1 failed, anything else error. */
  exitCode: z.number().int(),
  outcome: z.enum(['passed', 'failed', 'error']),
  /** The line the command ends with, e.g. "7 strategies, 63 properties hold, 41 s". */
  summary: z.string(),
  /** Absent where the output must be byte-identical for the same input (compare). */
  elapsedMs: elapsedMs.optional(),
  suites: z.array(resultSuiteSchema),
  details: details.optional(),
});

export type CaseStatus = z.infer<typeof caseStatusSchema>;
export type ResultCase = z.infer<typeof resultCaseSchema>;
export type ResultSuite = z.infer<typeof resultSuiteSchema>;
export type Results = z.infer<typeof resultsSchema>;
export type ResultsCommand = Results['command'];

export function resultsDocument(fields: Omit<Results, 'format' | 'formatVersion' | 'tool' | 'outcome'>): Results {
  const outcome = fields.exitCode === 0 ? 'passed' : fields.exitCode === 1 ? 'failed' : 'error';
  return { format: RESULTS_FORMAT, formatVersion: RESULTS_FORMAT_VERSION, tool: { name: 'snapcheck', version: TOOL_VERSION }, outcome, ...fields };
}

export type ResultsCheck = { readonly ok: true; readonly results: Results } | { readonly ok: false; readonly problem: string };

/** Validate a results document (format and version first, then the schema); one line on failure. */
export function parseResults(input: unknown): ResultsCheck {
  const head = input as { format?: unknown; formatVersion?: unknown } | null;
  if (typeof head !== 'object' || head === null || head.format !== RESULTS_FORMAT) return { ok: false, problem: `not a ${RESULTS_FORMAT} document (its "format" is ${JSON.stringify(head?.format)})` };
  if (typeof head.formatVersion === 'number' && head.formatVersion > RESULTS_FORMAT_VERSION) {
    return { ok: false, problem: `results format version ${head.formatVersion} is newer than this snapcheck reads (${RESULTS_FORMAT_VERSION}); upgrade snapcheck` };
  }
  const parsed = resultsSchema.safeParse(input);
  if (parsed.success) return { ok: true, results: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { ok: false, problem: `${issue.path.join('.') || '(document)'}: ${issue.message}` };
}

export function formatResultsJson(results: Results): string {
  return `${JSON.stringify(results, null, 2)}\n`;
}
