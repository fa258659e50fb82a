// Mutants of a set of files: ts-morph parses them (with the project's compiler options, so the
// operators can ask for types), the operators propose edits, and each distinct mutated text
// becomes one mutant. A line marked `// mutation-equivalent: <reason>` turns the mutants that start
// on it into reported equivalents; `// mutation-equivalent(<operator>): <reason>` only that operator's,
// and `// mutation-equivalent(<operator>:<expression>): <reason>` only the mutants of that operator
// that replace that expression (`off-by-one:id` covers `id + 1` but not `checkpoint + 1` beside it).
import { relative } from 'node:path';
import { Project, type SourceFile } from 'ts-morph';
import { proposeMutations, type Proposal } from './operators.ts';
import type { Mutant } from './types.ts';

export interface GenerateOptions {
  /** Paths are reported relative to this directory. */
  readonly root: string;
  /** Per absolute path, the 1-based lines to mutate (`--since`); absent: every line. */
  readonly onlyLines?: ReadonlyMap<string, ReadonlySet<number>>;
}

export function createProject(tsconfig: string | undefined): Project {
  return tsconfig === undefined ? new Project({ compilerOptions: { strict: true, allowImportingTsExtensions: true, noEmit: true } }) : new Project({ tsConfigFilePath: tsconfig, skipAddingFilesFromTsConfig: true });
}

export function generateMutants(project: Project, files: readonly string[], options: GenerateOptions): Mutant[] {
  return files.flatMap((path) => {
    const lines = options.onlyLines?.get(path);
    if (options.onlyLines !== undefined && lines === undefined) return []; // unchanged file
    const file = project.getSourceFile(path) ?? project.addSourceFileAtPath(path);
    return mutantsOfFile(file, relative(options.root, path), lines);
  });
}

function mutantsOfFile(file: SourceFile, reportedPath: string, onlyLines: ReadonlySet<number> | undefined): Mutant[] {
  const text = file.getFullText();
  const seen = new Set<string>([text]);
  const counters = new Map<string, number>();
  const mutants: Mutant[] = [];
  for (const proposal of proposeMutations(file)) {
    const mutated = applyEdit(text, proposal.edit);
    if (seen.has(mutated)) continue; // two operators, one mutant: keep the first
    seen.add(mutated);
    const { line, column } = file.getLineAndColumnAtPos(proposal.edit.start);
    const endLine = file.getLineAndColumnAtPos(Math.max(proposal.edit.start, proposal.edit.end - 1)).line;
    if (onlyLines !== undefined && !overlaps(onlyLines, line, endLine)) continue;
    const key = `${reportedPath}:${line}:${proposal.operator}`;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    mutants.push(describeMutant(proposal, { id: `${key}:${n}`, file: reportedPath, line, column }, text, mutated));
  }
  return mutants;
}

function overlaps(lines: ReadonlySet<number>, first: number, last: number): boolean {
  for (let line = first; line <= last; line++) if (lines.has(line)) return true;
  return false;
}

export function applyEdit(text: string, edit: Mutant['edit']): string {
  return text.slice(0, edit.start) + edit.replacement + text.slice(edit.end);
}

interface Place {
  readonly id: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

function describeMutant(proposal: Proposal, place: Place, text: string, mutated: string): Mutant {
  const lineStart = text.lastIndexOf('\n', proposal.edit.start - 1) + 1;
  const lineEndBefore = endOfLine(text, proposal.edit.end);
  const lineEndAfter = endOfLine(mutated, proposal.edit.start + proposal.edit.replacement.length);
  const before = text.slice(lineStart, lineEndBefore);
  const after = mutated.slice(lineStart, lineEndAfter);
  const reason = equivalenceReason(before, proposal.operator, proposal.description);
  return { ...place, operator: proposal.operator, description: proposal.description, edit: proposal.edit, before, after, ...(reason === null ? {} : { equivalentReason: reason }) };
}

function endOfLine(text: string, position: number): number {
  const end = text.indexOf('\n', position);
  return end === -1 ? text.length : end;
}

const COVERED = String.raw`[a-z-]+(?::[\w.]+)?`;
const MARKER = new RegExp(String.raw`\/\/\s*mutation-equivalent(?:\((${COVERED}(?:\s*,\s*${COVERED})*)\))?:\s*(\S.*)$`);

/**
 * The reason the mutant's first line gives, if it covers this operator. Only the line the mutant
 * starts on counts: a swap of two statements belongs to the first, so a marker arguing about a
 * statement and the one after it never also excuses the swap with the one before. A marker without
 * a reason covers nothing.
 */
export function equivalenceReason(lines: string, operator: string, description: string): string | null {
  const match = MARKER.exec(lines.split('\n', 1)[0]!);
  if (!match) return null;
  const covered = match[1]?.split(',').map((o) => o.trim());
  return covered === undefined || covered.some((c) => covers(c, operator, description)) ? match[2]!.trim() : null;
}

/** Description openings before the expression a mutant acts on ("swap effects X and Y" acts on X first). */
const VERBS = ['swap effects ', 'swap statements ', 'remove effect ', 'remove statement ', 'negate ', 'replace '];

/** `c` is an operator, or an operator and the expression its mutants act on first (`off-by-one:id`: "id becomes id + 1"). */
function covers(c: string, operator: string, description: string): boolean {
  const [name, expression] = c.split(':');
  if (name !== operator) return false;
  if (expression === undefined) return true;
  const verb = VERBS.find((v) => description.startsWith(v)) ?? '';
  const subject = description.slice(verb.length);
  return subject.startsWith(expression) && !/\w/.test(subject.charAt(expression.length));
}
